package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * IAM's operations without HTTP: SAML providers, policies, roles and attachments, validated as AWS validates them
 * (model constraints, policy grammar, quotas, conflicts). Every refusal is an {@link AwsError} with IAM's code and
 * changes nothing. Thread-safe.
 * A facade: the work is done by {@link IamSamlProviders}, {@link IamPolicies}, {@link IamRoles} and
 * {@link IamRolePolicies}, which share the stores, clock and random source.
 */
public final class IamService {
    private final IamSamlProviders providers;
    private final IamPolicies policies;
    private final IamRoles roles;
    private final IamRolePolicies rolePolicies;
    private final IamStore store;
    private final IamTags tags;

    public IamService(Jdbi jdbi, Clock clock, RandomIds random) {
        IamStore store = new IamStore(jdbi);
        RolePolicyStore rolePolicyStore = new RolePolicyStore();
        IamIdentifiers ids = new IamIdentifiers(clock, random);
        this.store = store;
        this.tags = new IamTags(store);
        this.providers = new IamSamlProviders(store, tags, ids);
        this.policies = new IamPolicies(store, rolePolicyStore, tags, ids);
        this.roles = new IamRoles(store, rolePolicyStore, policies, tags, ids);
        this.rolePolicies = new IamRolePolicies(store, rolePolicyStore, roles, policies, ids);
    }

    // --- SAML providers

    public SamlProvider createSamlProvider(String accountId, String name, String metadataXml) {
        return providers.createSamlProvider(accountId, name, metadataXml, List.of(), SamlProviderEncryption.Change.NONE);
    }

    public SamlProvider createSamlProvider(String accountId, String name, String metadataXml, List<IamTag> tags) {
        return providers.createSamlProvider(accountId, name, metadataXml, tags, SamlProviderEncryption.Change.NONE);
    }

    /**
     * CreateSAMLProvider with its encryption members.
     *
     * @param encryptionMode {@code Required}, {@code Allowed} or {@code null}
     * @param addPrivateKey  an RSA private key in PEM, or {@code null}
     */
    public SamlProvider createSamlProvider(String accountId, String name, String metadataXml, List<IamTag> tags,
                                           String encryptionMode, String addPrivateKey, String removePrivateKey) {
        return providers.createSamlProvider(accountId, name, metadataXml, tags,
                new SamlProviderEncryption.Change(encryptionMode, addPrivateKey, removePrivateKey));
    }

    /** @param metadataXml the new document, or {@code null} to leave the provider as it is (IAM allows that) */
    public SamlProvider updateSamlProvider(String arn, String metadataXml) {
        return providers.updateSamlProvider(arn, metadataXml, SamlProviderEncryption.Change.NONE);
    }

    /** UpdateSAMLProvider with its encryption members; each {@code null} member leaves that part as it is. */
    public SamlProvider updateSamlProvider(String arn, String metadataXml, String encryptionMode, String addPrivateKey,
                                           String removePrivateKey) {
        return providers.updateSamlProvider(arn, metadataXml,
                new SamlProviderEncryption.Change(encryptionMode, addPrivateKey, removePrivateKey));
    }

    /** The provider with this {@code SAMLProviderUUID}, for its own ACS URL {@code /saml/acs/<uuid>}. */
    public Optional<SamlProvider> findSamlProviderByUuid(String uuid) {
        return providers.findSamlProviderByUuid(uuid);
    }

    /** @throws AwsError NoSuchEntity when there is no provider with this ARN */
    public SamlProvider getSamlProvider(String arn) {
        return providers.getSamlProvider(arn);
    }

    public Optional<SamlProvider> findSamlProvider(String arn) {
        return providers.findSamlProvider(arn);
    }

    public List<SamlProvider> listSamlProviders(String accountId) {
        return providers.listSamlProviders(accountId);
    }

    /** Roles that trust the provider are left as they are, as on AWS: their later sign-ins fail. */
    public void deleteSamlProvider(String arn) {
        providers.deleteSamlProvider(arn);
    }

    /** Metadata AWS would not accept: InvalidInput "Could not parse metadata", with our reason kept for pages. */
    public static final class MetadataRefused extends AwsError {
        private final String reason;

        MetadataRefused(String reason) {
            super("InvalidInput", "Could not parse metadata", 400);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    // --- policies

    public IamPolicy createPolicy(String accountId, String name, String path, String document, String description) {
        return policies.createPolicy(accountId, name, path, document, description, List.of());
    }

    public IamPolicy createPolicy(String accountId, String name, String path, String document, String description, List<IamTag> tags) {
        return policies.createPolicy(accountId, name, path, document, description, tags);
    }

    public IamPolicy getPolicy(String arn) {
        return policies.getPolicy(arn);
    }

    /** A customer-managed policy or an AWS managed one (its counts those of {@code accountId}). @throws AwsError NoSuchEntity */
    public IamPolicy getPolicy(String accountId, String arn) {
        return policies.getPolicy(accountId, arn);
    }

    /** AWS's managed policies, with {@code accountId}'s attachment counts, sorted by name. */
    public List<IamPolicy> listAwsManagedPolicies(String accountId) {
        return policies.listAwsPolicies(accountId);
    }

    public Optional<String> policyDescription(String arn) {
        return policies.policyDescription(arn);
    }

    public List<IamPolicy> listPolicies(String accountId) {
        return policies.listPolicies(accountId);
    }

    public void deletePolicy(String arn) {
        policies.deletePolicy(arn);
    }

    // --- roles

    /** @param maxSessionDuration seconds, or {@code null} for the default 3600 */
    public IamRole createRole(String accountId, String name, String path, String trustPolicy, Integer maxSessionDuration,
                              String description) {
        return roles.createRole(accountId, name, path, trustPolicy, maxSessionDuration, description, null, List.of());
    }

    /** CreateRole with a permissions boundary (a managed policy's ARN, or {@code null}) and tags. */
    public IamRole createRole(String accountId, String name, String path, String trustPolicy, Integer maxSessionDuration,
                              String description, String permissionsBoundary, List<IamTag> tags) {
        return roles.createRole(accountId, name, path, trustPolicy, maxSessionDuration, description, permissionsBoundary, tags);
    }

    /** UpdateRole; {@code null} leaves a field as it is. */
    public void updateRole(String accountId, String roleName, String description, Integer maxSessionDuration) {
        roles.updateRole(accountId, roleName, description, maxSessionDuration);
    }

    /** Called by STS when the role is assumed: GetRole's RoleLastUsed. */
    public void recordRoleUse(IamRole role, String region) {
        roles.recordRoleUse(role.roleId(), region);
    }

    /** Exact, case-sensitive name. @throws AwsError NoSuchEntity */
    public IamRole getRole(String accountId, String roleName) {
        return roles.getRole(accountId, roleName);
    }

    /** The role whose ARN is exactly {@code roleArn} (the name compared case-sensitively). */
    public Optional<IamRole> findRoleByArn(String roleArn) {
        return roles.findRoleByArn(roleArn);
    }

    public List<IamRole> listRoles(String accountId) {
        return roles.listRoles(accountId);
    }

    public void deleteRole(String accountId, String roleName) {
        roles.deleteRole(accountId, roleName);
    }

    public void updateAssumeRolePolicy(String accountId, String roleName, String policyDocument) {
        roles.updateAssumeRolePolicy(accountId, roleName, policyDocument);
    }

    public void attachRolePolicy(String accountId, String roleName, String policyArn) {
        roles.attachRolePolicy(accountId, roleName, policyArn);
    }

    public void detachRolePolicy(String accountId, String roleName, String policyArn) {
        roles.detachRolePolicy(accountId, roleName, policyArn);
    }

    /** Customer-managed and AWS managed policies attached to the role, by name. */
    public List<IamPolicy> listAttachedRolePolicies(String accountId, String roleName) {
        return roles.listAttachedRolePolicies(accountId, roleName);
    }

    // --- inline policies and permissions boundaries

    /** PutRolePolicy: creates or replaces the role's inline policy {@code policyName}. */
    public void putRolePolicy(String accountId, String roleName, String policyName, String document) {
        rolePolicies.putRolePolicy(accountId, roleName, policyName, document);
    }

    /** @return the inline policy's document. @throws AwsError NoSuchEntity */
    public String getRolePolicy(String accountId, String roleName, String policyName) {
        return rolePolicies.getRolePolicy(accountId, roleName, policyName).document();
    }

    /** The role's inline policy names, sorted. */
    public List<String> listRolePolicies(String accountId, String roleName) {
        return rolePolicies.listRolePolicies(accountId, roleName);
    }

    public void deleteRolePolicy(String accountId, String roleName, String policyName) {
        rolePolicies.deleteRolePolicy(accountId, roleName, policyName);
    }

    public void putRolePermissionsBoundary(String accountId, String roleName, String policyArn) {
        rolePolicies.putRolePermissionsBoundary(accountId, roleName, policyArn);
    }

    public void deleteRolePermissionsBoundary(String accountId, String roleName) {
        rolePolicies.deleteRolePermissionsBoundary(accountId, roleName);
    }

    /**
     * What policy evaluation reads of a role: every identity-based policy (attached customer and AWS managed
     * policies, inline policies), each named, and the permissions boundary. Empty when the account has no role of
     * exactly this name. One transaction, so the set is consistent.
     */
    public Optional<RolePolicySet> rolePolicySet(String accountId, String roleName) {
        return rolePolicies.policySet(accountId, roleName);
    }

    // --- tags

    /** The tags of a role, customer-managed policy or SAML provider, by its ARN, in the order first added. */
    public List<IamTag> listTags(String resourceArn) {
        return tags.list(resourceArn);
    }

    /** TagRole, TagPolicy, TagSAMLProvider once the caller has found the resource. */
    public void tagResource(String resourceArn, List<IamTag> newTags, String quota) {
        IamTags.check(newTags);
        store.inTransaction(h -> {
            tags.tag(h, resourceArn, newTags, quota);
            return null;
        });
    }

    public void untagResource(String resourceArn, List<String> keys) {
        IamTags.checkKeys(keys);
        store.inTransaction(h -> {
            tags.untag(h, resourceArn, keys);
            return null;
        });
    }
}
