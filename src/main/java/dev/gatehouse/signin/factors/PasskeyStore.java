package dev.gatehouse.signin.factors;

import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Passkeys (WebAuthn credentials) and the challenges handed out for them, in the database. Every "use once" rule is
 * a conditional statement: a challenge is taken by the DELETE that removes it, and a sign counter only moves
 * forward, so two nodes racing with the same answer cannot both win. Thread-safe.
 */
public final class PasskeyStore {

    /** One registered passkey. {@code credentialId}, {@code userHandle} and {@code publicKey} are base64url. */
    public record Passkey(String credentialId, String userId, String userHandle, String publicKey, long signCount,
                          boolean uvInitialized, Set<String> transports, String name, Instant createdAt,
                          Instant lastUsedAt) {
        public Passkey {
            transports = Set.copyOf(transports);
        }
    }

    /** What a challenge was issued for. */
    enum Purpose { REGISTER, SECOND_FACTOR, PASSWORDLESS }

    private final Jdbi jdbi;
    private final Clock clock;

    public PasskeyStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The user's passkeys, oldest first. */
    public List<Passkey> forUser(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM passkeys WHERE user_id = :u ORDER BY created_at, credential_id")
                .bind("u", userId).map((rs, c) -> passkey(rs)).list());
    }

    Optional<Passkey> find(String credentialId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM passkeys WHERE credential_id = :c")
                .bind("c", credentialId).map((rs, c) -> passkey(rs)).findOne());
    }

    /** The user handle the user's passkeys share, if they have any. */
    Optional<String> userHandle(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MIN(user_handle) FROM passkeys WHERE user_id = :u")
                .bind("u", userId).mapTo(String.class).findOne());
    }

    /** Stores a new passkey; {@code false} when the credential id is already registered (to anyone). */
    boolean add(Passkey p) {
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM passkeys WHERE credential_id = :c").bind("c", p.credentialId())
                    .mapTo(Integer.class).one() > 0) {
                return false;
            }
            h.createUpdate("""
                            INSERT INTO passkeys (credential_id, user_id, user_handle, public_key, sign_count, uv_initialized,
                                                  transports, name, created_at, last_used_at)
                            VALUES (:c, :u, :h, :k, :n, :uv, :t, :name, :at, NULL)""")
                    .bind("c", p.credentialId()).bind("u", p.userId()).bind("h", p.userHandle()).bind("k", p.publicKey())
                    .bind("n", p.signCount()).bind("uv", p.uvInitialized()).bind("t", String.join(",", p.transports()))
                    .bind("name", p.name()).bind("at", p.createdAt()).execute();
            return true;
        });
    }

    /** Removes one of the user's passkeys; {@code false} when the user has no such passkey. */
    boolean remove(String userId, String credentialId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM passkeys WHERE user_id = :u AND credential_id = :c")
                .bind("u", userId).bind("c", credentialId).execute()) == 1;
    }

    java.util.Set<String> usersWithPasskeys() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT user_id FROM passkeys")
                .mapTo(String.class).collect(java.util.stream.Collectors.toSet()));
    }

    /** Removes all of the user's passkeys (an administrator's reset); how many there were. */
    int removeAll(String userId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM passkeys WHERE user_id = :u").bind("u", userId).execute());
    }

    /**
     * Records a use: the new counter and the time. Refused ({@code false}) when another use got there first with
     * the same or a higher counter, or the passkey was removed meanwhile. A counter of zero on both sides is an
     * authenticator that keeps no counter.
     */
    boolean recordUse(String credentialId, long previousCount, long newCount) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE passkeys SET sign_count = :n, last_used_at = :now
                        WHERE credential_id = :c AND sign_count = :p AND (:n > :p OR (:n = 0 AND :p = 0))""")
                .bind("c", credentialId).bind("p", previousCount).bind("n", newCount).bind("now", clock.instant())
                .execute()) == 1;
    }

    void saveChallenge(String challenge, Purpose purpose, String userId, String userHandle, Instant expiresAt) {
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM passkey_challenges WHERE expires_at < :now").bind("now", clock.instant()).execute();
            h.createUpdate("INSERT INTO passkey_challenges (challenge, purpose, user_id, user_handle, expires_at) VALUES (:c, :p, :u, :h, :e)")
                    .bind("c", challenge).bind("p", purpose.name()).bind("u", userId).bind("h", userHandle)
                    .bind("e", expiresAt).execute();
        });
    }

    /**
     * Takes a challenge: present once, when it was issued for this purpose and user (null for passwordless) and
     * has not expired; its value is the user handle saved with it ("" when none). Taking it removes it whatever the
     * outcome, so a challenge never serves twice.
     */
    Optional<String> takeChallenge(String challenge, Purpose purpose, String userId) {
        return jdbi.inTransaction(h -> {
            Optional<String> matching = h.createQuery(
                            "SELECT purpose, user_id, expires_at, user_handle FROM passkey_challenges WHERE challenge = :c")
                    .bind("c", challenge)
                    .map((rs, c) -> purpose.name().equals(rs.getString(1))
                            && Objects.equals(userId, rs.getString(2))
                            && rs.getTimestamp(3).toInstant().isAfter(clock.instant())
                            ? Objects.requireNonNullElse(rs.getString(4), "") : null)
                    .findOne();
            int deleted = h.createUpdate("DELETE FROM passkey_challenges WHERE challenge = :c").bind("c", challenge).execute();
            return deleted == 1 ? matching : Optional.empty();
        });
    }

    private static Passkey passkey(ResultSet rs) throws SQLException {
        String transports = rs.getString("transports");
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        return new Passkey(rs.getString("credential_id"), rs.getString("user_id"), rs.getString("user_handle"),
                rs.getString("public_key"), rs.getLong("sign_count"), rs.getBoolean("uv_initialized"),
                transports.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(transports.split(","))),
                rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }
}
