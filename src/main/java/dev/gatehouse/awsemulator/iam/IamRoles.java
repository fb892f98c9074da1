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
    private final RolePolicyStore rolePolicies;
    private final IamPolicies policies;
    private final IamTags tags;
    private final IamIdentifiers ids;

    IamRoles(IamStore store, RolePolicyStore rolePolicies, IamPolicies policies, IamTags tags, IamIdentifiers ids) {
        this.store = store;
        this.rolePolicies = rolePolicies;
        this.policies = policies;
        this.tags = tags;
        this.ids = ids;
    }

    /**
     * @param maxSessionDuration  seconds, or {@code null} for the default 3600
     * @param permissionsBoundary a managed policy's ARN, or {@code null}
     */
    IamRole createRole(String accountId, String name, String path, String trustPolicy, Integer maxSessionDuration,
                       String description, String permissionsBoundary, List<IamTag> roleTags) {
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
        IamTags.check(roleTags);
        checkTrustPolicy(accountId, trustPolicy);
        String boundary = policies.boundaryArn(accountId, permissionsBoundary);
        IamRole role = new IamRole(accountId, name, p, "AROA" + ids.randomId(17), Arn.role(accountId, p, name), trustPolicy, max,
                description, ids.now(), boundary, null, null);
        store.inTransaction(h -> {
            if (store.findRoleByKey(h, accountId, name).isPresent()) {
                throw AwsError.entityAlreadyExists("Role with name " + name + " already exists.");
            }
            store.insertRole(h, role);
            tags.tag(h, role.arn(), roleTags, "TagsPerRole");
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
            if (!store.attachedPolicies(h, role.roleId()).isEmpty() || !rolePolicies.awsPolicyArns(h, role.roleId()).isEmpty()) {
                throw AwsError.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            if (rolePolicies.countInline(h, role.roleId()) > 0) {
                throw AwsError.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            store.deleteRole(h, role.roleId());
            tags.deleteAll(h, role.arn());
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
        Optional<AwsManagedPolicies.Entry> aws = AwsManagedPolicies.find(policyArn).filter(e -> !e.path().startsWith("/aws-service-role/"));
        store.inTransaction(h -> {
            rolePolicies.lockRole(h, role.roleId());
            List<IamPolicy> attached = store.attachedPolicies(h, role.roleId());
            List<String> attachedAws = rolePolicies.awsPolicyArns(h, role.roleId());
            boolean full = attached.size() + attachedAws.size() >= MAX_POLICIES_PER_ROLE;
            if (policyArn.startsWith("arn:aws:iam::aws:")) {
                // Policies of service-linked roles are AWS's too, but not attachable to other roles.
                aws.orElseThrow(() -> AwsError.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable."));
                if (!attachedAws.contains(policyArn) && full) {
                    throw AwsError.limitExceeded("Cannot exceed quota for PoliciesPerRole: " + MAX_POLICIES_PER_ROLE);
                }
                rolePolicies.attachAws(h, role.roleId(), policyArn, ids.now());
                return null;
            }
            IamPolicy policy = store.findPolicy(h, policyArn).filter(p -> p.accountId().equals(accountId))
                    .orElseThrow(() -> AwsError.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable."));
            if (attached.stream().noneMatch(p -> p.policyId().equals(policy.policyId())) && full) {
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
            if (AwsManagedPolicies.find(policyArn).isPresent() && rolePolicies.detachAws(h, role.roleId(), policyArn)) {
                return null;
            }
            Optional<IamPolicy> policy = store.findPolicy(h, policyArn);
            if (policy.isEmpty() || !store.detach(h, role.roleId(), policy.get().policyId())) {
                throw AwsError.noSuchEntity("Policy " + policyArn + " was not found.");
            }
            return null;
        });
    }

    /** Customer-managed and AWS managed policies attached to the role, by name. */
    List<IamPolicy> listAttachedRolePolicies(String accountId, String roleName) {
        IamRole role = getRole(accountId, roleName);
        List<String> awsArns = store.inTransaction(h -> rolePolicies.awsPolicyArns(h, role.roleId()));
        List<IamPolicy> out = new java.util.ArrayList<>(store.inTransaction(h -> store.attachedPolicies(h, role.roleId())));
        for (String arn : awsArns) {
            policies.findPolicy(accountId, arn).ifPresent(out::add);
        }
        out.sort((a, b) -> a.policyName().compareToIgnoreCase(b.policyName()));
        return out;
    }

    /** UpdateRole: a {@code null} argument leaves that field as it is. */
    void updateRole(String accountId, String roleName, String description, Integer maxSessionDuration) {
        new IamConstraints().required("roleName", roleName).length("roleName", roleName, 1, 64)
                .pattern("roleName", roleName, IamConstraints.NAME_PATTERN)
                .length("description", description, 0, 1000).pattern("description", description, IamConstraints.DESCRIPTION_PATTERN)
                .range("maxSessionDuration", maxSessionDuration, AwsSamlRules.MIN_ROLE_MAX_SESSION_SECONDS, AwsSamlRules.MAX_SESSION_SECONDS)
                .check();
        IamRole role = getRole(accountId, roleName);
        store.inTransaction(h -> {
            store.updateRole(h, role.roleId(), description == null ? role.description() : description,
                    maxSessionDuration == null ? role.maxSessionDurationSeconds() : maxSessionDuration);
            return null;
        });
    }

    /** Records that the role was assumed now in {@code region} (GetRole's RoleLastUsed). */
    void recordRoleUse(String roleId, String region) {
        store.inTransaction(h -> {
            rolePolicies.recordUse(h, roleId, ids.now(), region);
            return null;
        });
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
