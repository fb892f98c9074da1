package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.iam.PolicyDocument;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.awsemulator.sts.TrustPolicyEvaluator.Decision.ALLOW;
import static dev.gatehouse.awsemulator.sts.TrustPolicyEvaluator.Decision.EXPLICIT_DENY;
import static dev.gatehouse.awsemulator.sts.TrustPolicyEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

class TrustPolicyEvaluatorTest {
    private static final String PROVIDER = "arn:aws:iam::123456789012:saml-provider/Gatehouse";
    private static final String ACTION = "sts:AssumeRoleWithSAML";
    private static final Map<String, List<String>> CONTEXT = Map.of(
            "saml:aud", List.of("https://signin.aws.amazon.com/saml"),
            "saml:sub", List.of("u-alice"),
            "saml:edupersonaffiliation", List.of("staff", "member"));

    private final TrustPolicyEvaluator evaluator = new TrustPolicyEvaluator();

    private static PolicyDocument trust(String statements) {
        return PolicyDocument.parseTrustPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
    }

    private static String allow(String action, String condition) {
        return "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER + "\"},\"Action\":" + action
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    @Test
    void evaluateWhenProviderAndAudienceMatchThenAllow() {
        PolicyDocument policy = trust(allow("\"sts:AssumeRoleWithSAML\"",
                "{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}"));

        assertThat(evaluator.evaluate(policy, PROVIDER, ACTION, CONTEXT)).isEqualTo(ALLOW);
    }

    @Test
    void evaluateWhenAudienceConditionDiffersThenImplicitDeny() {
        PolicyDocument policy = trust(allow("\"sts:AssumeRoleWithSAML\"",
                "{\"StringEquals\":{\"SAML:aud\":\"https://us-east-2.signin.aws.amazon.com/saml\"}}"));

        assertThat(evaluator.evaluate(policy, PROVIDER, ACTION, CONTEXT)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void evaluateWhenAnotherProviderIsTrustedThenImplicitDeny() {
        PolicyDocument policy = trust(allow("\"sts:AssumeRoleWithSAML\"", null));

        assertThat(evaluator.evaluate(policy, "arn:aws:iam::123456789012:saml-provider/Other", ACTION, CONTEXT)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void evaluateWhenActionMatchesByWildcardInAnyCaseThenAllow() {
        PolicyDocument policy = trust(allow("\"STS:AssumeRoleWith*\"", null));

        assertThat(evaluator.evaluate(policy, PROVIDER, ACTION, CONTEXT)).isEqualTo(ALLOW);
    }

    @Test
    void evaluateWhenExplicitDenyMatchesThenDenyWinsOverAllow() {
        PolicyDocument policy = trust(allow("\"sts:AssumeRoleWithSAML\"", null) + ","
                + "{\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + PROVIDER + "\"},\"Action\":\"sts:*\","
                + "\"Condition\":{\"StringLike\":{\"saml:sub\":\"u-ali*\"}}}");

        assertThat(evaluator.evaluate(policy, PROVIDER, ACTION, CONTEXT)).isEqualTo(EXPLICIT_DENY);
    }

    @Test
    void evaluateAllWhenTagSessionNotAllowedThenImplicitDeny() {
        PolicyDocument policy = trust(allow("\"sts:AssumeRoleWithSAML\"", null));

        assertThat(evaluator.evaluateAll(policy, PROVIDER, List.of(ACTION, "sts:TagSession"), CONTEXT)).isEqualTo(IMPLICIT_DENY);
        assertThat(evaluator.evaluateAll(trust(allow("[\"sts:AssumeRoleWithSAML\",\"sts:TagSession\"]", null)),
                PROVIDER, List.of(ACTION, "sts:TagSession"), CONTEXT)).isEqualTo(ALLOW);
    }

    @Test
    void evaluateWhenSetOperatorsOverMultivaluedKeyThenAnyAndAllSemantics() {
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"ForAnyValue:StringEquals\":{\"saml:edupersonaffiliation\":\"staff\"}}")), PROVIDER, ACTION, CONTEXT)).isEqualTo(ALLOW);
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"ForAllValues:StringEquals\":{\"saml:edupersonaffiliation\":\"staff\"}}")), PROVIDER, ACTION, CONTEXT)).isEqualTo(IMPLICIT_DENY);
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"ForAllValues:StringEquals\":{\"saml:edupersonaffiliation\":[\"staff\",\"member\"]}}")), PROVIDER, ACTION, CONTEXT)).isEqualTo(ALLOW);
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"ForAnyValue:StringEquals\":{\"saml:cn\":\"x\"}}")), PROVIDER, ACTION, CONTEXT)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void evaluateWhenKeyMissingThenIfExistsAndNegatedOperatorsHoldAndPositiveOnesFail() {
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"StringEqualsIfExists\":{\"saml:cn\":\"x\"}}")), PROVIDER, ACTION, CONTEXT)).isEqualTo(ALLOW);
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"StringNotEquals\":{\"saml:cn\":\"x\"}}")), PROVIDER, ACTION, CONTEXT)).isEqualTo(ALLOW);
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"StringEquals\":{\"saml:cn\":\"x\"}}")), PROVIDER, ACTION, CONTEXT)).isEqualTo(IMPLICIT_DENY);
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"Null\":{\"saml:cn\":\"true\",\"saml:sub\":\"false\"}}")), PROVIDER, ACTION, CONTEXT)).isEqualTo(ALLOW);
    }

    @Test
    void evaluateWhenNotLikeAndIgnoreCaseOperatorsThenCompared() {
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"StringNotLike\":{\"saml:sub\":\"admin-*\"},\"StringEqualsIgnoreCase\":{\"SAML:SUB\":\"U-ALICE\"}}")),
                PROVIDER, ACTION, CONTEXT)).isEqualTo(ALLOW);
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"StringNotLike\":{\"saml:sub\":\"u-*\"}}")), PROVIDER, ACTION, CONTEXT)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void evaluateWhenUnknownOperatorThenConditionNeverMatches() {
        assertThat(evaluator.evaluate(trust(allow("\"" + ACTION + "\"",
                "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}")), PROVIDER, ACTION, CONTEXT)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void evaluateWhenNotActionExcludesTheActionThenImplicitDeny() {
        String statement = "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER + "\"},\"NotAction\":\"sts:AssumeRoleWithSAML\"}";

        assertThat(evaluator.evaluate(trust(statement), PROVIDER, ACTION, CONTEXT)).isEqualTo(IMPLICIT_DENY);
        assertThat(evaluator.evaluate(trust(statement), PROVIDER, "sts:TagSession", CONTEXT)).isEqualTo(ALLOW);
    }
}
