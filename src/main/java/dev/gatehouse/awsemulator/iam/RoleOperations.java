package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

import java.util.List;

import static dev.gatehouse.awsemulator.iam.IamQueryOperations.integer;
import static dev.gatehouse.awsemulator.iam.IamQueryOperations.urlEncode;

/** IAM's role actions on the Query API: create, read, list, update and delete roles and their trust policies. */
final class RoleOperations {
    private final IamService iam;

    RoleOperations(IamService iam) {
        this.iam = iam;
    }

    String createRole(QueryRequest r, CallerIdentity caller) {
        IamRole role = iam.createRole(caller.accountId(), r.param("RoleName"), r.param("Path"),
                r.param("AssumeRolePolicyDocument"), integer(r.param("MaxSessionDuration"), "maxSessionDuration"),
                r.param("Description"), r.param("PermissionsBoundary"), TagOperations.tags(r));
        ResultXml x = roleFields(new ResultXml().open("Role"), role);
        return TagOperations.writeTags(x, iam.listTags(role.arn())).close("Role").toString();
    }

    /** GetRole adds what ListRoles leaves out: tags and RoleLastUsed, as AWS does. */
    String getRole(QueryRequest r, CallerIdentity caller) {
        String name = r.param("RoleName");
        roleName(name).check();
        IamRole role = iam.getRole(caller.accountId(), name);
        ResultXml x = roleFields(new ResultXml().open("Role"), role);
        TagOperations.writeTags(x, iam.listTags(role.arn())).open("RoleLastUsed");
        if (role.lastUsedDate() != null) {
            x.element("LastUsedDate", role.lastUsedDate()).element("Region", role.lastUsedRegion());
        }
        return x.close("RoleLastUsed").close("Role").toString();
    }

    String listRoles(QueryRequest r, CallerIdentity caller) {
        String prefix = r.param("PathPrefix") == null ? "/" : r.param("PathPrefix");
        new IamConstraints().length("pathPrefix", prefix, 1, 512).pattern("pathPrefix", prefix, "\\u002F[\\u0021-\\u007F]*").check();
        List<IamRole> roles = iam.listRoles(caller.accountId()).stream().filter(role -> role.path().startsWith(prefix)).toList();
        return IamPaging.page(new ResultXml(), r, "Roles", roles, role -> IamStore.key(role.roleName()), RoleOperations::roleFields).toString();
    }

    String updateRole(QueryRequest r, CallerIdentity caller) {
        iam.updateRole(caller.accountId(), r.param("RoleName"), r.param("Description"),
                integer(r.param("MaxSessionDuration"), "maxSessionDuration"));
        return "";
    }

    String deleteRole(QueryRequest r, CallerIdentity caller) {
        String name = r.param("RoleName");
        roleName(name).check();
        iam.deleteRole(caller.accountId(), name);
        return null;
    }

    String updateAssumeRolePolicy(QueryRequest r, CallerIdentity caller) {
        iam.updateAssumeRolePolicy(caller.accountId(), r.param("RoleName"), r.param("PolicyDocument"));
        return null;
    }

    static IamConstraints roleName(String name) {
        return new IamConstraints().required("roleName", name).length("roleName", name, 1, 64).pattern("roleName", name, IamConstraints.NAME_PATTERN);
    }

    static ResultXml roleFields(ResultXml x, IamRole role) {
        x.element("Path", role.path()).element("RoleName", role.roleName()).element("RoleId", role.roleId())
                .element("Arn", role.arn()).element("CreateDate", role.createDate())
                .element("AssumeRolePolicyDocument", urlEncode(role.assumeRolePolicyDocument()))
                .element("Description", role.description()).element("MaxSessionDuration", role.maxSessionDurationSeconds());
        if (role.permissionsBoundary() != null) {
            x.open("PermissionsBoundary").element("PermissionsBoundaryType", "Policy")
                    .element("PermissionsBoundaryArn", role.permissionsBoundary()).close("PermissionsBoundary");
        }
        return x;
    }
}
