package dev.gatehouse.awsemulator.iam;

import java.util.List;
import java.util.Optional;

/**
 * IAM's operations without HTTP: SAML providers, policies, roles and attachments, validated as AWS validates them.
 * Every refusal is an {@link dev.gatehouse.awsemulator.query.AwsError} with IAM's code, and changes nothing.
 * Thread-safe.
 */
public final class IamService {
    public SamlProvider createSamlProvider(String accountId, String name, String metadataXml) {
        throw new UnsupportedOperationException("not yet");
    }

    public SamlProvider updateSamlProvider(String arn, String metadataXml) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @throws dev.gatehouse.awsemulator.query.AwsError NoSuchEntity */
    public SamlProvider getSamlProvider(String arn) {
        throw new UnsupportedOperationException("not yet");
    }

    public Optional<SamlProvider> findSamlProvider(String arn) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<SamlProvider> listSamlProviders(String accountId) {
        throw new UnsupportedOperationException("not yet");
    }

    public void deleteSamlProvider(String arn) {
        throw new UnsupportedOperationException("not yet");
    }

    public IamPolicy createPolicy(String accountId, String name, String path, String document, String description) {
        throw new UnsupportedOperationException("not yet");
    }

    public IamPolicy getPolicy(String arn) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<IamPolicy> listPolicies(String accountId) {
        throw new UnsupportedOperationException("not yet");
    }

    public void deletePolicy(String arn) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @param maxSessionDuration seconds, or {@code null} for the default 3600 */
    public IamRole createRole(String accountId, String name, String path, String trustPolicy, Integer maxSessionDuration,
                              String description) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Exact, case-sensitive name. @throws dev.gatehouse.awsemulator.query.AwsError NoSuchEntity */
    public IamRole getRole(String accountId, String roleName) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The role whose ARN is exactly {@code roleArn} (the name compared case-sensitively). */
    public Optional<IamRole> findRoleByArn(String roleArn) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<IamRole> listRoles(String accountId) {
        throw new UnsupportedOperationException("not yet");
    }

    public void deleteRole(String accountId, String roleName) {
        throw new UnsupportedOperationException("not yet");
    }

    public void updateAssumeRolePolicy(String accountId, String roleName, String policyDocument) {
        throw new UnsupportedOperationException("not yet");
    }

    public void attachRolePolicy(String accountId, String roleName, String policyArn) {
        throw new UnsupportedOperationException("not yet");
    }

    public void detachRolePolicy(String accountId, String roleName, String policyArn) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<IamPolicy> listAttachedRolePolicies(String accountId, String roleName) {
        throw new UnsupportedOperationException("not yet");
    }
}
