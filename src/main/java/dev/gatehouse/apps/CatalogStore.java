package dev.gatehouse.apps;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The catalog's accounts, roles, entitlements and recent launches, in the database. Thread-safe. */
final class CatalogStore {
    private static final String PAIR_COLUMNS = """
            a.app_id, a.account_id, a.display_name, a.saml_provider_name, a.sign_in_url, a.sts_endpoint,
            r.role_name, r.description, r.session_duration_seconds, r.relay_state""";

    /** An account and a role read together (one row of a pair query). */
    record Pair(CatalogAccount account, CatalogRole role) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    CatalogStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    Optional<CatalogAccount> account(String appId, String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM catalog_accounts WHERE app_id = :app AND account_id = :account")
                .bind("app", appId).bind("account", accountId).map((rs, c) -> account(rs)).findOne());
    }

    List<CatalogAccount> accounts(String appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM catalog_accounts WHERE app_id = :app ORDER BY account_id")
                .bind("app", appId).map((rs, c) -> account(rs)).list());
    }

    /** Inserts or replaces; returns whether the account is new. */
    boolean putAccount(CatalogAccount a) {
        Instant now = clock.instant();
        return upsert(h -> h.createUpdate("""
                        UPDATE catalog_accounts SET display_name = :name, saml_provider_name = :provider, sign_in_url = :url,
                               sts_endpoint = :sts, updated_at = :now WHERE app_id = :app AND account_id = :account""")
                        .bind("name", a.displayName()).bind("provider", a.samlProviderName()).bind("url", a.signInUrl())
                        .bind("sts", a.stsEndpoint()).bind("now", now).bind("app", a.appId()).bind("account", a.accountId()).execute(),
                h -> h.createUpdate("""
                        INSERT INTO catalog_accounts (app_id, account_id, display_name, saml_provider_name, sign_in_url,
                                                      sts_endpoint, created_at, updated_at)
                        VALUES (:app, :account, :name, :provider, :url, :sts, :now, :now)""")
                        .bind("name", a.displayName()).bind("provider", a.samlProviderName()).bind("url", a.signInUrl())
                        .bind("sts", a.stsEndpoint()).bind("now", now).bind("app", a.appId()).bind("account", a.accountId()).execute());
    }

    boolean deleteAccount(String appId, String accountId) {
        return jdbi.inTransaction(h -> {
            // Children first: not every database cascades through two levels of composite keys the same way.
            h.createUpdate("DELETE FROM catalog_entitlements WHERE app_id = :app AND account_id = :account")
                    .bind("app", appId).bind("account", accountId).execute();
            h.createUpdate("DELETE FROM catalog_recent_launches WHERE app_id = :app AND account_id = :account")
                    .bind("app", appId).bind("account", accountId).execute();
            h.createUpdate("DELETE FROM catalog_roles WHERE app_id = :app AND account_id = :account")
                    .bind("app", appId).bind("account", accountId).execute();
            return h.createUpdate("DELETE FROM catalog_accounts WHERE app_id = :app AND account_id = :account")
                    .bind("app", appId).bind("account", accountId).execute() > 0;
        });
    }

    Optional<CatalogRole> role(String appId, String accountId, String roleName) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM catalog_roles WHERE app_id = :app AND account_id = :account AND role_name = :role""")
                .bind("app", appId).bind("account", accountId).bind("role", roleName).map((rs, c) -> role(rs)).findOne());
    }

    /** The roles of one account, or of every account of the instance when {@code accountId} is null. */
    List<CatalogRole> roles(String appId, String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM catalog_roles WHERE app_id = :app"
                        + (accountId != null ? " AND account_id = :account" : "") + " ORDER BY account_id, role_name")
                .bind("app", appId).bind("account", accountId).map((rs, c) -> role(rs)).list());
    }

    boolean putRole(CatalogRole r) {
        Instant now = clock.instant();
        return upsert(h -> h.createUpdate("""
                        UPDATE catalog_roles SET description = :description, session_duration_seconds = :duration,
                               relay_state = :relay, updated_at = :now
                        WHERE app_id = :app AND account_id = :account AND role_name = :role""")
                        .bind("description", r.description()).bind("duration", r.sessionDurationSeconds())
                        .bind("relay", r.relayState()).bind("now", now).bind("app", r.appId())
                        .bind("account", r.accountId()).bind("role", r.roleName()).execute(),
                h -> h.createUpdate("""
                        INSERT INTO catalog_roles (app_id, account_id, role_name, description, session_duration_seconds,
                                                   relay_state, created_at, updated_at)
                        VALUES (:app, :account, :role, :description, :duration, :relay, :now, :now)""")
                        .bind("description", r.description()).bind("duration", r.sessionDurationSeconds())
                        .bind("relay", r.relayState()).bind("now", now).bind("app", r.appId())
                        .bind("account", r.accountId()).bind("role", r.roleName()).execute());
    }

    boolean deleteRole(String appId, String accountId, String roleName) {
        return jdbi.inTransaction(h -> {
            for (String table : List.of("catalog_entitlements", "catalog_recent_launches")) {
                h.createUpdate("DELETE FROM " + table + " WHERE app_id = :app AND account_id = :account AND role_name = :role")
                        .bind("app", appId).bind("account", accountId).bind("role", roleName).execute();
            }
            return h.createUpdate("DELETE FROM catalog_roles WHERE app_id = :app AND account_id = :account AND role_name = :role")
                    .bind("app", appId).bind("account", accountId).bind("role", roleName).execute() > 0;
        });
    }

    /** Adds an entitlement; {@code false} when it existed. A role deleted meanwhile fails the foreign key. */
    boolean entitle(Entitlement e) {
        try {
            return jdbi.withHandle(h -> h.createUpdate("""
                            INSERT INTO catalog_entitlements (principal_id, principal_type, app_id, account_id, role_name, created_at)
                            SELECT :id, :type, :app, :account, :role, :now FROM catalog_roles
                            WHERE app_id = :app AND account_id = :account AND role_name = :role
                              AND NOT EXISTS (SELECT 1 FROM catalog_entitlements WHERE principal_id = :id AND principal_type = :type
                                              AND app_id = :app AND account_id = :account AND role_name = :role)""")
                    .bind("id", e.principalId()).bind("type", e.principalType().name()).bind("app", e.appId())
                    .bind("account", e.accountId()).bind("role", e.roleName()).bind("now", clock.instant()).execute()) > 0;
        } catch (UnableToExecuteStatementException raced) {
            return false; // a concurrent identical POST won the primary key
        }
    }

    boolean removeEntitlement(Entitlement e) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        DELETE FROM catalog_entitlements WHERE principal_id = :id AND principal_type = :type
                        AND app_id = :app AND account_id = :account AND role_name = :role""")
                .bind("id", e.principalId()).bind("type", e.principalType().name()).bind("app", e.appId())
                .bind("account", e.accountId()).bind("role", e.roleName()).execute()) > 0;
    }

    List<Entitlement> entitlements(String appId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT app_id, principal_type, principal_id, account_id, role_name FROM catalog_entitlements
                        WHERE app_id = :app ORDER BY account_id, role_name, principal_type DESC, created_at""")
                .bind("app", appId)
                .map((rs, c) -> new Entitlement(rs.getString(1), Assignments.PrincipalType.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5)))
                .list());
    }

    /** Every pair the user may use, directly or through a group, with its account and role. */
    List<Pair> entitledPairs(String userId, Collection<String> groupIds) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT " + PAIR_COLUMNS + """
                         FROM catalog_entitlements e
                        JOIN catalog_roles r ON r.app_id = e.app_id AND r.account_id = e.account_id AND r.role_name = e.role_name
                        JOIN catalog_accounts a ON a.app_id = e.app_id AND a.account_id = e.account_id
                        WHERE (e.principal_type = 'USER' AND e.principal_id = :user)
                           OR (e.principal_type = 'GROUP' AND e.principal_id IN (<groups>))""")
                .bind("user", userId).bindList("groups", groups(groupIds))
                .map((rs, c) -> new Pair(account(rs), role(rs))).list());
    }

    /** The pair, when the user is entitled to it; one indexed read for the launch path. */
    Optional<Pair> entitledPair(String userId, Collection<String> groupIds, String appId, String accountId, String roleName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + PAIR_COLUMNS + """
                         FROM catalog_roles r JOIN catalog_accounts a ON a.app_id = r.app_id AND a.account_id = r.account_id
                        WHERE r.app_id = :app AND r.account_id = :account AND r.role_name = :role
                          AND EXISTS (SELECT 1 FROM catalog_entitlements e WHERE e.app_id = :app AND e.account_id = :account
                                      AND e.role_name = :role AND ((e.principal_type = 'USER' AND e.principal_id = :user)
                                      OR (e.principal_type = 'GROUP' AND e.principal_id IN (<groups>))))""")
                .bind("app", appId).bind("account", accountId).bind("role", roleName).bind("user", userId)
                .bindList("groups", groups(groupIds))
                .map((rs, c) -> new Pair(account(rs), role(rs))).findOne());
    }

    /** Stores a launch's time; an older time never replaces a newer one (notes from several nodes may cross). */
    void recordUse(String userId, String appId, String accountId, String roleName, Instant now) {
        upsert(h -> h.createUpdate("""
                        UPDATE catalog_recent_launches SET last_used_at = CASE WHEN last_used_at > :now THEN last_used_at ELSE :now END
                        WHERE user_id = :user AND app_id = :app AND account_id = :account AND role_name = :role""")
                        .bind("now", now).bind("user", userId).bind("app", appId).bind("account", accountId).bind("role", roleName).execute(),
                h -> h.createUpdate("""
                        INSERT INTO catalog_recent_launches (user_id, app_id, account_id, role_name, last_used_at)
                        VALUES (:user, :app, :account, :role, :now)""")
                        .bind("now", now).bind("user", userId).bind("app", appId).bind("account", accountId).bind("role", roleName).execute());
    }

    /** When the user last launched each pair ("app account role" → instant). */
    Map<String, Instant> recentUses(String userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT app_id, account_id, role_name, last_used_at FROM catalog_recent_launches WHERE user_id = :user""")
                .bind("user", userId)
                .map((rs, c) -> Map.entry(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a)));
    }

    void deletePrincipal(Assignments.PrincipalType type, String principalId) {
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM catalog_entitlements WHERE principal_id = :id AND principal_type = :type")
                    .bind("id", principalId).bind("type", type.name()).execute();
            if (type == Assignments.PrincipalType.USER) {
                h.createUpdate("DELETE FROM catalog_recent_launches WHERE user_id = :id").bind("id", principalId).execute();
            }
        });
    }

    /** Update, else insert; an insert that loses a race to a concurrent one becomes the update. Returns "inserted". */
    private boolean upsert(java.util.function.ToIntFunction<Handle> update, java.util.function.ToIntFunction<Handle> insert) {
        if (jdbi.withHandle(update::applyAsInt) > 0) {
            return false;
        }
        try {
            jdbi.useHandle(insert::applyAsInt);
            return true;
        } catch (UnableToExecuteStatementException raced) {
            if (jdbi.withHandle(update::applyAsInt) > 0) {
                return false;
            }
            throw raced;
        }
    }

    private static List<String> groups(Collection<String> groupIds) {
        return groupIds.isEmpty() ? List.of("-none-") : List.copyOf(groupIds);
    }

    private static CatalogAccount account(ResultSet rs) throws SQLException {
        return new CatalogAccount(rs.getString("app_id"), rs.getString("account_id"), rs.getString("display_name"),
                rs.getString("saml_provider_name"), rs.getString("sign_in_url"), rs.getString("sts_endpoint"));
    }

    private static CatalogRole role(ResultSet rs) throws SQLException {
        return new CatalogRole(rs.getString("app_id"), rs.getString("account_id"), rs.getString("role_name"),
                rs.getString("description"), rs.getInt("session_duration_seconds"), rs.getString("relay_state"));
    }
}
