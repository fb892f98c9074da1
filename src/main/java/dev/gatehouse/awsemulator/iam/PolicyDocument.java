package dev.gatehouse.awsemulator.iam;

import java.util.List;
import java.util.Map;

/**
 * A policy document parsed and checked against the IAM policy grammar. Trust policies must name a principal and
 * may not name resources; identity policies the other way round. Refusals carry AWS's wording.
 *
 * @param version    {@code 2012-10-17} or {@code 2008-10-17} (the latter also when absent)
 * @param id         the optional {@code Id}
 * @param statements one or more statements, in document order
 */
public record PolicyDocument(String version, String id, List<Statement> statements) {
    /** Allow or Deny. */
    public enum Effect { ALLOW, DENY }

    /**
     * One statement.
     *
     * @param principal    {@code "Federated"->[arn]}, {@code "AWS"->…}; {@code "*"->["*"]} for a bare {@code "*"};
     *                     {@code null} when the statement has neither Principal nor NotPrincipal
     * @param notPrincipal whether {@code principal} came from NotPrincipal
     */
    public record Statement(String sid, Effect effect, Map<String, List<String>> principal, boolean notPrincipal,
                            List<String> actions, List<String> notActions, List<String> resources,
                            List<String> notResources, List<Condition> conditions) {
    }

    /**
     * One condition test.
     *
     * @param operator as written, e.g. {@code StringEquals}, {@code ForAnyValue:StringLike}, {@code StringEqualsIfExists}
     * @param key      as written, e.g. {@code SAML:aud}
     */
    public record Condition(String operator, String key, List<String> values) {
    }

    public static PolicyDocument parseTrustPolicy(String json) {
        return PolicyDocumentParser.parse(json, true);
    }

    public static PolicyDocument parseIdentityPolicy(String json) {
        return PolicyDocumentParser.parse(json, false);
    }

    /** A known operator, optionally with a {@code ForAnyValue:}/{@code ForAllValues:} prefix and an {@code IfExists} suffix. */
    static boolean knownOperator(String written) {
        return PolicyConditionGrammar.knownOperator(written);
    }
}
