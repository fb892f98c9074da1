package dev.gatehouse.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The record of who did what: every sign-in (and failed attempt), second-factor event, SSO launch and
 * administrative change is written here and to the log. Callers never pass secrets; {@link SecretScrubber}
 * still masks anything shaped like one, because an audit trail is read by more people than the data it
 * describes. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded event. */
    public record Event(long id, Instant at, String actor, String type, String target, String detail) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final GroupCommitWriter writer;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.writer = new GroupCommitWriter(jdbi);
    }

    /**
     * @param actor  who acted (a userName, {@code token:NAME} or {@code system})
     * @param type   what kind of event, e.g. {@code SIGN_IN}, {@code SIGN_IN_FAILED}, {@code SSO_LAUNCH}, {@code APP_UPDATED}
     * @param target what it acted on (an app or user id), or {@code null}
     * @param detail a short human-readable or JSON description
     */
    public void record(String actor, String type, String target, String detail) {
        String scrubbed = detail == null ? null : SecretScrubber.scrub(detail);
        String d = scrubbed == null ? null : scrubbed.length() > 8000 ? scrubbed.substring(0, 8000) : scrubbed;
        String who = truncate(SecretScrubber.scrub(actor == null ? "system" : actor), 128);
        String what = truncate(target == null ? null : SecretScrubber.scrub(target), 256);
        writer.write(new GroupCommitWriter.Row(clock.instant(), who, type, what, d));
        log.info("{} by {} on {}: {}", type, who, what, d);
    }

    /**
     * Records a change in the one format every service uses: {@code {"before":…,"after":…}} as JSON, either side
     * omitted when there was nothing before (a creation) or is nothing after (a deletion).
     *
     * @param before the state before the change (a map or record Jackson can write), or {@code null}
     * @param after  the state after the change, or {@code null}
     */
    public void recordChange(String actor, String type, String target, Object before, Object after) {
        Map<String, Object> change = new LinkedHashMap<>();
        if (before != null) {
            change.put("before", before);
        }
        if (after != null) {
            change.put("after", after);
        }
        try {
            record(actor, type, target, JSON.writeValueAsString(change));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit state that cannot be written as JSON: " + type, e);
        }
    }

    /** The newest events first, at most {@code limit}. */
    public List<Event> recent(int limit) {
        return search(AuditQuery.all(), limit);
    }

    /** The newest events matching {@code query} first, at most {@code limit}. */
    public List<Event> search(AuditQuery query, int limit) {
        return jdbi.withHandle(h -> where(h.createQuery(select(query) + " ORDER BY id DESC"), query)
                .setMaxRows(limit).map((rs, c) -> new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list());
    }

    /** One event by its id, once it is written (a group commit may hold it for a moment). */
    public Optional<Event> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, at, actor, event_type, target, detail FROM audit_events WHERE id = :id")
                .bind("id", id).map((rs, c) -> new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6))).findOne());
    }

    /** Every event matching {@code query}, oldest first, handed to {@code sink} one at a time (exports). */
    public void export(AuditQuery query, Consumer<Event> sink) {
        // autocommit off lets PostgreSQL's driver stream with a cursor instead of loading the whole table
        jdbi.useTransaction(h -> where(h.createQuery(select(query) + " ORDER BY id"), query).setFetchSize(500)
                .map((rs, c) -> new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .useStream(events -> events.forEach(sink)));
    }

    /** The event types recorded so far, for the console's filter list. */
    public List<String> types() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT event_type FROM audit_events ORDER BY event_type")
                .mapTo(String.class).list());
    }

    /** Stores events still queued for the writer; call before closing the database. */
    @Override
    public void close() {
        writer.close();
    }

    /** One event as a single line of JSON (no trailing newline): {@code id, at, actor, type, target, detail}. */
    public static String jsonLine(Event e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", e.id());
        fields.put("at", e.at().toString());
        fields.put("actor", e.actor());
        fields.put("type", e.type());
        fields.put("target", e.target());
        fields.put("detail", e.detail());
        try {
            return JSON.writeValueAsString(fields); // escapes line breaks, so one event is one line
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String select(AuditQuery q) {
        List<String> conditions = new ArrayList<>();
        if (q.actor() != null) {
            conditions.add("LOWER(actor) = LOWER(:actor)");
        }
        if (q.target() != null) {
            conditions.add("target = :target");
        }
        if (q.type() != null) {
            conditions.add("event_type = :type");
        }
        if (q.from() != null) {
            conditions.add("at >= :from");
        }
        if (q.to() != null) {
            conditions.add("at < :to");
        }
        return "SELECT id, at, actor, event_type, target, detail FROM audit_events"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
    }

    private static Query where(Query query, AuditQuery q) {
        if (q.actor() != null) {
            query.bind("actor", q.actor());
        }
        if (q.target() != null) {
            query.bind("target", q.target());
        }
        if (q.type() != null) {
            query.bind("type", q.type());
        }
        if (q.from() != null) {
            query.bind("from", q.from());
        }
        if (q.to() != null) {
            query.bind("to", q.to());
        }
        return query;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
