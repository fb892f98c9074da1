package dev.gatehouse.signin.factors;

import dev.gatehouse.audit.AuditLog;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/** The TOTP second factor at sign-in: a code from the user's authenticator app, each time step usable once. */
public final class TotpFactor implements Factor {
    private final TotpStore store;
    private final Totp totp = new Totp();
    private final Clock clock;
    private final AuditLog audit;

    public TotpFactor(TotpStore store, Clock clock, AuditLog audit) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "totp";
    }

    @Override
    public boolean enrolled(String userId) {
        return confirmed(userId).isPresent();
    }

    @Override
    public java.util.Set<String> enrolledUsers() {
        return store.confirmedUsers();
    }

    @Override
    public void reset(String userId) {
        store.remove(userId);
    }

    @Override
    public boolean accept(String userId, String userName, FactorAnswer answer) {
        String code = answer.field("code");
        Optional<TotpStore.Enrolment> enrolment = confirmed(userId);
        if (enrolment.isEmpty() || code == null || code.length() > 64) {
            return false;
        }
        OptionalLong step = totp.matchingStep(enrolment.get().secret(), code, clock.instant());
        if (step.isPresent() && store.useStep(userId, step.getAsLong())) {
            audit.record(userName, "MFA_VERIFIED", userId, "totp");
            return true;
        }
        return false;
    }

    private Optional<TotpStore.Enrolment> confirmed(String userId) {
        return store.enrolment(userId).filter(TotpStore.Enrolment::confirmed);
    }
}
