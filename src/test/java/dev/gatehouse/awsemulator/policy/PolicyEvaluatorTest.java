package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.iam.PolicyDocument;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.Decision;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.PolicyKind;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.PolicySet;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.Result;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.SourcedPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluation logic and each condition operator, on documents parsed by the real policy grammar. */
class PolicyEvaluatorTest {
    private static final String BUCKET = "arn:aws:s3:::reports/q1.csv";
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    private static SourcedPolicy policy(String statements) {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
        return new SourcedPolicy("P", "user-managed", PolicyDocument.parseIdentityPolicy(json), json);
    }

    private static String allow(String action, String resource, String condition) {
        return "{\"Effect\":\"Allow\",\"Action\":" + action + ",\"Resource\":" + resource
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    private Result eval(String statements, String action, String resource, Map<String, List<String>> context) {
        return evaluator.evaluate(PolicySet.identityOnly(List.of(policy(statements))), action, resource, ConditionContext.of(context));
    }

    private Decision conditionAllows(String condition, Map<String, List<String>> context) {
        return eval(allow("\"s3:GetObject\"", "\"*\"", condition), "s3:GetObject", BUCKET, context).decision();
    }

    private static Map<String, List<String>> keys(String... keyValues) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.computeIfAbsent(keyValues[i], k -> new java.util.ArrayList<>()).add(keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void actionsIgnoreCaseAndResourcesDoNot() {
        assertThat(eval(allow("\"S3:get*\"", "\"arn:aws:s3:::reports/*\"", null), "s3:GetObject", BUCKET, Map.of()).decision())
                .isEqualTo(Decision.ALLOWED);
        assertThat(eval(allow("\"s3:GetObject\"", "\"arn:aws:s3:::Reports/*\"", null), "s3:GetObject", BUCKET, Map.of()).decision())
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(eval(allow("\"s3:Get?bject\"", "\"arn:aws:s3:::reports/q?.csv\"", null), "s3:GetObject", BUCKET, Map.of()).decision())
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void notActionAndNotResourceMatchEverythingElse() {
        String notAction = "{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}";
        assertThat(eval(notAction, "s3:GetObject", BUCKET, Map.of()).decision()).isEqualTo(Decision.ALLOWED);
        assertThat(eval(notAction, "iam:ListRoles", "*", Map.of()).decision()).isEqualTo(Decision.IMPLICIT_DENY);
        String notResource = "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::secret/*\"}";
        assertThat(eval(notResource, "s3:GetObject", BUCKET, Map.of()).decision()).isEqualTo(Decision.ALLOWED);
        assertThat(eval(notResource, "s3:GetObject", "arn:aws:s3:::secret/x", Map.of()).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void explicitDenyWinsAndIsReportedWithItsStatement() {
        Result r = eval(allow("\"s3:*\"", "\"*\"", null) + ",{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}",
                "s3:GetObject", BUCKET, Map.of());
        assertThat(r.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(r.deciding()).isEqualTo(PolicyKind.IDENTITY);
        assertThat(r.matched()).extracting(PolicyEvaluator.Matched::statementIndex).containsExactly(1);
    }

    @Test
    void boundaryAndSessionPoliciesOnlyNarrow() {
        SourcedPolicy all = policy(allow("\"*\"", "\"*\"", null));
        SourcedPolicy s3 = policy(allow("\"s3:*\"", "\"*\"", null));
        SourcedPolicy ec2 = policy(allow("\"ec2:*\"", "\"*\"", null));
        ConditionContext none = ConditionContext.of(Map.of());
        Result boundary = evaluator.evaluate(new PolicySet(List.of(all), List.of(s3), null), "ec2:RunInstances", "*", none);
        assertThat(boundary.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(boundary.deciding()).isEqualTo(PolicyKind.BOUNDARY);
        Result session = evaluator.evaluate(new PolicySet(List.of(all), null, List.of(s3, ec2)), "ec2:RunInstances", "*", none);
        assertThat(session.decision()).isEqualTo(Decision.ALLOWED);
        Result narrowed = evaluator.evaluate(new PolicySet(List.of(all), null, List.of(s3)), "iam:ListRoles", "*", none);
        assertThat(narrowed.deciding()).isEqualTo(PolicyKind.SESSION);
        Result sessionCannotWiden = evaluator.evaluate(new PolicySet(List.of(s3), null, List.of(all)), "iam:ListRoles", "*", none);
        assertThat(sessionCannotWiden.deciding()).isEqualTo(PolicyKind.IDENTITY);
    }

    @ParameterizedTest(name = "{0} {1}={2} against {3}: {4}")
    @CsvSource(delimiter = '|', value = {
            "StringEquals|k|abc|abc|ALLOWED", "StringEquals|k|abc|ABC|IMPLICIT_DENY",
            "StringNotEquals|k|abc|abd|ALLOWED", "StringEqualsIgnoreCase|k|abc|ABC|ALLOWED",
            "StringNotEqualsIgnoreCase|k|abc|ABC|IMPLICIT_DENY", "StringLike|k|a*c|abbbc|ALLOWED",
            "StringNotLike|k|a?c|abbc|ALLOWED",
            "ArnEquals|k|arn:aws:iam::*:role/x|arn:aws:iam::123456789012:role/x|ALLOWED",
            "ArnLike|k|arn:aws:iam::123456789012:role/*|arn:aws:iam::123456789012:role/a/b|ALLOWED",
            "ArnNotLike|k|arn:aws:iam::123456789012:role/*|arn:aws:iam::123456789012:user/a|ALLOWED",
            "NumericEquals|k|10|10.0|ALLOWED", "NumericNotEquals|k|10|11|ALLOWED", "NumericLessThan|k|10|9|ALLOWED",
            "NumericLessThanEquals|k|10|10|ALLOWED", "NumericGreaterThan|k|10|10|IMPLICIT_DENY",
            "NumericGreaterThanEquals|k|10|10|ALLOWED", "NumericEquals|k|10|ten|IMPLICIT_DENY",
            "DateEquals|k|2024-01-01T00:00:00Z|1704067200|ALLOWED", "DateNotEquals|k|2024-01-01|2024-01-02T00:00:00Z|ALLOWED",
            "DateLessThan|k|2024-01-01T00:00:00Z|2023-12-31T23:59:59Z|ALLOWED",
            "DateLessThanEquals|k|2024-01-01T00:00:00.000Z|2024-01-01T00:00:00Z|ALLOWED",
            "DateGreaterThan|k|2024-01-01T00:00:00Z|2024-01-01T01:00:00+02:00|IMPLICIT_DENY",
            "DateGreaterThanEquals|k|2024-01-01|2024-06-01|ALLOWED",
            "Bool|k|true|TRUE|ALLOWED", "Bool|k|true|false|IMPLICIT_DENY", "BinaryEquals|k|QmluYXJ5|QmluYXJ5|ALLOWED",
            "IpAddress|k|203.0.113.0/24|203.0.113.9|ALLOWED", "IpAddress|k|203.0.113.0/24|203.0.114.9|IMPLICIT_DENY",
            "NotIpAddress|k|203.0.113.0/24|198.51.100.1|ALLOWED", "IpAddress|k|2001:db8::/32|2001:db8:1::1|ALLOWED",
            "IpAddress|k|10.0.0.1|10.0.0.1|ALLOWED", "IpAddress|k|not-an-ip|10.0.0.1|IMPLICIT_DENY"})
    void eachOperator(String operator, String key, String policyValue, String requestValue, Decision expected) {
        assertThat(conditionAllows("{\"" + operator + "\":{\"" + key + "\":\"" + policyValue + "\"}}", keys(key, requestValue)))
                .isEqualTo(expected);
    }

    @Test
    void missingKeyFailsPositiveOperatorsHoldsNegatedOnesAndIfExists() {
        assertThat(conditionAllows("{\"StringEquals\":{\"aws:SourceIdentity\":\"x\"}}", Map.of())).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(conditionAllows("{\"StringNotEquals\":{\"aws:SourceIdentity\":\"x\"}}", Map.of())).isEqualTo(Decision.ALLOWED);
        assertThat(conditionAllows("{\"StringEqualsIfExists\":{\"aws:SourceIdentity\":\"x\"}}", Map.of())).isEqualTo(Decision.ALLOWED);
        assertThat(conditionAllows("{\"StringEqualsIfExists\":{\"aws:SourceIdentity\":\"x\"}}", keys("aws:SourceIdentity", "y")))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(conditionAllows("{\"NumericLessThanIfExists\":{\"n\":\"5\"}}", keys("n", "4"))).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void nullChecksPresence() {
        assertThat(conditionAllows("{\"Null\":{\"aws:SourceIdentity\":\"true\"}}", Map.of())).isEqualTo(Decision.ALLOWED);
        assertThat(conditionAllows("{\"Null\":{\"aws:SourceIdentity\":\"false\"}}", Map.of())).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(conditionAllows("{\"Null\":{\"aws:SourceIdentity\":\"false\"}}", keys("aws:SourceIdentity", "a")))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void setOperatorsOverMultivaluedKeys() {
        String anyValue = "{\"ForAnyValue:StringEquals\":{\"saml:edupersonaffiliation\":[\"staff\",\"faculty\"]}}";
        assertThat(conditionAllows(anyValue, keys("saml:edupersonaffiliation", "member", "saml:edupersonaffiliation", "staff")))
                .isEqualTo(Decision.ALLOWED);
        assertThat(conditionAllows(anyValue, keys("saml:edupersonaffiliation", "member"))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(conditionAllows(anyValue, Map.of())).isEqualTo(Decision.IMPLICIT_DENY);
        String allValues = "{\"ForAllValues:StringLike\":{\"aws:TagKeys\":[\"team*\",\"cost\"]}}";
        assertThat(conditionAllows(allValues, keys("aws:TagKeys", "team-a", "aws:TagKeys", "cost"))).isEqualTo(Decision.ALLOWED);
        assertThat(conditionAllows(allValues, keys("aws:TagKeys", "team-a", "aws:TagKeys", "owner"))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(conditionAllows(allValues, Map.of())).as("ForAllValues holds over a missing key").isEqualTo(Decision.ALLOWED);
    }

    @Test
    void conditionKeyNamesIgnoreCaseAndValuesDoNot() {
        assertThat(conditionAllows("{\"StringEquals\":{\"AWS:PRINCIPALTAG/Team\":\"data\"}}", keys("aws:PrincipalTag/team", "data")))
                .isEqualTo(Decision.ALLOWED);
        assertThat(conditionAllows("{\"StringEquals\":{\"aws:PrincipalTag/team\":\"Data\"}}", keys("aws:PrincipalTag/team", "data")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void policyVariablesInResourcesAndConditions() {
        Map<String, List<String>> ctx = keys("aws:PrincipalTag/team", "data", "aws:userid", "AROAX:alice");
        assertThat(eval(allow("\"s3:GetObject\"", "\"arn:aws:s3:::${aws:PrincipalTag/team}/*\"", null),
                "s3:GetObject", "arn:aws:s3:::data/x", ctx).decision()).isEqualTo(Decision.ALLOWED);
        assertThat(eval(allow("\"s3:GetObject\"", "\"arn:aws:s3:::${aws:PrincipalTag/missing}/*\"", null),
                "s3:GetObject", "arn:aws:s3:::data/x", ctx).decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(eval(allow("\"s3:GetObject\"", "\"arn:aws:s3:::${aws:PrincipalTag/missing, 'data'}/*\"", null),
                "s3:GetObject", "arn:aws:s3:::data/x", ctx).decision()).isEqualTo(Decision.ALLOWED);
        assertThat(conditionAllows("{\"StringLike\":{\"s3:prefix\":\"home/${aws:userid}/*\"}}",
                keys("s3:prefix", "home/AROAX:alice/docs", "aws:userid", "AROAX:alice"))).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void revocationPolicyDeniesOnlyOlderTokens() {
        String revoke = "{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],\"Condition\":{\"DateLessThan\":"
                + "{\"aws:TokenIssueTime\":\"2026-01-01T12:00:00.000Z\"}}}," + allow("\"iam:*\"", "\"*\"", null);
        assertThat(eval(revoke, "iam:ListRoles", "*", keys("aws:TokenIssueTime", "2026-01-01T11:59:59Z")).decision())
                .isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(eval(revoke, "iam:ListRoles", "*", keys("aws:TokenIssueTime", "2026-01-01T12:00:01Z")).decision())
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void simulationReportsMissingKeysOnlyForStatementsThatApply() {
        Result r = eval(allow("\"s3:GetObject\"", "\"*\"", "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"x\"}}")
                + "," + allow("\"ec2:*\"", "\"*\"", "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}"), "s3:GetObject", BUCKET, Map.of());
        assertThat(r.missing()).containsExactly("aws:PrincipalTag/team");
    }

    @Test
    void wildcardsMatchAsIamDoes() {
        assertThat(Wildcards.matches("a*b?c", "aXXbYc")).isTrue();
        assertThat(Wildcards.matches("a*b?c", "abc")).isFalse();
        assertThat(Wildcards.matches("*", "")).isTrue();
        assertThat(Wildcards.actionMatches("IAM:List*", "iam:listroles")).isTrue();
    }
}
