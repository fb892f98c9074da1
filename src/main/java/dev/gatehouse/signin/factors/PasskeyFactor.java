package dev.gatehouse.signin.factors;

import dev.gatehouse.audit.AuditLog;

/**
 * A passkey as the second factor after the password: the code step's "Use a passkey" posts the browser's signed
 * answer (field {@code passkey}) to a challenge issued for this user ({@link Passkeys#startSecondFactor}).
 */
public final class PasskeyFactor implements Factor {
    /** The factor's name in sign-in methods, challenges and the audit log. */
    public static final String NAME = "passkey";

    private final Passkeys passkeys;
    private final AuditLog audit;

    public PasskeyFactor(Passkeys passkeys, AuditLog audit) {
        this.passkeys = passkeys;
        this.audit = audit;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enrolled(String userId) {
        return passkeys.enrolled(userId);
    }

    @Override
    public java.util.Set<String> enrolledUsers() {
        return passkeys.usersWithPasskeys();
    }

    @Override
    public void reset(String userId) {
        passkeys.removeAll(userId);
    }

    @Override
    public boolean accept(String userId, String userName, FactorAnswer answer) {
        String response = answer.field("passkey");
        if (response == null || response.isBlank()) {
            return false;
        }
        try {
            PasskeyStore.Passkey used = passkeys.verifySecondFactor(userId, userName, response);
            audit.record(userName, "MFA_VERIFIED", userId, "passkey: " + used.name());
            return true;
        } catch (Passkeys.Refused e) {
            return false;
        }
    }
}
