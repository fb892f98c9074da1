package dev.gatehouse.signin;

import dev.gatehouse.signin.factors.SecondFactors;

import java.util.List;
import java.util.Map;

/**
 * What the admin console may see and do about other people's sign-in factors: who has what, and a reset for a lost
 * or compromised device. A reset also ends the user's sessions everywhere, so whoever holds the lost device's
 * session is out too. Thread-safe.
 */
public final class FactorAdministration {
    private final SecondFactors factors;
    private final SessionStore sessions;

    public FactorAdministration(SecondFactors factors, SessionStore sessions) {
        this.factors = factors;
        this.sessions = sessions;
    }

    /** For every user with a factor, its names ({@code totp}, {@code recovery-code}, {@code passkey}). */
    public Map<String, List<String>> factorsByUser() {
        return factors.enrolledByUser();
    }

    public List<String> factorsOf(String userId) {
        return factors.enrolledNames(userId);
    }

    /** Removes all of the user's factors and ends their sessions; audited. Returns the factors removed. */
    public List<String> reset(String actor, String userId) {
        List<String> removed = factors.resetAll(actor, userId);
        sessions.revokeAllExcept(userId, null);
        return removed;
    }
}
