package dev.gatehouse.signin.factors;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.storage.NodeCache;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The console-wide rules on second factors: whether every administrator must sign in with one, and who must sign in
 * with a passkey (phishing-resistant: the browser binds its answer to our origin, so a look-alike site cannot
 * relay it). Stored in the database, so every node enforces the same rules; every change is audited. Thread-safe.
 */
public final class FactorPolicy {
    static final String REQUIRE_ADMIN_MFA = "require_admin_mfa";
    static final String REQUIRE_PASSKEY = "require_passkey";

    /** Who must sign in with a passkey. */
    public enum PasskeyRule {
        /** Nobody: a passkey is one way among others. */
        OFF,
        /** Administrators. */
        ADMINS,
        /** Every user. */
        EVERYONE;

        /** Whether a user with this admin flag falls under the rule. */
        public boolean appliesTo(boolean admin) {
            return this == EVERYONE || (this == ADMINS && admin);
        }

        /** The form's and the audit log's spelling: {@code off}, {@code admins}, {@code everyone}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The rule a form or the database names, or {@code null} for anything else. */
        public static PasskeyRule parse(String value) {
            for (PasskeyRule rule : values()) {
                if (rule.value().equals(value)) {
                    return rule;
                }
            }
            return null;
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    /** Every signed-in request asks the rules: read through the node cache, at most a second behind other nodes. */
    private final NodeCache<String, String> recent;

    public FactorPolicy(Jdbi jdbi, Clock clock, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.recent = new NodeCache<>(clock, 8);
    }

    public boolean adminMfaRequired() {
        return "true".equals(read(REQUIRE_ADMIN_MFA));
    }

    public void requireAdminMfa(String actor, boolean required) {
        boolean before = adminMfaRequired();
        write(REQUIRE_ADMIN_MFA, String.valueOf(required), actor);
        audit.record(actor, "SECURITY_SETTING_CHANGED", REQUIRE_ADMIN_MFA,
                "{\"before\":" + before + ",\"after\":" + required + "}");
    }

    /** Who must sign in with a passkey now; {@link PasskeyRule#OFF} until an administrator says otherwise. */
    public PasskeyRule passkeyRule() {
        PasskeyRule rule = PasskeyRule.parse(read(REQUIRE_PASSKEY));
        return rule == null ? PasskeyRule.OFF : rule;
    }

    /** Whether this user must sign in with a passkey under the rule in force. */
    public boolean passkeyRequired(boolean admin) {
        return passkeyRule().appliesTo(admin);
    }

    public void requirePasskeys(String actor, PasskeyRule rule) {
        PasskeyRule before = passkeyRule();
        write(REQUIRE_PASSKEY, rule.value(), actor);
        audit.record(actor, "SECURITY_SETTING_CHANGED", REQUIRE_PASSKEY,
                "{\"before\":\"" + before.value() + "\",\"after\":\"" + rule.value() + "\"}");
    }

    private String read(String name) {
        // "" stands for "no row", so the common case (never set) is cached too.
        String value = recent.get(name, n -> Optional.of(jdbi.withHandle(h -> h.createQuery(
                "SELECT val FROM security_settings WHERE name = :n").bind("n", n).mapTo(String.class).findOne()).orElse(""))).orElse("");
        return value.isEmpty() ? null : value;
    }

    private void write(String name, String value, String actor) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM security_settings WHERE name = :n").bind("n", name).execute();
            h.createUpdate("INSERT INTO security_settings (name, val, updated_by, updated_at) VALUES (:n, :v, :by, :at)")
                    .bind("n", name).bind("v", value).bind("by", actor).bind("at", clock.instant()).execute();
        });
        recent.invalidate(name);
    }
}
