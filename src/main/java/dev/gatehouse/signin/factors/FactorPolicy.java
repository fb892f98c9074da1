package dev.gatehouse.signin.factors;

import dev.gatehouse.audit.AuditLog;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

/**
 * The console-wide rule on second factors: whether every administrator must sign in with one. Stored in the
 * database, so every node enforces the same rule; every change is audited. Thread-safe.
 */
public final class FactorPolicy {
    static final String REQUIRE_ADMIN_MFA = "require_admin_mfa";

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;

    public FactorPolicy(Jdbi jdbi, Clock clock, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
    }

    public boolean adminMfaRequired() {
        return jdbi.withHandle(h -> h.createQuery("SELECT val FROM security_settings WHERE name = :n")
                .bind("n", REQUIRE_ADMIN_MFA).mapTo(String.class).findOne()).map("true"::equals).orElse(false);
    }

    public void requireAdminMfa(String actor, boolean required) {
        boolean before = adminMfaRequired();
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM security_settings WHERE name = :n").bind("n", REQUIRE_ADMIN_MFA).execute();
            h.createUpdate("INSERT INTO security_settings (name, val, updated_by, updated_at) VALUES (:n, :v, :by, :at)")
                    .bind("n", REQUIRE_ADMIN_MFA).bind("v", String.valueOf(required)).bind("by", actor)
                    .bind("at", clock.instant()).execute();
        });
        audit.record(actor, "SECURITY_SETTING_CHANGED", REQUIRE_ADMIN_MFA,
                "{\"before\":" + before + ",\"after\":" + required + "}");
    }
}
