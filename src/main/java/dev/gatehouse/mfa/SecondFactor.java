package dev.gatehouse.mfa;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.keys.MasterKey;
import org.jdbi.v3.core.Jdbi;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The TOTP second factor of each user: enrolment (secret, QR code, confirmation with a first code, ten recovery
 * codes shown once), verification at sign-in (each TOTP code and each recovery code works once), removal, and the
 * setting that makes it mandatory for administrators. Every event goes to the audit log. Thread-safe.
 */
public final class SecondFactor {
    /** Where a user stands: no second factor, an enrolment waiting for its first code, or on. */
    public enum Status { NONE, PENDING, ON }

    /**
     * @param secret    the base32 secret while the enrolment is pending (to type it in), otherwise {@code null}
     * @param qrDataUri the secret's QR code while pending, otherwise {@code null}
     */
    public record State(Status status, String secret, String qrDataUri, int recoveryCodesLeft) {
    }

    /** How a second factor was accepted, for the audit trail. */
    public enum Method { TOTP, RECOVERY_CODE }

    private final MfaStore store;
    private final Totp totp = new Totp();
    private final Clock clock;
    private final SecureRandom random;
    private final AuditLog audit;

    /** @param masterKey seals the TOTP secrets at rest */
    public SecondFactor(Jdbi jdbi, Clock clock, SecureRandom random, AuditLog audit, MasterKey masterKey) {
        this.store = new MfaStore(jdbi, clock, masterKey);
        this.clock = clock;
        this.random = random;
        this.audit = audit;
    }

    public State state(String userId, String userName) {
        return store.enrolment(userId).map(e -> e.confirmed()
                        ? new State(Status.ON, null, null, store.unusedRecoveryCodes(userId))
                        : new State(Status.PENDING, e.secret(), QrCodeSvg.dataUri(Totp.provisioningUri(e.secret(), userName)), 0))
                .orElse(new State(Status.NONE, null, null, 0));
    }

    /** Whether the user must give a code after the password. */
    public boolean enrolled(String userId) {
        return store.enrolment(userId).map(MfaStore.Enrolment::confirmed).orElse(false);
    }

    /** Makes a fresh secret for the user to add to an authenticator app; a confirmed enrolment stays as it is. */
    public void startEnrolment(String userId) {
        store.startEnrolment(userId, Totp.newSecret(random));
    }

    /** Confirms the pending enrolment with a first code; the recovery codes to show once, or empty. */
    public Optional<List<String>> confirm(String userId, String userName, String code) {
        Optional<MfaStore.Enrolment> pending = store.enrolment(userId).filter(e -> !e.confirmed());
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong step = totp.matchingStep(pending.get().secret(), code, clock.instant());
        List<String> codes = RecoveryCodes.generate(random);
        if (step.isEmpty() || !store.confirm(userId, step.getAsLong(), codes)) {
            audit.record(userName, "MFA_FAILED", userId, "enrolment confirmation");
            return Optional.empty();
        }
        audit.record(userName, "MFA_ENROLLED", userId, "totp; " + codes.size() + " recovery codes issued");
        return Optional.of(codes);
    }

    /** Checks a TOTP code or a recovery code at sign-in, spending it; how it matched, or empty. */
    public Optional<Method> verify(String userId, String userName, String code) {
        Optional<MfaStore.Enrolment> enrolment = store.enrolment(userId).filter(MfaStore.Enrolment::confirmed);
        if (enrolment.isPresent() && code != null && code.length() <= 64) {
            if (RecoveryCodes.looksLikeOne(code) && store.useRecoveryCode(userId, code)) {
                audit.record(userName, "MFA_RECOVERY_CODE_USED", userId,
                        store.unusedRecoveryCodes(userId) + " recovery codes left");
                return Optional.of(Method.RECOVERY_CODE);
            }
            OptionalLong step = totp.matchingStep(enrolment.get().secret(), code, clock.instant());
            if (step.isPresent() && store.useStep(userId, step.getAsLong())) {
                audit.record(userName, "MFA_VERIFIED", userId, "totp");
                return Optional.of(Method.TOTP);
            }
        }
        audit.record(userName, "MFA_FAILED", userId, "sign-in code not accepted");
        return Optional.empty();
    }

    /**
     * Turns the second factor off after proving possession with a current code or a recovery code. Refused for an
     * administrator while administrators must use it.
     *
     * @return an error message, or empty when done
     */
    public Optional<String> disable(String userId, String userName, boolean admin, String code) {
        if (admin && adminMfaRequired()) {
            return Optional.of("Administrators must keep two-step sign-in on while the console requires it.");
        }
        if (!enrolled(userId)) {
            store.remove(userId);
            return Optional.empty();
        }
        if (verify(userId, userName, code).isEmpty()) {
            return Optional.of("That code is not correct.");
        }
        store.remove(userId);
        audit.record(userName, "MFA_DISABLED", userId, "by the user");
        return Optional.empty();
    }

    public boolean adminMfaRequired() {
        return store.setting(MfaStore.REQUIRE_ADMIN_MFA);
    }

    public void requireAdminMfa(String actor, boolean required) {
        boolean before = adminMfaRequired();
        store.putSetting(MfaStore.REQUIRE_ADMIN_MFA, required, actor);
        audit.record(actor, "SECURITY_SETTING_CHANGED", "require_admin_mfa",
                "{\"before\":" + before + ",\"after\":" + required + "}");
    }

    MfaStore store() {
        return store;
    }
}
