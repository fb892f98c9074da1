package dev.gatehouse.signin.factors;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.ids.RandomIds;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A user's TOTP second factor over its life: enrolment (secret, QR code, confirmation with a first code, ten
 * recovery codes shown once) and removal. Every event goes to the audit log. Thread-safe.
 */
public final class TotpEnrolment {
    /** Where a user stands: no second factor, an enrolment waiting for its first code, or on. */
    public enum Status { NONE, PENDING, ON }

    /**
     * @param secret    the base32 secret while the enrolment is pending (to type it in), otherwise {@code null}
     * @param qrDataUri the secret's QR code while pending, otherwise {@code null}
     */
    public record State(Status status, String secret, String qrDataUri, int recoveryCodesLeft) {
    }

    private final TotpStore store;
    private final SecondFactors factors;
    private final FactorPolicy policy;
    private final Totp totp = new Totp();
    private final Clock clock;
    private final RandomIds ids;
    private final AuditLog audit;

    public TotpEnrolment(TotpStore store, SecondFactors factors, FactorPolicy policy, Clock clock, RandomIds ids,
                         AuditLog audit) {
        this.store = store;
        this.factors = factors;
        this.policy = policy;
        this.clock = clock;
        this.ids = ids;
        this.audit = audit;
    }

    public State state(String userId, String userName) {
        return store.enrolment(userId).map(e -> e.confirmed()
                        ? new State(Status.ON, null, null, store.unusedRecoveryCodes(userId))
                        : new State(Status.PENDING, e.secret(), QrCodeSvg.dataUri(Totp.provisioningUri(e.secret(), userName)), 0))
                .orElse(new State(Status.NONE, null, null, 0));
    }

    /** Makes a fresh secret for the user to add to an authenticator app; a confirmed enrolment stays as it is. */
    public void start(String userId) {
        store.startEnrolment(userId, Totp.newSecret(ids));
    }

    /** Confirms the pending enrolment with a first code; the recovery codes to show once, or empty. */
    public Optional<List<String>> confirm(String userId, String userName, String code) {
        Optional<TotpStore.Enrolment> pending = store.enrolment(userId).filter(e -> !e.confirmed());
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong step = totp.matchingStep(pending.get().secret(), code, clock.instant());
        List<String> codes = RecoveryCodes.generate(ids);
        if (step.isEmpty() || !store.confirm(userId, step.getAsLong(), codes)) {
            audit.record(userName, "MFA_FAILED", userId, "enrolment confirmation");
            return Optional.empty();
        }
        audit.record(userName, "MFA_ENROLLED", userId, "totp; " + codes.size() + " recovery codes issued");
        return Optional.of(codes);
    }

    /** Whether the user has a second factor of any kind (a passkey counts as much as this app). */
    public boolean secondFactorReady(String userId) {
        return factors.enrolled(userId);
    }

    /**
     * Turns the second factor off after proving possession with a current code or a recovery code. Refused for an
     * administrator while administrators must use it.
     *
     * @return an error message, or empty when done
     */
    public Optional<String> disable(String userId, String userName, boolean admin, String code) {
        if (admin && policy.adminMfaRequired() && !factors.enrolledBesides(userId, "totp")) {
            return Optional.of("Administrators must keep two-step sign-in on while the console requires it: add a passkey first to turn the app off.");
        }
        if (store.enrolment(userId).filter(TotpStore.Enrolment::confirmed).isEmpty()) {
            store.remove(userId);
            return Optional.empty();
        }
        if (factors.accept(userId, userName, FactorAnswer.code(code)).isEmpty()) {
            return Optional.of("That code is not correct.");
        }
        store.remove(userId);
        audit.record(userName, "MFA_DISABLED", userId, "by the user");
        return Optional.empty();
    }
}
