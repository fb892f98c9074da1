package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.gatehouse.awsemulator.iam.IamQueryOperations.ownArn;
import static dev.gatehouse.awsemulator.iam.IamQueryOperations.policyArn;
import static dev.gatehouse.awsemulator.iam.IamQueryOperations.urlEncode;

/** IAM's managed-policy actions on the Query API: the account's own policies and AWS's. */
final class PolicyOperations {
    private final IamService iam;

    PolicyOperations(IamService iam) {
        this.iam = iam;
    }

    String createPolicy(QueryRequest r, CallerIdentity caller) {
        IamPolicy p = iam.createPolicy(caller.accountId(), r.param("PolicyName"), r.param("Path"), r.param("PolicyDocument"),
                r.param("Description"), TagOperations.tags(r));
        ResultXml x = policyFields(new ResultXml().open("Policy"), p, null);
        return TagOperations.writeTags(x, iam.listTags(p.arn())).close("Policy").toString();
    }

    String getPolicy(QueryRequest r, CallerIdentity caller) {
        IamPolicy p = iam.getPolicy(caller.accountId(), policyArn(r.param("PolicyArn"), "policyArn", caller, "GetPolicy"));
        ResultXml x = policyFields(new ResultXml().open("Policy"), p, p.awsManaged() ? null : iam.policyDescription(p.arn()).orElse(null));
        return TagOperations.writeTags(x, p.awsManaged() ? List.of() : iam.listTags(p.arn())).close("Policy").toString();
    }

    /** Only the default version's document is kept, so other version ids answer NoSuchEntity. */
    String getPolicyVersion(QueryRequest r, CallerIdentity caller) {
        String arn = policyArn(r.param("PolicyArn"), "policyArn", caller, "GetPolicyVersion");
        String version = r.param("VersionId");
        new IamConstraints().required("versionId", version).pattern("versionId", version, "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?").check();
        IamPolicy p = iam.getPolicy(caller.accountId(), arn);
        if (!p.defaultVersionId().equals(version)) {
            throw AwsError.noSuchEntity("Policy " + arn + " version " + version + " does not exist or is not attachable.");
        }
        return new ResultXml().open("PolicyVersion").element("Document", urlEncode(p.document()))
                .element("VersionId", p.defaultVersionId()).element("IsDefaultVersion", true)
                .element("CreateDate", p.updateDate()).close("PolicyVersion").toString();
    }

    String listPolicies(QueryRequest r, CallerIdentity caller) {
        String scope = r.param("Scope") == null ? "All" : r.param("Scope");
        if (!List.of("All", "AWS", "Local").contains(scope)) {
            throw AwsError.validationError("1 validation error detected: Value '" + scope
                    + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
        }
        String prefix = r.param("PathPrefix") == null ? "/" : r.param("PathPrefix");
        new IamConstraints().length("pathPrefix", prefix, 1, 512).pattern("pathPrefix", prefix, IamConstraints.POLICY_PATH_PATTERN).check();
        boolean onlyAttached = "true".equalsIgnoreCase(r.param("OnlyAttached"));
        List<IamPolicy> policies = new ArrayList<>();
        if (!scope.equals("Local")) {
            policies.addAll(iam.listAwsManagedPolicies(caller.accountId()));
        }
        if (!scope.equals("AWS")) {
            policies.addAll(iam.listPolicies(caller.accountId()));
        }
        List<IamPolicy> shown = policies.stream()
                .filter(p -> p.path().startsWith(prefix) && (!onlyAttached || p.attachmentCount() > 0))
                .sorted(Comparator.comparing(PolicyOperations::sortKey)).toList();
        return IamPaging.page(new ResultXml(), r, "Policies", shown, PolicyOperations::sortKey,
                (x, p) -> policyFields(x, p, null)).toString();
    }

    String deletePolicy(QueryRequest r, CallerIdentity caller) {
        iam.deletePolicy(ownArn(r.param("PolicyArn"), "policyArn", caller, "DeletePolicy"));
        return null;
    }

    /** Names first, case-insensitively; the ARN tells an AWS policy from a customer one of the same name. */
    private static String sortKey(IamPolicy p) {
        return IamStore.key(p.policyName()) + "\u0001" + p.arn();
    }

    static ResultXml policyFields(ResultXml x, IamPolicy p, String description) {
        return x.element("PolicyName", p.policyName()).element("DefaultVersionId", p.defaultVersionId())
                .element("PolicyId", p.policyId()).element("Path", p.path()).element("Arn", p.arn())
                .element("AttachmentCount", p.attachmentCount()).element("PermissionsBoundaryUsageCount", p.boundaryUsageCount())
                .element("IsAttachable", p.attachable()).element("Description", description)
                .element("CreateDate", p.createDate()).element("UpdateDate", p.updateDate());
    }
}
