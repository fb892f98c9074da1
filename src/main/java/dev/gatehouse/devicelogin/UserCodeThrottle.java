package dev.gatehouse.devicelogin;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Throttles user-code guessing per signed-in user: at most {@link #MAX_FAILURES} wrong codes in
 * {@link #WINDOW}. An attempt is counted before its code is looked at, by one conditional UPDATE that cannot count
 * past the limit, so any number of parallel guesses on any number of nodes gets at most the limit through.
 */
public final class UserCodeThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Jdbi jdbi;
    private final Clock clock;

    public UserCodeThrottle(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Counts one attempt; false when the user has used up the window's attempts. */
    boolean reserve(String userId) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            try {
                h.createUpdate("INSERT INTO device_code_failures (user_id, window_start, failures) VALUES (:u, :now, 0)")
                        .bind("u", userId).bind("now", now).execute();
            } catch (RuntimeException alreadyThere) {
                // the row exists (or a parallel attempt just made it): the UPDATE below counts either way
            }
            return h.createUpdate("""
                            UPDATE device_code_failures
                            SET failures = CASE WHEN window_start <= :cutoff THEN 1 ELSE failures + 1 END,
                                window_start = CASE WHEN window_start <= :cutoff THEN :now ELSE window_start END
                            WHERE user_id = :u AND (window_start <= :cutoff OR failures < :max)""")
                    .bind("u", userId).bind("now", now).bind("cutoff", now.minus(WINDOW)).bind("max", MAX_FAILURES)
                    .execute() == 1;
        });
    }

    /** Takes back the attempt of a right code. */
    void release(String userId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE device_code_failures SET failures = failures - 1 WHERE user_id = :u AND failures > 0")
                .bind("u", userId).execute());
    }
}
