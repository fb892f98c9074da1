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
 * A facade: the work is done by {@link IamSamlProviders}, {@link IamPolicies} and {@link IamRoles}, which share one
 * store, clock and random source.
 */
public final class IamService {
    private final IamSamlProviders providers;
    private final IamPolicies policies;
    private final IamRoles roles;

    public IamService(Jdbi jdbi, Clock clock, RandomIds random) {
        IamStore store = new IamStore(jdbi);
        IamIdentifiers ids = new IamIdentifiers(clock, random);
        this.providers = new IamSamlProviders(store, ids);
        this.policies = new IamPolicies(store, ids);
        this.roles = new IamRoles(store, ids);
    }

    // --- SAML providers

    public SamlProvider createSamlProvider(String accountId, String name, String metadataXml) {
        return providers.createSamlProvider(accountId, name, metadataXml);
    }

    public SamlProvider updateSamlProvider(String arn, String metadataXml) {
        return providers.updateSamlProvider(arn, metadataXml);
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
        return policies.createPolicy(accountId, name, path, document, description);
    }

    public IamPolicy getPolicy(String arn) {
        return policies.getPolicy(arn);
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
        return roles.createRole(accountId, name, path, trustPolicy, maxSessionDuration, description);
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

    public List<IamPolicy> listAttachedRolePolicies(String accountId, String roleName) {
        return roles.listAttachedRolePolicies(accountId, roleName);
    }
}
