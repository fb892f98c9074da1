package dev.gatehouse.signin.factors;

import dev.gatehouse.keys.MasterKey;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * TOTP enrolments and the recovery codes issued with them, in the database. Recovery codes are stored only as
 * SHA-256 hashes (they are long random values, so a fast hash suffices). TOTP secrets must be readable to compute codes, so they are sealed with AES-GCM under the
 * master key, bound to their user (a sealed secret copied to another user's row does not open). Rows written in
 * plain text by an older build are still read. Every "use once" rule is a conditional UPDATE, so two nodes racing with
 * the same code cannot both win. Thread-safe.
 */
public final class TotpStore {

    /** A user's TOTP enrolment; {@code confirmed} once a first code proved the app holds the secret. */
    record Enrolment(String userId, String secret, boolean confirmed, Instant confirmedAt) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final MasterKey masterKey;

    public TotpStore(Jdbi jdbi, Clock clock, MasterKey masterKey) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.masterKey = masterKey;
    }

    Optional<Enrolment> enrolment(String userId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT user_id, secret, confirmed, confirmed_at FROM mfa_enrolments WHERE user_id = :u")
                .bind("u", userId)
                .map((rs, c) -> new Enrolment(rs.getString(1), unseal(rs.getString(2), rs.getString(1)), rs.getBoolean(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .findOne());
    }

    /** Starts (or restarts) an unconfirmed enrolment; a confirmed one is never overwritten. */
    void startEnrolment(String userId, String secret) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM mfa_enrolments WHERE user_id = :u AND confirmed = FALSE").bind("u", userId).execute();
            boolean confirmed = h.createQuery("SELECT COUNT(*) FROM mfa_enrolments WHERE user_id = :u")
                    .bind("u", userId).mapTo(Integer.class).one() > 0;
            if (!confirmed) {
                h.createUpdate("""
                                INSERT INTO mfa_enrolments (user_id, secret, confirmed, last_step, created_at)
                                VALUES (:u, :s, FALSE, 0, :now)""")
                        .bind("u", userId).bind("s", masterKey.encrypt(secret.getBytes(StandardCharsets.US_ASCII), aad(userId)))
                        .bind("now", clock.instant()).execute();
            }
        });
    }

    /** Confirms the enrolment and replaces the recovery codes; false when there was nothing to confirm. */
    boolean confirm(String userId, long step, List<String> recoveryCodes) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE mfa_enrolments SET confirmed = TRUE, confirmed_at = :now, last_step = :step
                            WHERE user_id = :u AND confirmed = FALSE""")
                    .bind("u", userId).bind("now", clock.instant()).bind("step", step).execute();
            if (updated != 1) {
                return false;
            }
            h.createUpdate("DELETE FROM mfa_recovery_codes WHERE user_id = :u").bind("u", userId).execute();
            for (String code : recoveryCodes) {
                h.createUpdate("INSERT INTO mfa_recovery_codes (user_id, code_hash) VALUES (:u, :h)")
                        .bind("u", userId).bind("h", hash(RecoveryCodes.normalise(code))).execute();
            }
            return true;
        });
    }

    /** Marks {@code step} used; false when it, or a later step, was used already (a replayed code). */
    boolean useStep(String userId, long step) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE mfa_enrolments SET last_step = :step
                        WHERE user_id = :u AND confirmed = TRUE AND last_step < :step""")
                .bind("u", userId).bind("step", step).execute()) == 1;
    }

    /** Spends a recovery code; false when it is not one of the user's or was spent already. */
    boolean useRecoveryCode(String userId, String code) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE mfa_recovery_codes SET used_at = :now
                        WHERE user_id = :u AND code_hash = :h AND used_at IS NULL""")
                .bind("u", userId).bind("h", hash(RecoveryCodes.normalise(code))).bind("now", clock.instant())
                .execute()) == 1;
    }

    int unusedRecoveryCodes(String userId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM mfa_recovery_codes WHERE user_id = :u AND used_at IS NULL")
                .bind("u", userId).mapTo(Integer.class).one());
    }

    java.util.Set<String> confirmedUsers() {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM mfa_enrolments WHERE confirmed = TRUE")
                .mapTo(String.class).collect(java.util.stream.Collectors.toSet()));
    }

    java.util.Set<String> usersWithRecoveryCodes() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT user_id FROM mfa_recovery_codes WHERE used_at IS NULL")
                .mapTo(String.class).collect(java.util.stream.Collectors.toSet()));
    }

    void remove(String userId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM mfa_recovery_codes WHERE user_id = :u").bind("u", userId).execute();
            h.createUpdate("DELETE FROM mfa_enrolments WHERE user_id = :u").bind("u", userId).execute();
        });
    }

    private String unseal(String stored, String userId) {
        return MasterKey.isSealed(stored) ? new String(masterKey.decrypt(stored, aad(userId)), StandardCharsets.US_ASCII) : stored;
    }

    private static String aad(String userId) {
        return "mfa-totp-secret:" + userId;
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
