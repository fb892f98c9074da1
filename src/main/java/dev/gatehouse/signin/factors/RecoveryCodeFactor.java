package dev.gatehouse.signin.factors;

import dev.gatehouse.audit.AuditLog;

/** A one-time recovery code, issued with TOTP for when the authenticator app is lost; each code works once. */
public final class RecoveryCodeFactor implements Factor {
    private final TotpStore store;
    private final AuditLog audit;

    public RecoveryCodeFactor(TotpStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "recovery-code";
    }

    @Override
    public boolean enrolled(String userId) {
        return store.unusedRecoveryCodes(userId) > 0;
    }

    @Override
    public boolean backup() {
        return true;
    }

    @Override
    public java.util.Set<String> enrolledUsers() {
        return store.usersWithRecoveryCodes();
    }

    @Override
    public void reset(String userId) {
        store.remove(userId);
    }

    @Override
    public boolean accept(String userId, String userName, FactorAnswer answer) {
        String code = answer.field("code");
        if (code == null || code.length() > 64 || !RecoveryCodes.looksLikeOne(code) || !store.useRecoveryCode(userId, code)) {
            return false;
        }
        audit.record(userName, "MFA_RECOVERY_CODE_USED", userId, store.unusedRecoveryCodes(userId) + " recovery codes left");
        return true;
    }
}
