package dev.gatehouse.awsemulator.cloudtrail;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stored events of every account: one insert per event (its resources in the same transaction), lookups that
 * read one index range newest first, and the 90-day retention. Every node prunes at most once an hour, on the write
 * path, so no scheduler is needed and a quiet emulator keeps what it has. Thread-safe.
 */
public final class CloudTrailEvents {
    /** How long AWS's Event history keeps an event. */
    public static final Duration RETENTION = Duration.ofDays(90);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicLong lastPrune = new AtomicLong(Long.MIN_VALUE);

    public CloudTrailEvents(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Stores {@code batch} in one transaction (a console sign-in's two events commit together). */
    public void append(List<StoredEvent> batch) {
        jdbi.useTransaction(h -> batch.forEach(event -> {
            h.createUpdate("""
                            INSERT INTO cloudtrail_events (event_id, account_id, event_time, event_name, event_source, username,
                                access_key_id, read_only, record_json)
                            VALUES (:id, :account, :time, :name, :source, :username, :key, :readOnly, :record)""")
                    .bind("id", event.eventId()).bind("account", event.accountId())
                    .bind("time", event.eventTime().toEpochMilli()).bind("name", event.eventName())
                    .bind("source", event.eventSource()).bind("username", event.username())
                    .bind("key", event.accessKeyId()).bind("readOnly", event.readOnly())
                    .bind("record", event.recordJson()).execute();
            if (!event.resources().isEmpty()) {
                PreparedBatch resources = h.prepareBatch("""
                        INSERT INTO cloudtrail_event_resources (event_id, account_id, event_time, resource_type, resource_name)
                        VALUES (:id, :account, :time, :type, :name)""");
                for (StoredEvent.Resource r : event.resources()) {
                    resources.bind("id", event.eventId()).bind("account", event.accountId())
                            .bind("time", event.eventTime().toEpochMilli()).bind("type", r.type()).bind("name", r.name()).add();
                }
                resources.execute();
            }
        }));
        long now = clock.millis();
        long last = lastPrune.get();
        if (now - last >= PRUNE_EVERY.toMillis() && lastPrune.compareAndSet(last, now)) {
            prune(clock.instant().minus(RETENTION));
        }
    }

    /** Deletes every event older than {@code cutoff} (their resources go with them). @return how many */
    public int prune(Instant cutoff) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM cloudtrail_event_resources WHERE event_time < :cutoff")
                    .bind("cutoff", cutoff.toEpochMilli()).execute();
            return h.createUpdate("DELETE FROM cloudtrail_events WHERE event_time < :cutoff")
                    .bind("cutoff", cutoff.toEpochMilli()).execute();
        });
    }

    /**
     * @return at most {@code query.limit() + 1} events, newest first (one more than asked tells the caller there
     *         is a next page)
     */
    public List<StoredEvent> lookup(LookupQuery query) {
        StringBuilder sql = new StringBuilder("SELECT e.* FROM cloudtrail_events e WHERE e.account_id = :account"
                + " AND e.event_time >= :start AND e.event_time <= :end");
        LookupQuery.Attribute a = query.attribute();
        if (a != null && a.onResources()) {
            sql.append(" AND e.event_id IN (SELECT r.event_id FROM cloudtrail_event_resources r WHERE r.account_id = :account AND ")
                    .append(a.column).append(" = :value)");
        } else if (a != null) {
            sql.append(" AND ").append(a.column).append(" = :value");
        }
        if (query.after() != null) {
            sql.append(" AND (e.event_time < :afterTime OR (e.event_time = :afterTime AND e.event_id < :afterId))");
        }
        sql.append(" ORDER BY e.event_time DESC, e.event_id DESC LIMIT :limit");
        List<StoredEvent> events = jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("account", query.accountId())
                    .bind("start", query.start().toEpochMilli()).bind("end", query.end().toEpochMilli())
                    .bind("limit", query.limit() + 1);
            if (a == LookupQuery.Attribute.ReadOnly) {
                q.bind("value", Boolean.parseBoolean(query.value()));
            } else if (a != null) {
                q.bind("value", query.value());
            }
            if (query.after() != null) {
                q.bind("afterTime", query.after().eventTimeMillis()).bind("afterId", query.after().eventId());
            }
            return q.map((rs, ctx) -> new StoredEvent(rs.getString("event_id"), rs.getString("account_id"),
                    Instant.ofEpochMilli(rs.getLong("event_time")), rs.getString("event_name"), rs.getString("event_source"),
                    rs.getString("username"), rs.getString("access_key_id"), rs.getBoolean("read_only"), List.of(),
                    rs.getString("record_json"))).list();
        });
        return withResources(events);
    }

    public Optional<StoredEvent> find(String accountId, String eventId) {
        List<StoredEvent> found = lookup(new LookupQuery(accountId, LookupQuery.Attribute.EventId, eventId,
                Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE / 2), 1, null));
        return found.stream().findFirst();
    }

    private List<StoredEvent> withResources(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return events;
        }
        Map<String, List<StoredEvent.Resource>> byEvent = new LinkedHashMap<>();
        events.forEach(e -> byEvent.put(e.eventId(), new ArrayList<>()));
        jdbi.useHandle(h -> h.createQuery("SELECT event_id, resource_type, resource_name FROM cloudtrail_event_resources"
                        + " WHERE event_id IN (<ids>)")
                .bindList("ids", new ArrayList<>(byEvent.keySet()))
                .map((rs, ctx) -> Map.entry(rs.getString("event_id"),
                        new StoredEvent.Resource(rs.getString("resource_type"), rs.getString("resource_name"))))
                .forEach(entry -> byEvent.get(entry.getKey()).add(entry.getValue())));
        List<StoredEvent> out = new ArrayList<>(events.size());
        for (StoredEvent e : events) {
            out.add(new StoredEvent(e.eventId(), e.accountId(), e.eventTime(), e.eventName(), e.eventSource(), e.username(),
                    e.accessKeyId(), e.readOnly(), List.copyOf(byEvent.get(e.eventId())), e.recordJson()));
        }
        return out;
    }
}
