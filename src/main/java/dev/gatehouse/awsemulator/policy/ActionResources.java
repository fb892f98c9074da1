package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResourceResolver;

import java.util.HashMap;
import java.util.Map;

/**
 * Which resource each emulated action touches, as the Service Authorization Reference lists it ("Actions defined
 * by AWS Identity and Access Management", resource types column): one row per action, so a new operation adds a
 * row here. Roles are named with their path (read from the role; a role that does not exist yet, or no longer,
 * by its name alone). An action without a row, or a row whose parameter is missing, is evaluated on {@code *}.
 */
public final class ActionResources implements ResourceResolver {
    /** How one action's resource is found in its request. */
    private interface Rule {
        String resource(QueryRequest request, CallerIdentity caller);
    }

    private final IamService iam;
    private final Map<String, Rule> rows = new HashMap<>();

    public ActionResources(IamService iam) {
        this.iam = iam;
        Rule star = (r, c) -> "*";
        Rule samlByArn = param("SAMLProviderArn");
        Rule policyByArn = param("PolicyArn");
        Rule role = this::role;
        rows.put("iam:createsamlprovider", (r, c) -> r.param("Name") == null ? "*"
                : "arn:aws:iam::" + c.accountId() + ":saml-provider/" + r.param("Name"));
        for (String a : new String[] {"GetSAMLProvider", "UpdateSAMLProvider", "DeleteSAMLProvider", "TagSAMLProvider",
                "UntagSAMLProvider", "ListSAMLProviderTags"}) {
            rows.put(key("iam:" + a), samlByArn);
        }
        rows.put("iam:createpolicy", (r, c) -> r.param("PolicyName") == null ? "*"
                : "arn:aws:iam::" + c.accountId() + ":policy" + path(r.param("Path")) + r.param("PolicyName"));
        for (String a : new String[] {"GetPolicy", "GetPolicyVersion", "DeletePolicy", "CreatePolicyVersion",
                "DeletePolicyVersion", "ListPolicyVersions", "SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy",
                "ListPolicyTags", "ListEntitiesForPolicy"}) {
            rows.put(key("iam:" + a), policyByArn);
        }
        rows.put("iam:createrole", (r, c) -> r.param("RoleName") == null ? "*"
                : "arn:aws:iam::" + c.accountId() + ":role" + path(r.param("Path")) + r.param("RoleName"));
        for (String a : new String[] {"GetRole", "DeleteRole", "UpdateRole", "UpdateRoleDescription",
                "UpdateAssumeRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "ListAttachedRolePolicies",
                "PutRolePolicy", "GetRolePolicy", "ListRolePolicies", "DeleteRolePolicy", "TagRole", "UntagRole",
                "ListRoleTags", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary"}) {
            rows.put(key("iam:" + a), role);
        }
        // The list actions are checked on the path prefix they list, as IAM's denials name it.
        rows.put("iam:listroles", (r, c) -> "arn:aws:iam::" + c.accountId() + ":role" + path(r.param("PathPrefix")));
        rows.put("iam:listpolicies", (r, c) -> "arn:aws:iam::" + c.accountId() + ":policy" + path(r.param("PathPrefix")));
        for (String a : new String[] {"iam:ListSAMLProviders",
                "iam:SimulateCustomPolicy", "iam:GetContextKeysForCustomPolicy", "sts:GetCallerIdentity",
                "cloudtrail:LookupEvents"}) {
            rows.put(key(a), star);
        }
        rows.put("sts:assumerole", param("RoleArn"));
        rows.put("iam:simulateprincipalpolicy", param("PolicySourceArn"));
        rows.put("iam:getcontextkeysforprincipalpolicy", param("PolicySourceArn"));
    }

    @Override
    public String resourceOf(String action, QueryRequest request, CallerIdentity caller) {
        Rule rule = rows.get(key(action));
        return rule == null ? "*" : rule.resource(request, caller);
    }

    private String role(QueryRequest request, CallerIdentity caller) {
        String name = request.param("RoleName");
        if (name == null || name.isEmpty()) {
            return "*";
        }
        try {
            return iam.getRole(caller.accountId(), name).arn();
        } catch (AwsError noSuchRole) {
            return "arn:aws:iam::" + caller.accountId() + ":role/" + name;
        }
    }

    private static Rule param(String name) {
        return (r, c) -> r.param(name) == null || r.param(name).isEmpty() ? "*" : r.param(name);
    }

    private static String path(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static String key(String action) {
        return action.toLowerCase(java.util.Locale.ROOT);
    }
}
