package dev.gatehouse.signin;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Slows password guessing: counts failed sign-ins per account and per client address in the database (so every
 * node sharing it enforces the same limits) and refuses further attempts, without checking any password, while
 * too many failures lie within the window. Refused attempts are not counted themselves, so an account frees up at
 * most one window after the last real failure: an attacker can delay its owner, never lock it for good.
 * Thread-safe.
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

    private final Jdbi jdbi;
    private final Clock clock;
    private final Limits limits;

    public SignInThrottle(Jdbi jdbi, Clock clock, Limits limits) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.limits = limits;
    }

    /** Whether an attempt for {@code userName} from {@code address} must be refused before looking at it. */
    public boolean refuses(String userName, String address) {
        Instant since = clock.instant().minus(limits.window());
        return count(accountKey(userName), since) >= limits.perAccount()
                || count(addressKey(address), since) >= limits.perAddress();
    }

    /** Counts one failure (wrong password, unknown user, wrong second factor…) against both counters. */
    public void recordFailure(String userName, String address) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            // Old rows are useless: dropping them here keeps the table as small as the window.
            h.createUpdate("DELETE FROM sign_in_failures WHERE failed_at < :cutoff")
                    .bind("cutoff", now.minus(limits.window())).execute();
            for (String key : new String[]{accountKey(userName), addressKey(address)}) {
                h.createUpdate("INSERT INTO sign_in_failures (counter_key, failed_at) VALUES (:k, :at)")
                        .bind("k", key).bind("at", now).execute();
            }
        });
    }

    /** After a full sign-in the account's earlier failures no longer count (the address's still do). */
    public void forgetAccount(String userName) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sign_in_failures WHERE counter_key = :k")
                .bind("k", accountKey(userName)).execute());
    }

    private int count(String key, Instant since) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM sign_in_failures WHERE counter_key = :k AND failed_at > :since")
                .bind("k", key).bind("since", since).mapTo(Integer.class).one());
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
