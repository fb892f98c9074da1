package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static dev.gatehouse.awsemulator.iam.IamQueryOperations.ownArn;

/**
 * Tags on the Query API: {@code Tag*}, {@code Untag*} and {@code List*Tags} for roles, customer-managed policies
 * and SAML providers, and the {@code Tags} member of {@code Create*} requests and results.
 */
final class TagOperations {
    private final IamService iam;

    TagOperations(IamService iam) {
        this.iam = iam;
    }

    /** Action name to body, in the order the IAM API reference lists them. */
    Map<String, BiFunction<QueryRequest, CallerIdentity, String>> actions() {
        Map<String, BiFunction<QueryRequest, CallerIdentity, String>> m = new LinkedHashMap<>();
        m.put("TagRole", (r, c) -> tag(roleArn(r, c), r, "TagsPerRole"));
        m.put("UntagRole", (r, c) -> untag(roleArn(r, c), r));
        m.put("ListRoleTags", (r, c) -> list(roleArn(r, c), r));
        m.put("TagPolicy", (r, c) -> tag(policyArn(r, c, "TagPolicy"), r, "TagsPerPolicy"));
        m.put("UntagPolicy", (r, c) -> untag(policyArn(r, c, "UntagPolicy"), r));
        m.put("ListPolicyTags", (r, c) -> list(policyArn(r, c, "ListPolicyTags"), r));
        m.put("TagSAMLProvider", (r, c) -> tag(providerArn(r, c, "TagSAMLProvider"), r, "TagsPerSAMLProvider"));
        m.put("UntagSAMLProvider", (r, c) -> untag(providerArn(r, c, "UntagSAMLProvider"), r));
        m.put("ListSAMLProviderTags", (r, c) -> list(providerArn(r, c, "ListSAMLProviderTags"), r));
        return m;
    }

    private String roleArn(QueryRequest r, CallerIdentity caller) {
        String name = r.param("RoleName");
        RoleOperations.roleName(name).check();
        return iam.getRole(caller.accountId(), name).arn();
    }

    private String policyArn(QueryRequest r, CallerIdentity caller, String action) {
        return iam.getPolicy(ownArn(r.param("PolicyArn"), "policyArn", caller, action)).arn();
    }

    private String providerArn(QueryRequest r, CallerIdentity caller, String action) {
        return iam.getSamlProvider(ownArn(r.param("SAMLProviderArn"), "sAMLProviderArn", caller, action)).arn();
    }

    private String tag(String arn, QueryRequest r, String quota) {
        List<IamTag> tags = tags(r);
        new IamConstraints().required("tags", r.param("Tags.member.1.Key") == null && tags.isEmpty() ? null : tags).check();
        iam.tagResource(arn, tags, quota);
        return null;
    }

    private String untag(String arn, QueryRequest r) {
        List<String> keys = r.memberList("TagKeys");
        new IamConstraints().required("tagKeys", keys.isEmpty() ? null : keys).check();
        iam.untagResource(arn, keys);
        return null;
    }

    private String list(String arn, QueryRequest r) {
        List<IamTag> tags = new ArrayList<>(iam.listTags(arn));
        tags.sort(Comparator.comparing(t -> IamStore.key(t.key())));
        return IamPaging.page(new ResultXml(), r, "Tags", tags, t -> IamStore.key(t.key()), TagOperations::tagFields).toString();
    }

    /** The {@code Tags.member.N.Key}/{@code .Value} of a request, in index order (a missing value reads as {@code null}). */
    static List<IamTag> tags(QueryRequest r) {
        List<IamTag> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            String key = r.param("Tags.member." + i + ".Key");
            String value = r.param("Tags.member." + i + ".Value");
            if (key == null && value == null) {
                return out;
            }
            out.add(new IamTag(key, value));
        }
    }

    /** {@code <Tags>…</Tags>}, left out when there are none, as IAM leaves it out. */
    static ResultXml writeTags(ResultXml x, List<IamTag> tags) {
        if (tags.isEmpty()) {
            return x;
        }
        x.open("Tags");
        for (IamTag t : tags) {
            tagFields(x.open("member"), t).close("member");
        }
        return x.close("Tags");
    }

    private static ResultXml tagFields(ResultXml x, IamTag t) {
        return x.element("Key", t.key()).element("Value", t.value());
    }
}
