package dev.gatehouse.signin.factors;

import dev.gatehouse.audit.AuditLog;

import java.util.List;
import java.util.Optional;

/** Every kind of second factor the identity center offers, asked in order. Thread-safe. */
public final class SecondFactors {
    private final List<Factor> factors;
    private final AuditLog audit;

    public SecondFactors(List<Factor> factors, AuditLog audit) {
        this.factors = List.copyOf(factors);
        this.audit = audit;
    }

    /** Whether the user signs in with a second factor: one that is not merely a backup is enrolled. */
    public boolean enrolled(String userId) {
        return factors.stream().anyMatch(f -> !f.backup() && f.enrolled(userId));
    }

    /** The names of the factors the user has ready, backups included, in the order they are asked. */
    public List<String> enrolledNames(String userId) {
        return factors.stream().filter(f -> f.enrolled(userId)).map(Factor::name).toList();
    }

    /** The factor that accepted the answer (spending it), or empty, audited as a refusal. */
    public Optional<Factor> accept(String userId, String userName, FactorAnswer answer) {
        for (Factor factor : factors) {
            if (factor.enrolled(userId) && factor.accept(userId, userName, answer)) {
                return Optional.of(factor);
            }
        }
        audit.record(userName, "MFA_FAILED", userId, "sign-in code not accepted");
        return Optional.empty();
    }
}
