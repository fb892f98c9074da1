package dev.gatehouse.audit;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The record of who did what: every sign-in (and failed attempt), SSO launch and administrative change is
 * written here and to the log. Secrets are never passed in. Thread-safe.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger("audit");

    /** One recorded event. */
    public record Event(long id, Instant at, String actor, String type, String target, String detail) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * @param actor  who acted (a userName, {@code token:NAME} or {@code system})
     * @param type   what kind of event, e.g. {@code SIGN_IN}, {@code SIGN_IN_FAILED}, {@code SSO_LAUNCH}, {@code APP_UPDATED}
     * @param target what it acted on (an app or user id), or {@code null}
     * @param detail a short human-readable or JSON description
     */
    public void record(String actor, String type, String target, String detail) {
        String d = detail == null ? null : detail.length() > 8000 ? detail.substring(0, 8000) : detail;
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO audit_events (at, actor, event_type, target, detail)
                        VALUES (:at, :actor, :type, :target, :detail)""")
                .bind("at", clock.instant()).bind("actor", truncate(actor, 128)).bind("type", type)
                .bind("target", truncate(target, 256)).bind("detail", d)
                .execute());
        log.info("{} by {} on {}: {}", type, actor, target, d);
    }

    /** The newest events first, at most {@code limit}. */
    public List<Event> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, at, actor, event_type, target, detail FROM audit_events ORDER BY id DESC""")
                .setMaxRows(limit)
                .map((rs, c) -> new Event(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .list());
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
