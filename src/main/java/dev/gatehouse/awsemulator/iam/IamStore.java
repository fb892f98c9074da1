package dev.gatehouse.awsemulator.iam;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SQL behind {@link IamService}: rows in, rows out, no rules. Name lookups go through the lower-cased
 * {@code name_key}, because IAM names are unique case-insensitively. Thread-safe.
 */
final class IamStore {
    /** A SAML provider row; certificates are re-read from the metadata by the service. */
    record ProviderRow(String accountId, String name, String arn, String uuid, String metadata, String entityId,
                       Instant validUntil, Instant createdAt, String encryptionMode) {
    }

    /** A provider's private key as stored: the PEM as uploaded. */
    record KeyRow(String keyId, String pem, Instant createdAt) {
    }

    private static final String PROVIDER_COLUMNS = "account_id, name, arn, uuid, metadata, entity_id, valid_until, created_at, encryption_mode";
    private static final String POLICY_COLUMNS = "p.account_id, p.name, p.path, p.policy_id, p.arn, p.document, "
            + "(SELECT COUNT(*) FROM iam_role_policies rp WHERE rp.policy_id = p.policy_id), "
            + "(SELECT COUNT(*) FROM iam_roles br WHERE br.permissions_boundary = p.arn), p.created_at, p.updated_at";
    private static final String ROLE_COLUMNS = "account_id, name, path, role_id, arn, trust_policy, max_session, description, created_at, "
            + "permissions_boundary, last_used_at, last_used_region";

    private final Jdbi jdbi;

    IamStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    <T> T inTransaction(Function<Handle, T> work) {
        return jdbi.inTransaction(work::apply);
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // --- SAML providers

    int countProviders(Handle h, String accountId) {
        return h.createQuery("SELECT COUNT(*) FROM iam_saml_providers WHERE account_id = :a").bind("a", accountId).mapTo(Integer.class).one();
    }

    boolean providerNameTaken(Handle h, String accountId, String name) {
        return h.createQuery("SELECT COUNT(*) FROM iam_saml_providers WHERE account_id = :a AND name_key = :k")
                .bind("a", accountId).bind("k", key(name)).mapTo(Integer.class).one() > 0;
    }

    void insertProvider(Handle h, ProviderRow p) {
        h.createUpdate("INSERT INTO iam_saml_providers (arn, account_id, name, name_key, uuid, metadata, entity_id, valid_until, created_at, encryption_mode) "
                        + "VALUES (:arn, :a, :name, :k, :uuid, :metadata, :entity, :until, :created, :mode)")
                .bind("mode", p.encryptionMode())
                .bind("arn", p.arn()).bind("a", p.accountId()).bind("name", p.name()).bind("k", key(p.name()))
                .bind("uuid", p.uuid()).bind("metadata", p.metadata()).bind("entity", p.entityId())
                .bind("until", p.validUntil().toEpochMilli()).bind("created", p.createdAt().toEpochMilli()).execute();
    }

    void updateProvider(Handle h, String arn, String metadata, String entityId, Instant validUntil) {
        h.createUpdate("UPDATE iam_saml_providers SET metadata = :m, entity_id = :e, valid_until = :u WHERE arn = :arn")
                .bind("m", metadata).bind("e", entityId).bind("u", validUntil.toEpochMilli()).bind("arn", arn).execute();
    }

    /**
     * Locks the provider's row for the rest of the transaction, so that two updates of its keys queue; answers its
     * encryption mode ("" when not set), or empty when there is no such provider.
     */
    Optional<String> lockProvider(Handle h, String arn) {
        return h.createQuery("SELECT COALESCE(encryption_mode, '') FROM iam_saml_providers WHERE arn = :arn FOR UPDATE").bind("arn", arn)
                .mapTo(String.class).findOne();
    }

    Optional<ProviderRow> findProviderByUuid(String uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + PROVIDER_COLUMNS + " FROM iam_saml_providers WHERE uuid = :u")
                .bind("u", uuid).map((rs, c) -> provider(rs)).findOne());
    }

    void setEncryptionMode(Handle h, String arn, String mode) {
        h.createUpdate("UPDATE iam_saml_providers SET encryption_mode = :m WHERE arn = :arn").bind("m", mode).bind("arn", arn).execute();
    }

    List<KeyRow> providerKeys(Handle h, String arn) {
        return h.createQuery("SELECT key_id, private_key, created_at FROM iam_saml_provider_keys WHERE provider_arn = :arn ORDER BY created_at, key_id")
                .bind("arn", arn).map((rs, c) -> new KeyRow(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)))).list();
    }

    List<KeyRow> providerKeys(String arn) {
        return jdbi.withHandle(h -> providerKeys(h, arn));
    }

    void insertKey(Handle h, String arn, KeyRow key) {
        h.createUpdate("INSERT INTO iam_saml_provider_keys (key_id, provider_arn, private_key, created_at) VALUES (:id, :arn, :pem, :t)")
                .bind("id", key.keyId()).bind("arn", arn).bind("pem", key.pem()).bind("t", key.createdAt().toEpochMilli()).execute();
    }

    boolean deleteKey(Handle h, String arn, String keyId) {
        return h.createUpdate("DELETE FROM iam_saml_provider_keys WHERE provider_arn = :arn AND key_id = :id")
                .bind("arn", arn).bind("id", keyId).execute() > 0;
    }

    Optional<ProviderRow> findProvider(String arn) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + PROVIDER_COLUMNS + " FROM iam_saml_providers WHERE arn = :arn")
                .bind("arn", arn).map((rs, c) -> provider(rs)).findOne());
    }

    List<ProviderRow> listProviders(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + PROVIDER_COLUMNS + " FROM iam_saml_providers WHERE account_id = :a ORDER BY name_key")
                .bind("a", accountId).map((rs, c) -> provider(rs)).list());
    }

    boolean deleteProvider(Handle h, String arn) {
        return h.createUpdate("DELETE FROM iam_saml_providers WHERE arn = :arn").bind("arn", arn).execute() > 0;
    }

    private static ProviderRow provider(ResultSet rs) throws SQLException {
        return new ProviderRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)), rs.getString(9));
    }

    // --- policies

    boolean policyNameTaken(Handle h, String accountId, String name) {
        return h.createQuery("SELECT COUNT(*) FROM iam_policies WHERE account_id = :a AND name_key = :k")
                .bind("a", accountId).bind("k", key(name)).mapTo(Integer.class).one() > 0;
    }

    void insertPolicy(Handle h, IamPolicy p, String description) {
        h.createUpdate("INSERT INTO iam_policies (policy_id, account_id, name, name_key, path, arn, document, description, created_at, updated_at) "
                        + "VALUES (:id, :a, :name, :k, :path, :arn, :doc, :d, :t, :t)")
                .bind("id", p.policyId()).bind("a", p.accountId()).bind("name", p.policyName()).bind("k", key(p.policyName()))
                .bind("path", p.path()).bind("arn", p.arn()).bind("doc", p.document()).bind("d", description)
                .bind("t", p.createDate().toEpochMilli()).execute();
    }

    Optional<IamPolicy> findPolicy(Handle h, String arn) {
        return h.createQuery("SELECT " + POLICY_COLUMNS + " FROM iam_policies p WHERE p.arn = :arn")
                .bind("arn", arn).map((rs, c) -> policy(rs)).findOne();
    }

    Optional<IamPolicy> findPolicy(String arn) {
        return jdbi.withHandle(h -> findPolicy(h, arn));
    }

    Optional<String> policyDescription(String arn) {
        return jdbi.withHandle(h -> h.createQuery("SELECT description FROM iam_policies WHERE arn = :arn")
                .bind("arn", arn).mapTo(String.class).findOne());
    }

    List<IamPolicy> listPolicies(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + POLICY_COLUMNS + " FROM iam_policies p WHERE p.account_id = :a ORDER BY p.name_key")
                .bind("a", accountId).map((rs, c) -> policy(rs)).list());
    }

    void deletePolicy(Handle h, String policyId) {
        h.createUpdate("DELETE FROM iam_policies WHERE policy_id = :id").bind("id", policyId).execute();
    }

    private static IamPolicy policy(ResultSet rs) throws SQLException {
        return new IamPolicy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), "v1",
                rs.getString(6), rs.getInt(7), rs.getInt(8), Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10)));
    }

    // --- roles

    Optional<IamRole> findRoleByKey(Handle h, String accountId, String name) {
        return h.createQuery("SELECT " + ROLE_COLUMNS + " FROM iam_roles WHERE account_id = :a AND name_key = :k")
                .bind("a", accountId).bind("k", key(name)).map((rs, c) -> role(rs)).findOne();
    }

    Optional<IamRole> findRoleByKey(String accountId, String name) {
        return jdbi.withHandle(h -> findRoleByKey(h, accountId, name));
    }

    void insertRole(Handle h, IamRole r) {
        h.createUpdate("INSERT INTO iam_roles (role_id, account_id, name, name_key, path, arn, trust_policy, max_session, description, "
                        + "created_at, permissions_boundary) VALUES (:id, :a, :name, :k, :path, :arn, :trust, :max, :d, :t, :b)")
                .bind("id", r.roleId()).bind("a", r.accountId()).bind("name", r.roleName()).bind("k", key(r.roleName()))
                .bind("path", r.path()).bind("arn", r.arn()).bind("trust", r.assumeRolePolicyDocument())
                .bind("max", r.maxSessionDurationSeconds()).bind("d", r.description())
                .bind("t", r.createDate().toEpochMilli()).bind("b", r.permissionsBoundary()).execute();
    }

    List<IamRole> listRoles(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ROLE_COLUMNS + " FROM iam_roles WHERE account_id = :a ORDER BY name_key")
                .bind("a", accountId).map((rs, c) -> role(rs)).list());
    }

    void deleteRole(Handle h, String roleId) {
        h.createUpdate("DELETE FROM iam_roles WHERE role_id = :id").bind("id", roleId).execute();
    }

    void updateRole(Handle h, String roleId, String description, int maxSession) {
        h.createUpdate("UPDATE iam_roles SET description = :d, max_session = :m WHERE role_id = :id")
                .bind("d", description).bind("m", maxSession).bind("id", roleId).execute();
    }

    void updateTrust(Handle h, String roleId, String document) {
        h.createUpdate("UPDATE iam_roles SET trust_policy = :d WHERE role_id = :id").bind("d", document).bind("id", roleId).execute();
    }

    private static IamRole role(ResultSet rs) throws SQLException {
        long lastUsed = rs.getLong(11);
        Instant lastUsedAt = rs.wasNull() ? null : Instant.ofEpochMilli(lastUsed);
        return new IamRole(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)), rs.getString(10),
                lastUsedAt, rs.getString(12));
    }

    // --- attachments

    List<IamPolicy> attachedPolicies(Handle h, String roleId) {
        return h.createQuery("SELECT " + POLICY_COLUMNS + " FROM iam_policies p JOIN iam_role_policies a ON a.policy_id = p.policy_id "
                        + "WHERE a.role_id = :r ORDER BY p.name_key")
                .bind("r", roleId).map((rs, c) -> policy(rs)).list();
    }

    boolean attach(Handle h, String roleId, String policyId, Instant at) {
        boolean already = h.createQuery("SELECT COUNT(*) FROM iam_role_policies WHERE role_id = :r AND policy_id = :p")
                .bind("r", roleId).bind("p", policyId).mapTo(Integer.class).one() > 0;
        if (already) {
            return false;
        }
        h.createUpdate("INSERT INTO iam_role_policies (role_id, policy_id, attached_at) VALUES (:r, :p, :t)")
                .bind("r", roleId).bind("p", policyId).bind("t", at.toEpochMilli()).execute();
        return true;
    }

    boolean detach(Handle h, String roleId, String policyId) {
        return h.createUpdate("DELETE FROM iam_role_policies WHERE role_id = :r AND policy_id = :p")
                .bind("r", roleId).bind("p", policyId).execute() > 0;
    }
}
