package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

import java.util.List;

import static dev.gatehouse.awsemulator.iam.IamQueryOperations.policyArn;
import static dev.gatehouse.awsemulator.iam.IamQueryOperations.urlEncode;

/**
 * The policies of one role on the Query API: managed policies attached and detached (the account's or AWS's),
 * inline policies, and the permissions boundary.
 */
final class RolePolicyOperations {
    private final IamService iam;

    RolePolicyOperations(IamService iam) {
        this.iam = iam;
    }

    String attachRolePolicy(QueryRequest r, CallerIdentity caller) {
        String arn = policyArn(r.param("PolicyArn"), "policyArn", caller, "AttachRolePolicy");
        iam.attachRolePolicy(caller.accountId(), r.param("RoleName"), arn);
        return null;
    }

    String detachRolePolicy(QueryRequest r, CallerIdentity caller) {
        String arn = policyArn(r.param("PolicyArn"), "policyArn", caller, "DetachRolePolicy");
        iam.detachRolePolicy(caller.accountId(), r.param("RoleName"), arn);
        return null;
    }

    String listAttachedRolePolicies(QueryRequest r, CallerIdentity caller) {
        String name = r.param("RoleName");
        String prefix = r.param("PathPrefix") == null ? "/" : r.param("PathPrefix");
        RoleOperations.roleName(name).length("pathPrefix", prefix, 1, 512)
                .pattern("pathPrefix", prefix, IamConstraints.POLICY_PATH_PATTERN).check();
        List<IamPolicy> attached = iam.listAttachedRolePolicies(caller.accountId(), name).stream()
                .filter(p -> p.path().startsWith(prefix)).toList();
        return IamPaging.page(new ResultXml(), r, "AttachedPolicies", attached, p -> IamStore.key(p.policyName()) + "\u0001" + p.arn(),
                (x, p) -> x.element("PolicyName", p.policyName()).element("PolicyArn", p.arn())).toString();
    }

    String putRolePolicy(QueryRequest r, CallerIdentity caller) {
        iam.putRolePolicy(caller.accountId(), r.param("RoleName"), r.param("PolicyName"), r.param("PolicyDocument"));
        return null;
    }

    /** The document URL-encoded, as AWS returns it (the CLI and SDKs decode it). */
    String getRolePolicy(QueryRequest r, CallerIdentity caller) {
        String role = r.param("RoleName");
        String name = r.param("PolicyName");
        String document = iam.getRolePolicy(caller.accountId(), role, name);
        String stored = iam.listRolePolicies(caller.accountId(), role).stream().filter(n -> IamStore.key(n).equals(IamStore.key(name)))
                .findFirst().orElse(name);
        return new ResultXml().element("RoleName", iam.getRole(caller.accountId(), role).roleName()).element("PolicyName", stored)
                .element("PolicyDocument", urlEncode(document)).toString();
    }

    String listRolePolicies(QueryRequest r, CallerIdentity caller) {
        List<String> names = iam.listRolePolicies(caller.accountId(), r.param("RoleName"));
        return IamPaging.page(new ResultXml(), r, "PolicyNames", names, IamStore::key, ResultXml::text).toString();
    }

    String deleteRolePolicy(QueryRequest r, CallerIdentity caller) {
        iam.deleteRolePolicy(caller.accountId(), r.param("RoleName"), r.param("PolicyName"));
        return null;
    }

    String putRolePermissionsBoundary(QueryRequest r, CallerIdentity caller) {
        String boundary = r.param("PermissionsBoundary");
        if (boundary != null) {
            policyArn(boundary, "permissionsBoundary", caller, "PutRolePermissionsBoundary");
        }
        iam.putRolePermissionsBoundary(caller.accountId(), r.param("RoleName"), boundary);
        return null;
    }

    String deleteRolePermissionsBoundary(QueryRequest r, CallerIdentity caller) {
        iam.deleteRolePermissionsBoundary(caller.accountId(), r.param("RoleName"));
        return null;
    }
}
