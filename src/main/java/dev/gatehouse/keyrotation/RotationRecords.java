package dev.gatehouse.keyrotation;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rotation's own rows: one {@code key_rotations} row per application being worked on (a lease claimed by a
 * conditional UPDATE, the backoff after failures, the last error, the admin's test user) and the timeline of steps
 * in {@code key_rotation_steps}. Thread-safe.
 */
public final class RotationRecords {
    /** How long a claim keeps other nodes off an application: longer than a push and a test take. */
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofHours(1);

    /** One step of the timeline. */
    public record Step(String keyId, String step, boolean ok, String detail, Instant at) {
    }

    /** The application's rotation row: failures in a row, when it may be tried next, the last error, the test user. */
    public record State(int failures, Instant dueAt, String lastError, String testUser) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    RotationRecords(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    void step(String appId, String keyId, String step, boolean ok, String detail) {
        String text = detail.length() > 2000 ? detail.substring(0, 1997) + "..." : detail;
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO key_rotation_steps (app_id, key_id, step, ok, detail, at)
                        VALUES (:app, :key, :step, :ok, :detail, :at)""")
                .bind("app", appId).bind("key", keyId).bind("step", step).bind("ok", ok).bind("detail", text)
                .bind("at", clock.instant()).execute());
    }

    /** The newest {@code limit} steps, newest first. */
    List<Step> steps(String appId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT key_id, step, ok, detail, at FROM key_rotation_steps WHERE app_id = :app
                        ORDER BY at DESC, id DESC""").bind("app", appId).setMaxRows(limit)
                .map((rs, c) -> new Step(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).list());
    }

    Optional<State> state(String appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT failures, due_at, last_error, test_user FROM key_rotations WHERE app_id = :app")
                .bind("app", appId).map((rs, c) -> new State(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4))).findOne());
    }

    /**
     * Claims the application for this node until the lease ends: true for one caller at a time, and only once its
     * backoff has passed.
     */
    boolean claim(String appId) {
        Instant now = clock.instant();
        int claimed = jdbi.withHandle(h -> h.createUpdate("UPDATE key_rotations SET due_at = :lease WHERE app_id = :app AND due_at <= :now")
                .bind("lease", now.plus(LEASE)).bind("app", appId).bind("now", now).execute());
        if (claimed == 1) {
            return true;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO key_rotations (app_id, failures, due_at) VALUES (:app, 0, :lease)")
                    .bind("app", appId).bind("lease", now.plus(LEASE)).execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (state(appId).isPresent()) {
                return false; // the row exists: another node holds it, or its backoff has not passed
            }
            throw e;
        }
    }

    /** The attempt worked: no backoff; due again at once. */
    void succeeded(String appId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE key_rotations SET failures = 0, due_at = :now, last_error = NULL WHERE app_id = :app")
                .bind("app", appId).bind("now", clock.instant()).execute());
    }

    /** The attempt failed: due again after a backoff that doubles per failure, up to {@link #MAX_RETRY}. */
    void failed(String appId, String error) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> {
            int failures = h.createQuery("SELECT failures FROM key_rotations WHERE app_id = :app").bind("app", appId)
                    .mapTo(Integer.class).findOne().orElse(0) + 1;
            Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 16));
            h.createUpdate("UPDATE key_rotations SET failures = :f, due_at = :due, last_error = :e WHERE app_id = :app")
                    .bind("f", failures).bind("due", now.plus(wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait))
                    .bind("e", error.length() > 2000 ? error.substring(0, 1997) + "..." : error).bind("app", appId).execute();
        });
    }

    /** The admin's choice of test user ({@code null}: the first assigned); creates the row when needed. */
    void setTestUser(String appId, String userName) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE key_rotations SET test_user = :u WHERE app_id = :app")
                    .bind("u", userName).bind("app", appId).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO key_rotations (app_id, failures, due_at, test_user) VALUES (:app, 0, :now, :u)")
                        .bind("app", appId).bind("now", clock.instant()).bind("u", userName).execute();
            }
        });
    }

    /** Makes the application due now (after an admin's "Start rotation now"), keeping a lease another node holds. */
    void dueNow(String appId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE key_rotations SET failures = 0, due_at = :now WHERE app_id = :app AND failures > 0")
                .bind("now", clock.instant()).bind("app", appId).execute());
    }
}
