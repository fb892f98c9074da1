package dev.gatehouse.provisioning;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable outbox of pushes: one row per "bring this user up to date at this application", written when
 * something changes and claimed by whichever node's worker gets it first. A claim is one conditional UPDATE
 * ({@code … WHERE claimed_by IS NULL OR the lease ran out}), so exactly one node wins on H2 and PostgreSQL alike, and
 * a node that dies mid-push leaves a lease that runs out. Only the oldest pending row of an (application, user) is
 * claimable, so one user's pushes to one application run one at a time and in order. Failures are retried with
 * exponential backoff up to a cap, then the row is given up on (FAILED). Thread-safe.
 */
public final class PushQueue {
    public static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofHours(1);
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final String COLUMNS = "id, app_id, user_id, user_name, reason, status, action, attempts, next_attempt_at, last_error, updated_at";

    /** A row as the admin page and the worker see it. */
    public record Push(long id, String appId, String userId, String userName, String reason, String status,
                       String action, int attempts, Instant nextAttemptAt, String lastError, Instant updatedAt) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public PushQueue(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Adds a push for the user at the application, unless one is already waiting unclaimed (it will read the
     * user's state when it runs, so it covers this change too).
     */
    void enqueue(String appId, String userId, String userName, String reason) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            boolean waiting = h.createQuery("""
                            SELECT COUNT(*) FROM scim_push_queue
                            WHERE app_id = :app AND user_id = :user AND status = 'PENDING' AND claimed_by IS NULL AND attempts = 0""")
                    .bind("app", appId).bind("user", userId).mapTo(Integer.class).one() > 0;
            if (!waiting) {
                h.createUpdate("""
                                INSERT INTO scim_push_queue (app_id, user_id, user_name, reason, status, attempts, next_attempt_at,
                                                             created_at, updated_at)
                                VALUES (:app, :user, :name, :reason, 'PENDING', 0, :now, :now, :now)""")
                        .bind("app", appId).bind("user", userId).bind("name", userName).bind("reason", reason).bind("now", now)
                        .execute();
            }
        });
    }

    /** The users with a push still to run at the application (waiting, claimed or backing off). */
    java.util.Set<String> pendingUserIds(String appId) {
        return new java.util.HashSet<>(jdbi.withHandle(h -> h.createQuery(
                        "SELECT DISTINCT user_id FROM scim_push_queue WHERE app_id = :app AND status = 'PENDING'")
                .bind("app", appId).mapTo(String.class).list()));
    }

    /** Claims up to {@code limit} due rows for {@code node}; each is this node's alone until done or its lease ends. */
    List<Push> claim(String node, int limit) {
        Instant now = clock.instant();
        List<Long> candidates = jdbi.withHandle(h -> h.createQuery("""
                        SELECT q.id FROM scim_push_queue q
                        WHERE q.status = 'PENDING' AND q.next_attempt_at <= :now
                          AND (q.claimed_by IS NULL OR q.claimed_until < :now)
                          AND NOT EXISTS (SELECT 1 FROM scim_push_queue p
                                          WHERE p.app_id = q.app_id AND p.user_id = q.user_id
                                            AND p.status = 'PENDING' AND p.id < q.id)
                        ORDER BY q.id LIMIT :limit""")
                .bind("now", now).bind("limit", limit).mapTo(Long.class).list());
        List<Push> claimed = new ArrayList<>();
        for (long id : candidates) {
            int won = jdbi.withHandle(h -> h.createUpdate("""
                            UPDATE scim_push_queue SET claimed_by = :node, claimed_until = :until
                            WHERE id = :id AND status = 'PENDING' AND (claimed_by IS NULL OR claimed_until < :now)""")
                    .bind("node", node).bind("until", now.plus(LEASE)).bind("id", id).bind("now", now).execute());
            if (won == 1) {
                claimed.add(find(id));
            }
        }
        return claimed;
    }

    /** The push succeeded: {@code action} says what it did at the target. */
    void succeeded(long id, String node, String action, String userName) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE scim_push_queue SET status = 'DONE', action = :action, attempts = attempts + 1,
                               user_name = COALESCE(:name, user_name), last_error = NULL,
                               claimed_by = NULL, claimed_until = NULL, updated_at = :now
                        WHERE id = :id AND claimed_by = :node""")
                .bind("action", action).bind("name", userName).bind("now", clock.instant()).bind("id", id).bind("node", node)
                .execute());
    }

    /** The push failed: retried after a backoff, or given up on after {@link #MAX_ATTEMPTS}. Returns the row now. */
    Push failed(Push push, String node, String error) {
        int attempts = push.attempts() + 1;
        Instant now = clock.instant();
        boolean giveUp = attempts >= MAX_ATTEMPTS;
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE scim_push_queue SET status = :status, attempts = :attempts, next_attempt_at = :next,
                               last_error = :error, claimed_by = NULL, claimed_until = NULL, updated_at = :now
                        WHERE id = :id AND claimed_by = :node""")
                .bind("status", giveUp ? "FAILED" : "PENDING").bind("attempts", attempts)
                .bind("next", now.plus(backoff(attempts))).bind("error", truncate(error, 1000)).bind("now", now)
                .bind("id", push.id()).bind("node", node).execute());
        return find(push.id());
    }

    /** 30 s after the first failure, doubling each time, at most an hour. */
    static Duration backoff(int attempts) {
        Duration delay = FIRST_RETRY;
        for (int i = 1; i < attempts && delay.compareTo(MAX_RETRY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }

    /** The application's latest pushes, newest first. */
    public List<Push> recent(String appId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM scim_push_queue WHERE app_id = :app ORDER BY id DESC LIMIT :limit")
                .bind("app", appId).bind("limit", limit).map((rs, c) -> map(rs)).list());
    }

    /** Gives every failed push of the application another round of attempts (after the administrator fixed the target). */
    int retryFailed(String appId) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE scim_push_queue SET status = 'PENDING', attempts = 0, next_attempt_at = :now, updated_at = :now
                        WHERE app_id = :app AND status = 'FAILED'""")
                .bind("app", appId).bind("now", clock.instant()).execute());
    }

    /** Makes the application's waiting pushes due now (the administrator's "Push now"). */
    int dueNow(String appId) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE scim_push_queue SET next_attempt_at = :now WHERE app_id = :app AND status = 'PENDING'""")
                .bind("app", appId).bind("now", clock.instant()).execute());
    }

    private Push find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM scim_push_queue WHERE id = :id")
                .bind("id", id).map((rs, c) -> map(rs)).one());
    }

    private static Push map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Push(rs.getLong("id"), rs.getString("app_id"), rs.getString("user_id"), rs.getString("user_name"),
                rs.getString("reason"), rs.getString("status"), rs.getString("action"), rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"), rs.getTimestamp("updated_at").toInstant());
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
