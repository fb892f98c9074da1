package dev.gatehouse.awsemulator.console;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Slows guessing of root secret keys on the console sign-in, with the portal's limits: 5 attempts per account id,
 * 20 per client address, in a 15-minute window. An attempt is reserved (a row per counter, committed) before the
 * secret is compared, and then counted with every other reserved or failed attempt: whatever the interleaving, of
 * attempts that race, each sees at least the rows inserted before its own, so no more than the limit get evaluated,
 * on one node or many sharing the database. Over the limit, the attempt is refused without looking at the secret
 * and its rows are removed, so refused attempts do not extend the lock. The emulator's own copy: it never imports
 * the identity center. Thread-safe.
 */
public final class RootSignInThrottle {
    /** The portal's limits (README, Security). */
    public record Limits(int perAccount, int perAddress, Duration window) {
        public static final Limits DEFAULT = new Limits(5, 20, Duration.ofMinutes(15));
    }

    /** A reserved attempt: its rows, ended by {@link #failed}, {@link #succeeded} or nothing (a failure). */
    public record Reservation(String accountKey, List<Long> rowIds) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Limits limits;

    public RootSignInThrottle(Jdbi jdbi, Clock clock, Limits limits) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.limits = limits;
    }

    /** Reserves an attempt for {@code accountId} from {@code address}; empty when it must be refused unexamined. */
    public Optional<Reservation> reserve(String accountId, String address) {
        long now = clock.millis();
        long cutoff = now - limits.window().toMillis();
        String account = key("account:", accountId);
        String client = key("address:", address);
        // Committed at once (no surrounding transaction), so concurrent attempts on any node count this one.
        List<Long> ids = jdbi.withHandle(h -> {
            h.createUpdate("DELETE FROM console_signin_attempts WHERE attempt_at <= :cutoff").bind("cutoff", cutoff).execute();
            return List.of(insert(h, account, now), insert(h, client, now));
        });
        Reservation reservation = new Reservation(account, ids);
        if (count(account, cutoff) > limits.perAccount() || count(client, cutoff) > limits.perAddress()) {
            release(reservation);
            return Optional.empty();
        }
        return Optional.of(reservation);
    }

    /** The secret was right: the attempt does not count, nor do the account's earlier failures. */
    public void succeeded(Reservation reservation) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM console_signin_attempts WHERE counter_key = :k")
                .bind("k", reservation.accountKey()).execute());
        release(reservation);
    }

    private void release(Reservation reservation) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM console_signin_attempts WHERE id IN (<ids>)")
                .bindList("ids", reservation.rowIds()).execute());
    }

    private static long insert(org.jdbi.v3.core.Handle h, String key, long at) {
        return h.createUpdate("INSERT INTO console_signin_attempts (counter_key, attempt_at) VALUES (:k, :at)")
                .bind("k", key).bind("at", at).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private int count(String key, long cutoff) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM console_signin_attempts WHERE counter_key = :k AND attempt_at > :cutoff")
                .bind("k", key).bind("cutoff", cutoff).mapTo(Integer.class).one());
    }

    private static String key(String kind, String value) {
        String v = value == null ? "" : value;
        return kind + (v.length() > 100 ? v.substring(0, 100) : v);
    }
}
