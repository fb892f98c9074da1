package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.iam.RolePolicySet.NamedPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A role's inline policies and permissions boundary behind {@link IamService}, with IAM's quota on the total size
 * of a role's inline policies, and the set of documents policy evaluation reads ({@link #policySet}).
 */
final class IamRolePolicies {
    /** IAM's quota on a role's inline policies together, in characters other than white space. */
    static final int MAX_INLINE_CHARS = 10_240;

    private final IamStore store;
    private final RolePolicyStore policies;
    private final IamRoles roles;
    private final IamPolicies managed;
    private final IamIdentifiers ids;

    IamRolePolicies(IamStore store, RolePolicyStore policies, IamRoles roles, IamPolicies managed, IamIdentifiers ids) {
        this.store = store;
        this.policies = policies;
        this.roles = roles;
        this.managed = managed;
        this.ids = ids;
    }

    void putRolePolicy(String accountId, String roleName, String policyName, String document) {
        names(roleName, policyName).required("policyDocument", document).length("policyDocument", document, 1, 131_072)
                .pattern("policyDocument", document, IamConstraints.DOCUMENT_PATTERN).check();
        IamRole role = roles.getRole(accountId, roleName);
        IamPolicies.parse(() -> PolicyDocument.parseIdentityPolicy(document));
        store.inTransaction(h -> {
            policies.lockRole(h, role.roleId());
            int total = nonWhiteSpace(document);
            for (RolePolicyStore.InlineRow other : policies.inlinePolicies(h, role.roleId())) {
                if (!IamStore.key(other.name()).equals(IamStore.key(policyName))) {
                    total += nonWhiteSpace(other.document());
                }
            }
            if (total > MAX_INLINE_CHARS) {
                throw AwsError.limitExceeded("Maximum policy size of " + MAX_INLINE_CHARS + " bytes exceeded for role " + role.roleName());
            }
            policies.putInline(h, role.roleId(), policyName, document, ids.now());
            return null;
        });
    }

    /** @return the policy's name as stored and its document */
    RolePolicyStore.InlineRow getRolePolicy(String accountId, String roleName, String policyName) {
        names(roleName, policyName).check();
        IamRole role = roles.getRole(accountId, roleName);
        return store.inTransaction(h -> policies.inlinePolicy(h, role.roleId(), policyName))
                .orElseThrow(() -> AwsError.noSuchEntity("The role policy with name " + policyName + " cannot be found."));
    }

    List<String> listRolePolicies(String accountId, String roleName) {
        roleName(roleName).check();
        IamRole role = roles.getRole(accountId, roleName);
        return store.inTransaction(h -> policies.inlinePolicies(h, role.roleId())).stream().map(RolePolicyStore.InlineRow::name).toList();
    }

    void deleteRolePolicy(String accountId, String roleName, String policyName) {
        names(roleName, policyName).check();
        IamRole role = roles.getRole(accountId, roleName);
        store.inTransaction(h -> {
            if (!policies.deleteInline(h, role.roleId(), policyName)) {
                throw AwsError.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
            }
            return null;
        });
    }

    /** Sets (or replaces) the boundary: a managed policy of the account, or an AWS managed policy. */
    void putRolePermissionsBoundary(String accountId, String roleName, String boundaryArn) {
        roleName(roleName).required("permissionsBoundary", boundaryArn).length("permissionsBoundary", boundaryArn, 20, 2048).check();
        IamRole role = roles.getRole(accountId, roleName);
        String arn = managed.boundaryArn(accountId, boundaryArn);
        store.inTransaction(h -> {
            policies.setBoundary(h, role.roleId(), arn);
            return null;
        });
    }

    void deleteRolePermissionsBoundary(String accountId, String roleName) {
        roleName(roleName).check();
        IamRole role = roles.getRole(accountId, roleName);
        if (role.permissionsBoundary() == null) {
            throw AwsError.noSuchEntity("The role " + roleName + " does not have a permissions boundary.");
        }
        store.inTransaction(h -> {
            policies.setBoundary(h, role.roleId(), null);
            return null;
        });
    }

    /** The role's identity policies and boundary, read in one transaction; empty when there is no such role. */
    Optional<RolePolicySet> policySet(String accountId, String roleName) {
        return store.inTransaction(h -> {
            Optional<IamRole> role = store.findRoleByKey(h, accountId, roleName).filter(r -> r.roleName().equals(roleName));
            if (role.isEmpty()) {
                return Optional.<RolePolicySet>empty();
            }
            String roleId = role.get().roleId();
            List<NamedPolicy> identity = new ArrayList<>();
            for (IamPolicy p : store.attachedPolicies(h, roleId)) {
                identity.add(new NamedPolicy(p.policyName(), p.arn(), p.document()));
            }
            for (String arn : policies.awsPolicyArns(h, roleId)) {
                AwsManagedPolicies.find(arn).ifPresent(e -> identity.add(new NamedPolicy(e.name(), e.arn(), e.document())));
            }
            for (RolePolicyStore.InlineRow inline : policies.inlinePolicies(h, roleId)) {
                identity.add(new NamedPolicy(inline.name(), null, inline.document()));
            }
            NamedPolicy boundary = null;
            String boundaryArn = role.get().permissionsBoundary();
            if (boundaryArn != null) {
                boundary = AwsManagedPolicies.find(boundaryArn).map(e -> new NamedPolicy(e.name(), e.arn(), e.document()))
                        .or(() -> store.findPolicy(h, boundaryArn).map(p -> new NamedPolicy(p.policyName(), p.arn(), p.document())))
                        .orElse(null);
            }
            return Optional.of(new RolePolicySet(role.get(), List.copyOf(identity), boundary));
        });
    }

    private static IamConstraints roleName(String roleName) {
        return new IamConstraints().required("roleName", roleName).length("roleName", roleName, 1, 64)
                .pattern("roleName", roleName, IamConstraints.NAME_PATTERN);
    }

    private static IamConstraints names(String roleName, String policyName) {
        return roleName(roleName).required("policyName", policyName).length("policyName", policyName, 1, 128)
                .pattern("policyName", policyName, IamConstraints.NAME_PATTERN);
    }

    private static int nonWhiteSpace(String document) {
        int n = 0;
        for (int i = 0; i < document.length(); i++) {
            if (!Character.isWhitespace(document.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
