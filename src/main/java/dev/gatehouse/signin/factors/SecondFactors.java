package dev.gatehouse.signin.factors;

import dev.gatehouse.audit.AuditLog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Whether the user would still have a (non-backup) second factor without the one called {@code factorName}. */
    public boolean enrolledBesides(String userId, String factorName) {
        return factors.stream().anyMatch(f -> !f.backup() && !f.name().equals(factorName) && f.enrolled(userId));
    }

    /** The names of the factors the user has ready, backups included, in the order they are asked. */
    public List<String> enrolledNames(String userId) {
        return factors.stream().filter(f -> f.enrolled(userId)).map(Factor::name).toList();
    }

    /** For every user with at least one factor, the names of their factors in the order they are asked. */
    public Map<String, List<String>> enrolledByUser() {
        Map<String, List<String>> byUser = new HashMap<>();
        for (Factor factor : factors) {
            for (String userId : factor.enrolledUsers()) {
                byUser.computeIfAbsent(userId, k -> new ArrayList<>()).add(factor.name());
            }
        }
        return byUser;
    }

    /**
     * Removes every factor the user has (a lost device, a suspected compromise): afterwards the password alone signs
     * them in, or the LDAP bind, until they enrol again. Audited with the factors that were removed.
     */
    public List<String> resetAll(String actor, String userId) {
        List<String> removed = enrolledNames(userId);
        for (Factor factor : factors) {
            factor.reset(userId);
        }
        audit.record(actor, "FACTORS_RESET", userId, "{\"removed\":\"" + String.join(",", removed) + "\"}");
        return removed;
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
