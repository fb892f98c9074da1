package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.AwsSamlRules;

import java.util.List;
import java.util.Optional;

/**
 * IAM's role operations behind {@link IamService}: roles, their trust policies and their policy attachments, with
 * the trust-policy and attachment quotas.
 */
final class IamRoles {
    static final int MAX_POLICIES_PER_ROLE = 10;
    static final int MAX_TRUST_POLICY_CHARS = 2048;

    private final IamStore store;
    private final IamIdentifiers ids;

    IamRoles(IamStore store, IamIdentifiers ids) {
        this.store = store;
        this.ids = ids;
    }

    /** @param maxSessionDuration seconds, or {@code null} for the default 3600 */
    IamRole createRole(String accountId, String name, String path, String trustPolicy, Integer maxSessionDuration,
                              String description) {
        String p = path == null ? "/" : path;
        int max = maxSessionDuration == null ? AwsSamlRules.DEFAULT_ROLE_MAX_SESSION_SECONDS : maxSessionDuration;
        new IamConstraints().required("roleName", name).length("roleName", name, 1, 64)
                .pattern("roleName", name, IamConstraints.NAME_PATTERN)
                .length("path", p, 1, 512).pattern("path", p, IamConstraints.ROLE_PATH_PATTERN)
                .required("assumeRolePolicyDocument", trustPolicy).length("assumeRolePolicyDocument", trustPolicy, 1, 131_072)
                .pattern("assumeRolePolicyDocument", trustPolicy, IamConstraints.DOCUMENT_PATTERN)
                .range("maxSessionDuration", max, AwsSamlRules.MIN_ROLE_MAX_SESSION_SECONDS, AwsSamlRules.MAX_SESSION_SECONDS)
                .length("description", description, 0, 1000).pattern("description", description, IamConstraints.DESCRIPTION_PATTERN)
                .check();
        checkTrustPolicy(accountId, trustPolicy);
        IamRole role = new IamRole(accountId, name, p, "AROA" + ids.randomId(17), Arn.role(accountId, p, name), trustPolicy, max,
                description, ids.now());
        store.inTransaction(h -> {
            if (store.findRoleByKey(h, accountId, name).isPresent()) {
                throw AwsError.entityAlreadyExists("Role with name " + name + " already exists.");
            }
            store.insertRole(h, role);
            return null;
        });
        return role;
    }

    /** Exact, case-sensitive name. @throws AwsError NoSuchEntity */
    IamRole getRole(String accountId, String roleName) {
        return store.findRoleByKey(accountId, roleName == null ? "" : roleName)
                .filter(r -> r.roleName().equals(roleName))
                .orElseThrow(() -> AwsError.noSuchEntity("The role with name " + roleName + " cannot be found."));
    }

    /** The role whose ARN is exactly {@code roleArn} (the name compared case-sensitively). */
    Optional<IamRole> findRoleByArn(String roleArn) {
        Arn arn;
        try {
            arn = Arn.parse(roleArn);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!arn.resourceType().equals("role")) {
            return Optional.empty();
        }
        return store.findRoleByKey(arn.accountId(), arn.name()).filter(r -> r.arn().equals(roleArn));
    }

    List<IamRole> listRoles(String accountId) {
        return store.listRoles(accountId);
    }

    void deleteRole(String accountId, String roleName) {
        IamRole role = getRole(accountId, roleName);
        store.inTransaction(h -> {
            if (!store.attachedPolicies(h, role.roleId()).isEmpty()) {
                throw AwsError.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            store.deleteRole(h, role.roleId());
            return null;
        });
    }

    void updateAssumeRolePolicy(String accountId, String roleName, String policyDocument) {
        new IamConstraints().required("roleName", roleName).length("roleName", roleName, 1, 64)
                .pattern("roleName", roleName, IamConstraints.NAME_PATTERN)
                .required("policyDocument", policyDocument).length("policyDocument", policyDocument, 1, 131_072)
                .pattern("policyDocument", policyDocument, IamConstraints.DOCUMENT_PATTERN)
                .check();
        IamRole role = getRole(accountId, roleName);
        checkTrustPolicy(accountId, policyDocument);
        store.inTransaction(h -> {
            store.updateTrust(h, role.roleId(), policyDocument);
            return null;
        });
    }

    void attachRolePolicy(String accountId, String roleName, String policyArn) {
        checkRoleAndPolicyArn(roleName, policyArn);
        IamRole role = getRole(accountId, roleName);
        store.inTransaction(h -> {
            IamPolicy policy = store.findPolicy(h, policyArn).filter(p -> p.accountId().equals(accountId))
                    .orElseThrow(() -> AwsError.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable."));
            List<IamPolicy> attached = store.attachedPolicies(h, role.roleId());
            if (attached.stream().noneMatch(p -> p.policyId().equals(policy.policyId())) && attached.size() >= MAX_POLICIES_PER_ROLE) {
                throw AwsError.limitExceeded("Cannot exceed quota for PoliciesPerRole: " + MAX_POLICIES_PER_ROLE);
            }
            store.attach(h, role.roleId(), policy.policyId(), ids.now());
            return null;
        });
    }

    void detachRolePolicy(String accountId, String roleName, String policyArn) {
        checkRoleAndPolicyArn(roleName, policyArn);
        IamRole role = getRole(accountId, roleName);
        store.inTransaction(h -> {
            Optional<IamPolicy> policy = store.findPolicy(h, policyArn);
            if (policy.isEmpty() || !store.detach(h, role.roleId(), policy.get().policyId())) {
                throw AwsError.noSuchEntity("Policy " + policyArn + " was not found.");
            }
            return null;
        });
    }

    List<IamPolicy> listAttachedRolePolicies(String accountId, String roleName) {
        IamRole role = getRole(accountId, roleName);
        return store.inTransaction(h -> store.attachedPolicies(h, role.roleId()));
    }

    private static void checkRoleAndPolicyArn(String roleName, String policyArn) {
        new IamConstraints().required("roleName", roleName).length("roleName", roleName, 1, 64)
                .pattern("roleName", roleName, IamConstraints.NAME_PATTERN)
                .required("policyArn", policyArn).length("policyArn", policyArn, 20, 2048)
                .check();
        try {
            Arn.parse(policyArn);
        } catch (IllegalArgumentException e) {
            throw AwsError.invalidInput("ARN " + policyArn + " is not valid.");
        }
    }

    /** The grammar, the quota on trust-policy size, and SAML providers of this account that must exist. */
    private void checkTrustPolicy(String accountId, String document) {
        PolicyDocument policy = IamPolicies.parse(() -> PolicyDocument.parseTrustPolicy(document));
        if (document.replaceAll("\\s", "").length() > MAX_TRUST_POLICY_CHARS) {
            throw AwsError.limitExceeded("Cannot exceed quota for ACLSizePerRole: " + MAX_TRUST_POLICY_CHARS);
        }
        for (PolicyDocument.Statement s : policy.statements()) {
            if (s.principal() == null) {
                continue;
            }
            for (String federated : s.principal().getOrDefault("Federated", List.of())) {
                if (federated.startsWith("arn:aws:iam::" + accountId + ":saml-provider/") && store.findProvider(federated).isEmpty()) {
                    throw AwsError.malformedPolicyDocument("Invalid principal in policy: \"FEDERATED\":\"" + federated + "\"");
                }
            }
        }
    }
}
