package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.QueryOperation;
import dev.gatehouse.awsemulator.query.QueryRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The IAM 2010-05-08 Query API over {@link IamService}: the table of actions and what they share (the caller
 * check, ARN ownership, numbers, URL-encoded documents). The actions themselves live by theme in
 * {@link SamlProviderOperations}, {@link PolicyOperations}, {@link RoleOperations}, {@link RolePolicyOperations}
 * and {@link TagOperations}, which write AWS's result shapes.
 * Who may call what is decided before an operation runs, by the dispatcher's policy evaluation.
 */
public final class IamQueryOperations {
    public static final String VERSION = "2010-05-08";
    public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private IamQueryOperations() {
    }

    /** Every IAM action the emulator serves. */
    public static List<QueryOperation> all(IamService iam) {
        SamlProviderOperations providers = new SamlProviderOperations(iam);
        PolicyOperations policies = new PolicyOperations(iam);
        RoleOperations roles = new RoleOperations(iam);
        RolePolicyOperations rolePolicies = new RolePolicyOperations(iam);
        TagOperations tags = new TagOperations(iam);
        List<QueryOperation> ops = new ArrayList<>(List.of(
                op("CreateSAMLProvider", providers::createSamlProvider),
                op("GetSAMLProvider", providers::getSamlProvider),
                op("ListSAMLProviders", providers::listSamlProviders),
                op("UpdateSAMLProvider", providers::updateSamlProvider),
                op("DeleteSAMLProvider", providers::deleteSamlProvider),
                op("CreatePolicy", policies::createPolicy),
                op("GetPolicy", policies::getPolicy),
                op("GetPolicyVersion", policies::getPolicyVersion),
                op("ListPolicies", policies::listPolicies),
                op("DeletePolicy", policies::deletePolicy),
                op("CreateRole", roles::createRole),
                op("GetRole", roles::getRole),
                op("ListRoles", roles::listRoles),
                op("UpdateRole", roles::updateRole),
                op("DeleteRole", roles::deleteRole),
                op("UpdateAssumeRolePolicy", roles::updateAssumeRolePolicy),
                op("AttachRolePolicy", rolePolicies::attachRolePolicy),
                op("DetachRolePolicy", rolePolicies::detachRolePolicy),
                op("ListAttachedRolePolicies", rolePolicies::listAttachedRolePolicies),
                op("PutRolePolicy", rolePolicies::putRolePolicy),
                op("GetRolePolicy", rolePolicies::getRolePolicy),
                op("ListRolePolicies", rolePolicies::listRolePolicies),
                op("DeleteRolePolicy", rolePolicies::deleteRolePolicy),
                op("PutRolePermissionsBoundary", rolePolicies::putRolePermissionsBoundary),
                op("DeleteRolePermissionsBoundary", rolePolicies::deleteRolePermissionsBoundary)));
        tags.actions().forEach((action, body) -> ops.add(op(action, body)));
        return List.copyOf(ops);
    }

    /** A signed IAM 2010-05-08 operation called {@code action} that {@code body} answers (simulation's too). */
    public static QueryOperation op(String action, BiFunction<QueryRequest, CallerIdentity, String> body) {
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

    // --- parameters

    /** A required ARN parameter that must name a resource of the caller's own account. */
    static String ownArn(String value, String member, CallerIdentity caller, String action) {
        return arn(value, member, caller, action, false);
    }

    /** A required policy ARN of the caller's account or of AWS ({@code arn:aws:iam::aws:policy/…}). */
    static String policyArn(String value, String member, CallerIdentity caller, String action) {
        return arn(value, member, caller, action, true);
    }

    private static String arn(String value, String member, CallerIdentity caller, String action, boolean awsAllowed) {
        new IamConstraints().required(member, value).length(member, value, 20, 2048).check();
        Arn arn;
        try {
            arn = Arn.parse(value);
        } catch (IllegalArgumentException e) {
            throw AwsError.invalidInput("ARN " + value + " is not valid.");
        }
        boolean aws = awsAllowed && arn.accountId().equals(AwsManagedPolicies.ACCOUNT) && arn.resourceType().equals("policy");
        if (!aws && !arn.accountId().equals(caller.accountId())) {
            throw AwsError.accessDenied("User: " + caller.arn() + " is not authorized to perform: iam:" + action
                    + " on resource: " + value);
        }
        return value;
    }

    static Integer integer(String value, String member) {
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
