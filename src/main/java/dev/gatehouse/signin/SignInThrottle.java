package dev.gatehouse.signin;

import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Slows password guessing: counts failed sign-ins per account and per client address in the database (so every
 * node sharing it enforces the same limits) and refuses further attempts, without checking any password, while
 * too many failures lie within the window. Refused attempts are not counted themselves, so an account frees up at
 * most one window after the last real failure: an attacker can delay its owner, never lock it for good.
 *
 * <p>An attempt is counted before it is checked ({@link #reserve}): checking first and counting after would let a
 * parallel burst pass the check together, each seeing the count from before the others. The reservation takes a
 * row lock per counter (account first, then address, so two attempts never wait on each other crosswise), counts
 * and inserts under it, so on any number of nodes at most the limit is reserved. A reservation stays as a failure
 * unless {@link #release}d. Thread-safe.
 */
public final class SignInThrottle {
    /**
     * @param perAccount failures for one userName within {@code window} after which attempts are refused
     * @param perAddress failures from one client address within {@code window} after which attempts are refused
     * @param window     how far back failures count, which is also the longest back-off
     */
    public record Limits(int perAccount, int perAddress, Duration window) {
        public static final Limits DEFAULT = new Limits(5, 20, Duration.ofMinutes(15));
    }

    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    /** One reserved attempt, counted as a failure until released. */
    public record Attempt(String id) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final RandomIds ids;
    private final Limits limits;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>();

    public SignInThrottle(Jdbi jdbi, Clock clock, RandomIds ids, Limits limits) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ids = ids;
        this.limits = limits;
    }

    /**
     * Counts an attempt for {@code userName} from {@code address} before it is looked at; empty (and nothing
     * counted) when either counter is already at its limit, or when the counters are too busy to wait for: a
     * refusal is the safe answer either way.
     */
    public Optional<Attempt> reserve(String userName, String address) {
        String account = accountKey(userName);
        String from = addressKey(address);
        Instant now = clock.instant();
        Instant since = now.minus(limits.window());
        Attempt attempt = new Attempt(ids.hex(16));
        sweepNowAndThen(now);
        // A lock row can vanish between making it and locking it (the sweep dropped it as idle): make it again.
        for (int round = 0; round < 3; round++) {
            ensureCounter(account);
            ensureCounter(from);
            Optional<Optional<Attempt>> outcome;
            try {
                outcome = jdbi.inTransaction(h -> {
                    // always account before address: the order every reservation takes, so none waits crosswise
                    if (!lock(h, account) || !lock(h, from)) {
                        return Optional.empty();
                    }
                    if (count(h, account, since) >= limits.perAccount() || count(h, from, since) >= limits.perAddress()) {
                        return Optional.of(Optional.empty());
                    }
                    insert(h, account, now, attempt.id());
                    insert(h, from, now, attempt.id());
                    return Optional.of(Optional.of(attempt));
                });
            } catch (UnableToExecuteStatementException e) {
                if (isLockTimeout(e)) {
                    return Optional.empty();
                }
                throw e;
            }
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        return Optional.empty(); // the counters keep disappearing: refusing is the safe answer
    }

    /**
     * At most once a minute per node: drops failures older than the window and lock rows with no failure left, so
     * neither table grows with every name ever tried. A lock row dropped while an attempt wants it is made again.
     */
    private void sweepNowAndThen(Instant now) {
        Instant last = lastSweep.get();
        if (last != null && last.isAfter(now.minus(SWEEP_EVERY)) || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        try {
            jdbi.useHandle(h -> {
                h.createUpdate("DELETE FROM sign_in_failures WHERE failed_at < :cutoff")
                        .bind("cutoff", now.minus(limits.window())).execute();
                h.createUpdate("""
                        DELETE FROM sign_in_counters WHERE NOT EXISTS
                            (SELECT 1 FROM sign_in_failures f WHERE f.counter_key = sign_in_counters.counter_key)""").execute();
            });
        } catch (UnableToExecuteStatementException e) {
            if (!isLockTimeout(e)) {
                throw e;
            }
            // Busy counters are in use, not idle: the next sweep gets them. The attempt itself goes on.
        }
    }

    /** Takes a reservation back: the attempt was not a failure (a right password, a right code). */
    public void release(Attempt attempt) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sign_in_failures WHERE attempt_id = :a")
                .bind("a", attempt.id()).execute());
    }

    /** Counts one failure that needed no check (a blank or overlong user name) against both counters. */
    public void recordFailure(String userName, String address) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            insert(h, accountKey(userName), now, null);
            insert(h, addressKey(address), now, null);
        });
    }

    /** After a full sign-in the account's earlier failures no longer count (the address's still do). */
    public void forgetAccount(String userName) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sign_in_failures WHERE counter_key = :k")
                .bind("k", accountKey(userName)).execute());
    }

    /**
     * The lock row of {@code key}, made on first use. Two nodes may both try to make it; the loser's duplicate-key
     * error means the row is there, which is all that is needed. Old failures go at the same moment, so the table
     * stays as small as the window.
     */
    private void ensureCounter(String key) {
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM sign_in_failures WHERE counter_key = :k AND failed_at < :cutoff")
                    .bind("k", key).bind("cutoff", clock.instant().minus(limits.window())).execute();
            boolean exists = h.createQuery("SELECT COUNT(*) FROM sign_in_counters WHERE counter_key = :k")
                    .bind("k", key).mapTo(Integer.class).one() > 0;
            if (exists) {
                return;
            }
            try {
                h.createUpdate("INSERT INTO sign_in_counters (counter_key) VALUES (:k)").bind("k", key).execute();
            } catch (UnableToExecuteStatementException e) {
                if (!"23505".equals(sqlState(e))) {
                    throw e;
                }
            }
        });
    }

    /** Locks the counter's row until the transaction ends; false when the row is gone. */
    private static boolean lock(Handle h, String key) {
        return h.createQuery("SELECT counter_key FROM sign_in_counters WHERE counter_key = :k FOR UPDATE")
                .bind("k", key).mapTo(String.class).findOne().isPresent();
    }

    private static int count(Handle h, String key, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM sign_in_failures WHERE counter_key = :k AND failed_at > :since")
                .bind("k", key).bind("since", since).mapTo(Integer.class).one();
    }

    private static void insert(Handle h, String key, Instant at, String attemptId) {
        h.createUpdate("INSERT INTO sign_in_failures (counter_key, failed_at, attempt_id) VALUES (:k, :at, :a)")
                .bind("k", key).bind("at", at).bind("a", attemptId).execute();
    }

    /** H2's lock timeout (HYT00, 50200) or PostgreSQL's lock_not_available / deadlock_detected. */
    private static boolean isLockTimeout(UnableToExecuteStatementException e) {
        String state = sqlState(e);
        return "HYT00".equals(state) || "50200".equals(state) || "55P03".equals(state) || "40P01".equals(state);
    }

    private static String sqlState(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
    }

    private static String accountKey(String userName) {
        String name = userName == null ? "" : userName.trim().toLowerCase(Locale.ROOT);
        return "account:" + (name.length() > 128 ? name.substring(0, 128) : name);
    }

    private static String addressKey(String address) {
        String a = address == null ? "" : address;
        return "address:" + (a.length() > 100 ? a.substring(0, 100) : a);
    }
}
