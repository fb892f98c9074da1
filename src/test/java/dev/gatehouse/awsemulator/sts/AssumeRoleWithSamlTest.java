package dev.gatehouse.awsemulator.sts;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import dev.gatehouse.samlxml.SamlNames;
import dev.gatehouse.samlxml.TestSamlResponses;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static dev.gatehouse.awsemulator.sts.StsScenario.PROVIDER_ARN;
import static dev.gatehouse.awsemulator.sts.StsScenario.ROLE_ARN;
import static dev.gatehouse.awsemulator.sts.StsScenario.xml;
import static org.assertj.core.api.Assertions.assertThat;

/** AssumeRoleWithSAML over real HTTP against a started emulator: the success shape and each documented refusal. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AssumeRoleWithSamlTest {
    private static final TestSamlResponses.SigningIdentity ATTACKER = TestSamlResponses.SigningIdentity.generate("Attacker");
    private static StsScenario scenario;

    @Parameter
    TestDatabase.Kind database;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase.Kind database) {
        scenario = StsScenario.start(database);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        scenario.close();
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(response.body()).contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">");
        assertThat(xml(response.body(), "Type")).isEqualTo("Sender");
        assertThat(xml(response.body(), "Code")).isEqualTo(code);
        assertThat(xml(response.body(), "Message")).startsWith(message);
        assertThat(xml(response.body(), "RequestId")).isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
    }

    @Test
    void assumeWhenValidThenFullResultWithAudienceAsAwsSigninAndComputedNameQualifier() {
        HttpResponse<String> r = scenario.assume(scenario.response().sessionName("alice@example.com").base64());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String body = r.body();
        assertThat(body).contains("<AssumeRoleWithSAMLResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">");
        assertThat(xml(body, "AccessKeyId")).matches("ASIA[A-Z0-9]{16}");
        assertThat(xml(body, "SecretAccessKey")).hasSize(40);
        assertThat(xml(body, "SessionToken")).isNotBlank();
        assertThat(xml(body, "Expiration")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(xml(body, "AssumedRoleId")).matches("AROA[A-Z0-9]+:alice@example.com");
        assertThat(xml(body, "Arn")).isEqualTo("arn:aws:sts::123456789012:assumed-role/Demo/alice@example.com");
        assertThat(xml(body, "Subject")).isEqualTo("u-7f3c2a-alice");
        assertThat(xml(body, "SubjectType")).isEqualTo("persistent");
        assertThat(xml(body, "Issuer")).isEqualTo(StsScenario.IDP.entityId());
        assertThat(xml(body, "Audience")).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(xml(body, "NameQualifier")).isEqualTo(AssumeRoleWithSaml.nameQualifier(StsScenario.IDP.entityId(), "123456789012", "Gatehouse"));
        assertThat(xml(body, "PackedPolicySize")).isEqualTo("0");
        assertThat(body).doesNotContain("<SourceIdentity>");
        assertThat(xml(body, "RequestId")).isEqualTo(r.headers().firstValue("x-amzn-RequestId").orElseThrow());
    }

    @Test
    void assumeWhenSameAssertionReusedThenBothSucceed() {
        String assertion = scenario.response().base64();

        assertThat(scenario.assume(assertion).statusCode()).isEqualTo(200);
        assertThat(scenario.assume(assertion).statusCode()).isEqualTo(200);
    }

    @Test
    void assumeWhenRecipientIsRealAwsSigninAndPairProviderFirstThenAccepted() {
        String assertion = StsScenario.IDP.response().recipient(TestSamlResponses.AWS_SIGNIN)
                .attribute(TestSamlResponses.ROLE, " " + PROVIDER_ARN + " , " + ROLE_ARN + " ").base64();

        HttpResponse<String> r = scenario.assume(assertion);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(xml(r.body(), "Audience")).isEqualTo("https://signin.aws.amazon.com/saml");
    }

    @Test
    void assumeWhenSessionNotOnOrAfterIsSoonerThenSessionEndsThen() {
        Instant sessionEnd = Instant.now().plus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> r = scenario.assume(ROLE_ARN, PROVIDER_ARN,
                scenario.response().sessionNotOnOrAfter(sessionEnd).base64(), "7200");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Instant.parse(xml(r.body(), "Expiration"))).isEqualTo(sessionEnd);
    }

    @Test
    void assumeWhenRoleNameInWrongCaseThenAccessDenied() {
        String assertion = scenario.response().attribute(TestSamlResponses.ROLE,
                "arn:aws:iam::123456789012:role/demo," + PROVIDER_ARN).base64();

        assertError(scenario.assume("arn:aws:iam::123456789012:role/demo", PROVIDER_ARN, assertion, null),
                403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");
    }

    @Test
    void assumeWhenRequestedPairIsNotInTheRoleAttributeThenAccessDenied() {
        assertError(scenario.assume(StsScenario.READONLY_ARN, PROVIDER_ARN, scenario.response().base64(), null),
                403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");
    }

    @Test
    void assumeWhenProviderMetadataIsAnotherIdpsKeyThenResponseSignatureInvalid() {
        TestSamlResponses.Idp other = new TestSamlResponses.Idp(StsScenario.IDP.entityId(), ATTACKER);
        scenario.aws.iam().createSamlProvider("123456789012", "OtherInstance", other.metadataXml());
        String providerArn = "arn:aws:iam::123456789012:saml-provider/OtherInstance";
        scenario.aws.iam().createRole("123456789012", "OtherRole", "/", StsScenario.trust(providerArn, "\"sts:AssumeRoleWithSAML\"", null), null, null);
        String assertion = scenario.response().attribute(TestSamlResponses.ROLE,
                "arn:aws:iam::123456789012:role/OtherRole," + providerArn).base64();

        assertError(scenario.assume("arn:aws:iam::123456789012:role/OtherRole", providerArn, assertion, null),
                400, "InvalidIdentityToken", "Response signature invalid");
    }

    @Test
    void assumeWhenIssuerIsNotTheProvidersEntityIdThenIssuerNotPresent() {
        assertError(scenario.assume(scenario.response().issuer("https://elsewhere.test/idp").base64()),
                400, "InvalidIdentityToken", "Issuer not present in specified provider (Service: AWSOpenIdDiscoveryService; "
                        + "Status Code: 400; Error Code: AuthSamlInvalidSamlResponseException; Request ID: ");
    }

    @Test
    void assumeWhenAssertionExpiredThenExpiredTokenException() {
        String old = scenario.response().now(Instant.now().minus(2, ChronoUnit.HOURS)).base64();

        assertError(scenario.assume(old), 400, "ExpiredTokenException", "Response has expired");
    }

    @Test
    void assumeWhenAudienceIsNotAwsThenRequiredAudienceMissing() {
        assertError(scenario.assume(scenario.response().audiences("https://some-other-sp.example").base64()),
                400, "InvalidIdentityToken", "Response does not contain the required audience.");
    }

    @Test
    void assumeWhenRecipientIsNotASigninEndpointThenInvalidIdentityToken() {
        assertError(scenario.assume(scenario.response().recipient("https://evil.example/saml").base64()),
                400, "InvalidIdentityToken", "The Recipient of the response is not an AWS sign-in endpoint.");
    }

    @Test
    void assumeWhenRoleSessionNameHasSpacesOrIsMissingThenInvalidIdentityToken() {
        assertError(scenario.assume(scenario.response().sessionName("Alice Smith").base64()),
                400, "InvalidIdentityToken", "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
        assertError(scenario.assume(scenario.response().attribute(TestSamlResponses.ROLE_SESSION_NAME).base64()),
                400, "InvalidIdentityToken", "RoleSessionName is required in AuthnResponse");
    }

    @Test
    void assumeWhenSourceIdentityBeginsWithAwsThenInvalidIdentityToken() {
        assertError(scenario.assume(scenario.response().attribute(TestSamlResponses.SOURCE_IDENTITY, "aws:alice").base64()),
                400, "InvalidIdentityToken", "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\"");
    }

    @Test
    void assumeWhenSourceIdentitySentButTrustLacksSetSourceIdentityThenAccessDenied() {
        assertError(scenario.assume(scenario.response().attribute(TestSamlResponses.SOURCE_IDENTITY, "alice").base64()),
                403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");
    }

    @Test
    void assumeWhenNameIdMissingThenAccessDenied() {
        assertError(scenario.assume(scenario.response().nameId(null, null).base64()),
                403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");
    }

    @Test
    void assumeWhenDurationAboveRoleMaximumThenValidationError() {
        assertError(scenario.assume(ROLE_ARN, PROVIDER_ARN, scenario.response().base64(), "7201"),
                400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    @Test
    void assumeWhenParametersOutOfModelConstraintsThenValidationErrorListsEach() {
        assertError(scenario.assume("short", PROVIDER_ARN, "abc", "60"), 400, "ValidationError",
                "3 validation errors detected: Value 'short' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20");
        assertError(scenario.assume(null, PROVIDER_ARN, scenario.response().base64(), null), 400, "ValidationError",
                "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void assumeWhenArnsSwappedOrAcrossAccountsThenValidationError() {
        String assertion = scenario.response().base64();
        assertError(scenario.assume(PROVIDER_ARN, ROLE_ARN, assertion, null), 400, "ValidationError", "Request ARN is invalid");
        assertError(scenario.assume(ROLE_ARN, "arn:aws:iam::210987654321:saml-provider/Gatehouse", assertion, null),
                400, "ValidationError", "Principal exists outside the account of the Role being assumed.");
    }

    @Test
    void assumeWhenProviderDoesNotExistThenInvalidIdentityToken() {
        assertError(scenario.assume(ROLE_ARN, "arn:aws:iam::123456789012:saml-provider/Missing", scenario.response().base64(), null),
                400, "InvalidIdentityToken", "Specified provider doesn't exist.");
    }

    @Test
    void assumeWhenAttributeChangedAfterSigningThenResponseSignatureInvalid() {
        String tampered = scenario.response().sessionName("alice").afterSigning(doc -> {
            for (var values = doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "AttributeValue"); values.getLength() > 0; ) {
                values.item(0).setTextContent("mallory");
                break;
            }
        }).base64();

        assertError(scenario.assume(tampered), 400, "InvalidIdentityToken", "Response signature invalid");
    }

    @Test
    void assumeWhenUnsignedThenResponseSignatureInvalid() {
        assertError(scenario.assume(scenario.response().unsigned().base64()), 400, "InvalidIdentityToken", "Response signature invalid");
    }

    @Test
    void assumeWhenSignedByAttackerKeyCarriedInKeyInfoThenResponseSignatureInvalid() {
        assertError(scenario.assume(scenario.response().signWith(ATTACKER).base64()), 400, "InvalidIdentityToken", "Response signature invalid");
    }

    @Test
    void assumeWhenUnsignedAssertionWrapsTheSignedOneThenResponseSignatureInvalid() {
        String wrapped = scenario.response().afterSigning(doc -> {
            Element signed = (Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "Assertion").item(0);
            Element evil = (Element) signed.cloneNode(true);
            evil.setAttributeNS(null, "ID", "_evil");
            evil.removeChild(evil.getElementsByTagNameNS(SamlNames.DSIG_NS, "Signature").item(0));
            doc.getDocumentElement().replaceChild(evil, signed);
            evil.appendChild(signed);
        }).base64();

        assertError(scenario.assume(wrapped), 400, "InvalidIdentityToken", "Response signature invalid");
    }

    @Test
    void assumeWhenTrustPolicyAudienceConditionDoesNotMatchThenAccessDenied() {
        scenario.aws.iam().createRole("123456789012", "Regional", "/", StsScenario.trust(PROVIDER_ARN, "\"sts:AssumeRoleWithSAML\"",
                "{\"StringEquals\":{\"SAML:aud\":\"https://us-east-2.signin.aws.amazon.com/saml\"}}"), null, null);
        String roleArn = "arn:aws:iam::123456789012:role/Regional";

        assertError(scenario.assume(roleArn, PROVIDER_ARN, StsScenario.IDP.response().recipient(scenario.aws.baseUrl() + "/saml")
                .role(roleArn, PROVIDER_ARN).base64(), null), 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");
    }

    @Test
    void assumeWhenRegionalRecipientAndTrustAllowsSourceIdentityAndTagsThenAnswersSourceIdentity() {
        String regional = "https://eu-west-1.signin.aws.amazon.com/saml";
        scenario.aws.iam().createRole("123456789012", "Tagged", "/", StsScenario.trust(PROVIDER_ARN,
                "[\"sts:AssumeRoleWithSAML\",\"sts:SetSourceIdentity\",\"sts:TagSession\"]",
                "{\"StringEquals\":{\"SAML:aud\":\"" + regional + "\"}}"), null, null);
        String roleArn = "arn:aws:iam::123456789012:role/Tagged";

        HttpResponse<String> r = scenario.assume(roleArn, PROVIDER_ARN, StsScenario.IDP.response().recipient(regional)
                .role(roleArn, PROVIDER_ARN).attribute(TestSamlResponses.SOURCE_IDENTITY, "alice")
                .attribute("https://aws.amazon.com/SAML/Attributes/PrincipalTag:Team", "Platform").base64(), null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(xml(r.body(), "SourceIdentity")).isEqualTo("alice");
        assertThat(xml(r.body(), "Audience")).isEqualTo(regional);
        assertThat(Integer.parseInt(xml(r.body(), "PackedPolicySize"))).isPositive();
    }

    @Test
    void assumeWhenTrustPolicyExplicitlyDeniesTheSubjectThenAccessDenied() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER_ARN + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + PROVIDER_ARN + "\"},\"Action\":\"sts:*\","
                + "\"Condition\":{\"StringLike\":{\"saml:sub\":\"u-*-mallory\"}}}]}";
        scenario.aws.iam().createRole("123456789012", "Guarded", "/", policy, null, null);
        String roleArn = "arn:aws:iam::123456789012:role/Guarded";

        assertThat(scenario.assume(roleArn, PROVIDER_ARN, scenario.response().role(roleArn, PROVIDER_ARN).base64(), null).statusCode()).isEqualTo(200);
        assertError(scenario.assume(roleArn, PROVIDER_ARN, scenario.response().role(roleArn, PROVIDER_ARN)
                .nameId("u-1-mallory", SamlNames.NAMEID_PERSISTENT).base64(), null), 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");
    }

    @Test
    void assumeWhenGarbageThenFourHundredsNeverFiveHundreds() {
        for (String garbage : new String[]{"%%%%", "PHJvb3Q+", TestSamlResponses.base64("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>"),
                TestSamlResponses.base64("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>"), "A".repeat(100_001)}) {
            HttpResponse<String> r = scenario.assume(ROLE_ARN, PROVIDER_ARN, garbage, null);
            assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
            assertThat(xml(r.body(), "Code")).isIn("InvalidIdentityToken", "ValidationError");
        }
        assertThat(scenario.aws.postForm("Action=AssumeRoleWithSAML&RoleArn=%zz").statusCode()).isBetween(400, 499);
        assertThat(scenario.post("/", Map.of("Action", "AssumeRoleWithSAML", "DurationSeconds", "ten"), null).statusCode()).isEqualTo(400);
    }

    @Test
    void assumeWhenConditionsNotYetValidBeyondSkewThenRefused() {
        String future = scenario.response().now(Instant.now().plus(Duration.ofHours(1))).base64();

        assertError(scenario.assume(future), 400, "InvalidIdentityToken", "Response is not yet valid.");
    }
}
