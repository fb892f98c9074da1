package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.QueryOperation;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The IAM 2010-05-08 Query API over {@link IamService}: reads each action's parameters, checks that ARNs belong
 * to the caller's account, and writes AWS's result shapes (policy documents URL-encoded, as AWS returns them).
 * Who may call what is decided before an operation runs, by the dispatcher's policy evaluation.
 */
public final class IamQueryOperations {
    public static final String VERSION = "2010-05-08";
    public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final IamService iam;

    private IamQueryOperations(IamService iam) {
        this.iam = iam;
    }

    /** Every IAM action the emulator serves. */
    public static List<QueryOperation> all(IamService iam) {
        IamQueryOperations ops = new IamQueryOperations(iam);
        return List.of(
                op("CreateSAMLProvider", ops::createSamlProvider),
                op("GetSAMLProvider", ops::getSamlProvider),
                op("ListSAMLProviders", ops::listSamlProviders),
                op("UpdateSAMLProvider", ops::updateSamlProvider),
                op("DeleteSAMLProvider", ops::deleteSamlProvider),
                op("CreatePolicy", ops::createPolicy),
                op("GetPolicy", ops::getPolicy),
                op("GetPolicyVersion", ops::getPolicyVersion),
                op("ListPolicies", ops::listPolicies),
                op("DeletePolicy", ops::deletePolicy),
                op("CreateRole", ops::createRole),
                op("GetRole", ops::getRole),
                op("ListRoles", ops::listRoles),
                op("DeleteRole", ops::deleteRole),
                op("UpdateAssumeRolePolicy", ops::updateAssumeRolePolicy),
                op("AttachRolePolicy", ops::attachRolePolicy),
                op("DetachRolePolicy", ops::detachRolePolicy),
                op("ListAttachedRolePolicies", ops::listAttachedRolePolicies));
    }

    private static QueryOperation op(String action, BiFunction<QueryRequest, CallerIdentity, String> body) {
        return new QueryOperation() {
            @Override
            public String action() {
                return action;
            }

            @Override
            public String version() {
                return VERSION;
            }

            @Override
            public String namespace() {
                return NAMESPACE;
            }

            @Override
            public Auth auth() {
                return Auth.SIGV4;
            }

            @Override
            public String handle(QueryRequest request, CallerIdentity caller) {
                return body.apply(request, caller);
            }
        };
    }

    // --- SAML providers

    private String createSamlProvider(QueryRequest r, CallerIdentity caller) {
        SamlProvider p = iam.createSamlProvider(caller.accountId(), r.param("Name"), r.param("SAMLMetadataDocument"));
        return new ResultXml().element("SAMLProviderArn", p.arn()).toString();
    }

    private String getSamlProvider(QueryRequest r, CallerIdentity caller) {
        SamlProvider p = iam.getSamlProvider(ownArn(r.param("SAMLProviderArn"), "sAMLProviderArn", caller, "GetSAMLProvider"));
        return new ResultXml().element("SAMLProviderUUID", p.uuid()).element("SAMLMetadataDocument", p.metadataDocument())
                .element("CreateDate", p.createDate()).element("ValidUntil", p.validUntil()).toString();
    }

    private String listSamlProviders(QueryRequest r, CallerIdentity caller) {
        ResultXml x = new ResultXml().open("SAMLProviderList");
        for (SamlProvider p : iam.listSamlProviders(caller.accountId())) {
            x.open("member").element("Arn", p.arn()).element("ValidUntil", p.validUntil()).element("CreateDate", p.createDate()).close("member");
        }
        return x.close("SAMLProviderList").toString();
    }

    private String updateSamlProvider(QueryRequest r, CallerIdentity caller) {
        String arn = ownArn(r.param("SAMLProviderArn"), "sAMLProviderArn", caller, "UpdateSAMLProvider");
        SamlProvider p = iam.updateSamlProvider(arn, r.param("SAMLMetadataDocument"));
        return new ResultXml().element("SAMLProviderArn", p.arn()).toString();
    }

    private String deleteSamlProvider(QueryRequest r, CallerIdentity caller) {
        iam.deleteSamlProvider(ownArn(r.param("SAMLProviderArn"), "sAMLProviderArn", caller, "DeleteSAMLProvider"));
        return null;
    }

    // --- policies

    private String createPolicy(QueryRequest r, CallerIdentity caller) {
        IamPolicy p = iam.createPolicy(caller.accountId(), r.param("PolicyName"), r.param("Path"), r.param("PolicyDocument"),
                r.param("Description"));
        return policy(new ResultXml(), p, null).toString();
    }

    private String getPolicy(QueryRequest r, CallerIdentity caller) {
        IamPolicy p = iam.getPolicy(ownArn(r.param("PolicyArn"), "policyArn", caller, "GetPolicy"));
        return policy(new ResultXml(), p, iam.policyDescription(p.arn()).orElse(null)).toString();
    }

    private String getPolicyVersion(QueryRequest r, CallerIdentity caller) {
        String arn = ownArn(r.param("PolicyArn"), "policyArn", caller, "GetPolicyVersion");
        String version = r.param("VersionId");
        new IamConstraints().required("versionId", version).pattern("versionId", version, "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?").check();
        IamPolicy p = iam.getPolicy(arn);
        if (!p.defaultVersionId().equals(version)) {
            throw AwsError.noSuchEntity("Policy " + arn + " version " + version + " does not exist or is not attachable.");
        }
        return new ResultXml().open("PolicyVersion").element("Document", urlEncode(p.document()))
                .element("VersionId", p.defaultVersionId()).element("IsDefaultVersion", true)
                .element("CreateDate", p.createDate()).close("PolicyVersion").toString();
    }

    private String listPolicies(QueryRequest r, CallerIdentity caller) {
        String scope = r.param("Scope");
        if (scope != null && !List.of("All", "AWS", "Local").contains(scope)) {
            throw AwsError.validationError("1 validation error detected: Value '" + scope
                    + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
        }
        boolean onlyAttached = "true".equalsIgnoreCase(r.param("OnlyAttached"));
        String prefix = r.param("PathPrefix") == null ? "/" : r.param("PathPrefix");
        ResultXml x = new ResultXml().element("IsTruncated", false).open("Policies");
        if (!"AWS".equals(scope)) {
            for (IamPolicy p : iam.listPolicies(caller.accountId())) {
                if (p.path().startsWith(prefix) && (!onlyAttached || p.attachmentCount() > 0)) {
                    x.open("member");
                    policyFields(x, p, null);
                    x.close("member");
                }
            }
        }
        return x.close("Policies").toString();
    }

    private String deletePolicy(QueryRequest r, CallerIdentity caller) {
        iam.deletePolicy(ownArn(r.param("PolicyArn"), "policyArn", caller, "DeletePolicy"));
        return null;
    }

    private static ResultXml policy(ResultXml x, IamPolicy p, String description) {
        return policyFields(x.open("Policy"), p, description).close("Policy");
    }

    private static ResultXml policyFields(ResultXml x, IamPolicy p, String description) {
        return x.element("PolicyName", p.policyName()).element("DefaultVersionId", p.defaultVersionId())
                .element("PolicyId", p.policyId()).element("Path", p.path()).element("Arn", p.arn())
                .element("AttachmentCount", p.attachmentCount()).element("PermissionsBoundaryUsageCount", 0)
                .element("IsAttachable", true).element("Description", description)
                .element("CreateDate", p.createDate()).element("UpdateDate", p.createDate());
    }

    // --- roles

    private String createRole(QueryRequest r, CallerIdentity caller) {
        IamRole role = iam.createRole(caller.accountId(), r.param("RoleName"), r.param("Path"),
                r.param("AssumeRolePolicyDocument"), integer(r.param("MaxSessionDuration"), "maxSessionDuration"),
                r.param("Description"));
        return role(new ResultXml(), role).toString();
    }

    private String getRole(QueryRequest r, CallerIdentity caller) {
        String name = r.param("RoleName");
        new IamConstraints().required("roleName", name).length("roleName", name, 1, 64).pattern("roleName", name, IamConstraints.NAME_PATTERN).check();
        return role(new ResultXml(), iam.getRole(caller.accountId(), name)).toString();
    }

    private String listRoles(QueryRequest r, CallerIdentity caller) {
        String prefix = r.param("PathPrefix") == null ? "/" : r.param("PathPrefix");
        ResultXml x = new ResultXml().element("IsTruncated", false).open("Roles");
        for (IamRole role : iam.listRoles(caller.accountId())) {
            if (role.path().startsWith(prefix)) {
                roleFields(x.open("member"), role).close("member");
            }
        }
        return x.close("Roles").toString();
    }

    private String deleteRole(QueryRequest r, CallerIdentity caller) {
        String name = r.param("RoleName");
        new IamConstraints().required("roleName", name).length("roleName", name, 1, 64).pattern("roleName", name, IamConstraints.NAME_PATTERN).check();
        iam.deleteRole(caller.accountId(), name);
        return null;
    }

    private String updateAssumeRolePolicy(QueryRequest r, CallerIdentity caller) {
        iam.updateAssumeRolePolicy(caller.accountId(), r.param("RoleName"), r.param("PolicyDocument"));
        return null;
    }

    private String attachRolePolicy(QueryRequest r, CallerIdentity caller) {
        String arn = ownArn(r.param("PolicyArn"), "policyArn", caller, "AttachRolePolicy");
        iam.attachRolePolicy(caller.accountId(), r.param("RoleName"), arn);
        return null;
    }

    private String detachRolePolicy(QueryRequest r, CallerIdentity caller) {
        String arn = ownArn(r.param("PolicyArn"), "policyArn", caller, "DetachRolePolicy");
        iam.detachRolePolicy(caller.accountId(), r.param("RoleName"), arn);
        return null;
    }

    private String listAttachedRolePolicies(QueryRequest r, CallerIdentity caller) {
        String name = r.param("RoleName");
        new IamConstraints().required("roleName", name).length("roleName", name, 1, 64).pattern("roleName", name, IamConstraints.NAME_PATTERN).check();
        ResultXml x = new ResultXml().element("IsTruncated", false).open("AttachedPolicies");
        for (IamPolicy p : iam.listAttachedRolePolicies(caller.accountId(), name)) {
            x.open("member").element("PolicyName", p.policyName()).element("PolicyArn", p.arn()).close("member");
        }
        return x.close("AttachedPolicies").toString();
    }

    private static ResultXml role(ResultXml x, IamRole role) {
        return roleFields(x.open("Role"), role).close("Role");
    }

    private static ResultXml roleFields(ResultXml x, IamRole role) {
        return x.element("Path", role.path()).element("RoleName", role.roleName()).element("RoleId", role.roleId())
                .element("Arn", role.arn()).element("CreateDate", role.createDate())
                .element("AssumeRolePolicyDocument", urlEncode(role.assumeRolePolicyDocument()))
                .element("Description", role.description()).element("MaxSessionDuration", role.maxSessionDurationSeconds());
    }

    // --- parameters

    /** A required ARN parameter that must name a resource of the caller's own account. */
    private static String ownArn(String value, String member, CallerIdentity caller, String action) {
        new IamConstraints().required(member, value).length(member, value, 20, 2048).check();
        Arn arn;
        try {
            arn = Arn.parse(value);
        } catch (IllegalArgumentException e) {
            throw AwsError.invalidInput("ARN " + value + " is not valid.");
        }
        if (!arn.accountId().equals(caller.accountId())) {
            throw AwsError.accessDenied("User: " + caller.arn() + " is not authorized to perform: iam:" + action
                    + " on resource: " + value);
        }
        return value;
    }

    private static Integer integer(String value, String member) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw AwsError.validationError("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must be a number");
        }
    }

    /** Percent-encodes as AWS does for policy documents in responses (spaces as %20, so Python's unquote reads it). */
    static String urlEncode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
