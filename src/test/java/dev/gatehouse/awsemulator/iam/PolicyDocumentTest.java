package dev.gatehouse.awsemulator.iam;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDocumentTest {

    @Test
    void samlTrustPolicyParsesPrincipalActionsAndConditions() {
        PolicyDocument doc = PolicyDocument.parseTrustPolicy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/Idp"},
                 "Action":["sts:AssumeRoleWithSAML","sts:TagSession"],
                 "Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"},
                              "ForAnyValue:StringLike":{"saml:edupersonaffiliation":["staff","fac*"]}}}]}""");
        PolicyDocument.Statement s = doc.statements().get(0);
        assertThat(s.effect()).isEqualTo(PolicyDocument.Effect.ALLOW);
        assertThat(s.principal()).containsEntry("Federated", List.of("arn:aws:iam::123456789012:saml-provider/Idp"));
        assertThat(s.actions()).containsExactly("sts:AssumeRoleWithSAML", "sts:TagSession");
        assertThat(s.conditions()).containsExactly(
                new PolicyDocument.Condition("StringEquals", "SAML:aud", List.of("https://signin.aws.amazon.com/saml")),
                new PolicyDocument.Condition("ForAnyValue:StringLike", "saml:edupersonaffiliation", List.of("staff", "fac*")));
    }

    @Test
    void refusalsReadLikeAws() {
        assertThatThrownBy(() -> PolicyDocument.parseIdentityPolicy("not json")).hasMessage("This policy contains invalid Json");
        assertThatThrownBy(() -> PolicyDocument.parseIdentityPolicy("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}} trailing"))
                .hasMessage("This policy contains invalid Json");
        assertThatThrownBy(() -> PolicyDocument.parseIdentityPolicy("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}{}"))
                .hasMessage("This policy contains invalid Json");
        assertThatThrownBy(() -> PolicyDocument.parseIdentityPolicy("")).hasMessage("This policy contains invalid Json");
        assertThatThrownBy(() -> PolicyDocument.parseIdentityPolicy("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\"},\"Extra\":1}"))
                .hasMessage("Syntax errors in policy.");
        assertThatThrownBy(() -> PolicyDocument.parseIdentityPolicy("{\"Version\":\"2020-01-01\",\"Statement\":[]}"))
                .hasMessage("The policy must contain a valid version string");
        assertThatThrownBy(() -> PolicyDocument.parseIdentityPolicy("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}}"))
                .hasMessage("Missing required field Resource");
        assertThatThrownBy(() -> PolicyDocument.parseIdentityPolicy(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}"))
                .hasMessage("Policy document should not specify a principal.");
        assertThatThrownBy(() -> PolicyDocument.parseTrustPolicy(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"nope\"},\"Action\":\"sts:AssumeRoleWithSAML\"}}"))
                .hasMessage("Federated principals must be valid domain names or SAML metadata ARNs");
        assertThatThrownBy(() -> PolicyDocument.parseTrustPolicy(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"nobody\"},\"Action\":\"sts:AssumeRole\"}}"))
                .hasMessage("Invalid principal in policy: \"AWS\":\"nobody\"");
        assertThatThrownBy(() -> PolicyDocument.parseTrustPolicy(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringSortOf\":{\"a\":\"b\"}}}}"))
                .hasMessage("Invalid Condition type : StringSortOf");
        assertThatThrownBy(() -> PolicyDocument.parseIdentityPolicy("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ListBuckets\",\"Resource\":\"*\"}}"))
                .hasMessageContaining("prefaced by a vendor");
        assertThatThrownBy(() -> PolicyDocument.parseIdentityPolicy("{\"Statement\":{\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}"))
                .hasMessage("Invalid effect: allow");
    }

    @Test
    void operatorPrefixesAndIfExistsSuffixAreKnown() {
        assertThat(PolicyDocument.knownOperator("ForAllValues:StringEqualsIfExists")).isTrue();
        assertThat(PolicyDocument.knownOperator("Null")).isTrue();
        assertThat(PolicyDocument.knownOperator("ForAnyValue:Nope")).isFalse();
    }
}
