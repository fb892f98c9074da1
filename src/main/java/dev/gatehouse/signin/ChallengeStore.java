package dev.gatehouse.signin;

import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Password-verified sign-ins waiting for their second factor, in the database so any node can take the code step.
 * The challenge token is stored only as a SHA-256 hash. Ending a challenge is a conditional DELETE, so of two
 * parallel code steps only one completes the sign-in. Thread-safe.
 */
public final class ChallengeStore {
    /** A pending challenge: whose it is, which form it came from, where to go afterwards, wrong codes so far. */
    record Challenge(String id, String userId, String purpose, String next, int attempts, Instant expiresAt) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public ChallengeStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    void create(String token, String userId, String purpose, String next, Instant expiresAt) {
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM mfa_challenges WHERE expires_at < :now").bind("now", clock.instant()).execute();
            h.createUpdate("""
                            INSERT INTO mfa_challenges (id, user_id, purpose, next_path, attempts, expires_at)
                            VALUES (:id, :u, :p, :next, 0, :exp)""")
                    .bind("id", hash(token)).bind("u", userId).bind("p", purpose).bind("next", next)
                    .bind("exp", expiresAt).execute();
        });
    }

    Optional<Challenge> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, user_id, purpose, next_path, attempts, expires_at FROM mfa_challenges
                        WHERE id = :id AND expires_at > :now""")
                .bind("id", hash(token)).bind("now", clock.instant())
                .map((rs, c) -> new Challenge(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getTimestamp(6).toInstant()))
                .findOne());
    }

    /**
     * Takes one of the challenge's {@code max} attempts before its code is checked; false when none is left or
     * the challenge is gone. One conditional UPDATE, so parallel code steps on any node cannot take more than
     * {@code max} between them (the database re-checks the condition on the row it locked).
     */
    boolean reserveAttempt(String challengeId, int max) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE mfa_challenges SET attempts = attempts + 1
                        WHERE id = :id AND attempts < :max AND expires_at > :now""")
                .bind("id", challengeId).bind("max", max).bind("now", clock.instant()).execute()) == 1;
    }

    /** Drops the challenge once all its attempts are used, so the next code goes back to the password form. */
    void endIfSpent(String challengeId, int max) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM mfa_challenges WHERE id = :id AND attempts >= :max")
                .bind("id", challengeId).bind("max", max).execute());
    }

    /** Ends a challenge; true for the one caller that actually removed it (so it completes a sign-in once). */
    boolean end(String challengeId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM mfa_challenges WHERE id = :id")
                .bind("id", challengeId).execute()) == 1;
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
