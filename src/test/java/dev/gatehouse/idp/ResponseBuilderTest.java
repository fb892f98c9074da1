package dev.gatehouse.idp;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.apps.CustomSamlTemplate;
import dev.gatehouse.apps.ExternalAwsAccountTemplate;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.keys.KeyStatus;
import dev.gatehouse.keys.SelfSignedCertificates;
import dev.gatehouse.keys.SigningKey;
import dev.gatehouse.samlxml.SafeXml;
import dev.gatehouse.samlxml.SamlNames;
import dev.gatehouse.samlxml.SamlVerification;
import dev.gatehouse.samlxml.SignedSamlVerifier;
import dev.gatehouse.samlxml.VerifiedAssertion;
import dev.gatehouse.testing.MovableClock;
import dev.gatehouse.testing.SeededRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResponseBuilder} on its own, with a real key and certificate: the response's steps in SAML's order, the
 * times from the injected clock, and a signature our verifier accepts and that covers every value put in.
 */
class ResponseBuilderTest {
    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05.678Z");
    private static final Instant SIGNED_IN = Instant.parse("2030-01-02T02:59:00.900Z");
    private static final String ACS = "https://signin.aws.amazon.com/saml";
    private static final String ENTITY_ID = "https://gatehouse.test/saml/assertion/app-1";
    private static final String MFA = "https://refeds.org/profile/mfa";
    private static SigningKey key;
    private static SigningKey otherKey;

    @BeforeAll
    static void keys() {
        key = key("app-1");
        otherKey = key("someone-else");
    }

    private static SigningKey key(String name) {
        SelfSignedCertificates.Generated g = new SelfSignedCertificates(new SecureRandom()).generate(name, NOW.minusSeconds(3600));
        return new SigningKey("k-" + name, "app-1", KeyStatus.ACTIVE, g.keyPair().getPrivate(), g.certificate(),
                NOW.plusSeconds(86400 * 365), NOW.minusSeconds(3600));
    }

    private static App app() {
        return new App("app-1", new ExternalAwsAccountTemplate(), "Prod", "", ACS, "urn:amazon:webservices", null,
                7200, ENTITY_ID, NOW, NOW);
    }

    private static SignInRequest request(String inResponseTo) {
        UserClaims user = new UserClaims("u-1", "alice", "sub-1", "alice@example.com", "Alice", "A", null, Set.of());
        return new SignInRequest(app(), user, null, inResponseTo, new Authentication(SIGNED_IN, MFA));
    }

    private static final AssertionContent CONTENT = new AssertionContent("alice@example.com", SamlNames.NAMEID_EMAIL, List.of(
            new AssertionContent.Attribute(AwsSamlRules.ROLE, SamlNames.ATTRNAME_UNSPECIFIED,
                    List.of("arn:aws:iam::123456789012:saml-provider/G,arn:aws:iam::123456789012:role/R")),
            new AssertionContent.Attribute("note", SamlNames.ATTRNAME_BASIC, List.of("<b>&\"'</b>", "second"))));

    private static ResponseBuilder builder(String seed) {
        return new ResponseBuilder(new MovableClock(NOW), new RandomIds(SeededRandom.of(seed)));
    }

    private static String base64(ResponseBuilder.Built built) {
        return Base64.getEncoder().encodeToString(built.xml().getBytes(StandardCharsets.UTF_8));
    }

    private static VerifiedAssertion verified(ResponseBuilder.Built built, SigningKey trusted) {
        SamlVerification result = new SignedSamlVerifier().verify(base64(built), ENTITY_ID, List.of(trusted.certificate()));
        assertThat(result).as(built.xml()).isInstanceOf(SamlVerification.Verified.class);
        return ((SamlVerification.Verified) result).assertion();
    }

    @Test
    void buildThenSignedAssertionCarriesSubjectAudienceTimesAndAttributes() {
        ResponseBuilder.Built built = builder("a").build(request(null), CONTENT, key);
        VerifiedAssertion a = verified(built, key);

        assertThat(a.id()).isEqualTo(built.assertionId());
        assertThat(a.issuer()).isEqualTo(ENTITY_ID);
        assertThat(a.nameId()).isEqualTo("alice@example.com");
        assertThat(a.nameIdFormat()).isEqualTo(SamlNames.NAMEID_EMAIL);
        assertThat(a.audiences()).containsExactly("urn:amazon:webservices");
        assertThat(a.notBefore()).isEqualTo(Instant.parse("2030-01-02T03:03:05Z")); // now, whole seconds, minus 60 s
        assertThat(a.notOnOrAfter()).isEqualTo(Instant.parse("2030-01-02T03:09:05Z"));
        assertThat(a.sessionNotOnOrAfter()).isEqualTo(Instant.parse("2030-01-02T05:04:05Z")); // the app's 7200 s
        assertThat(a.subjectConfirmations()).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo(SamlNames.CM_BEARER);
            assertThat(c.recipient()).isEqualTo(ACS);
            assertThat(c.notOnOrAfter()).isEqualTo(Instant.parse("2030-01-02T03:09:05Z"));
            assertThat(c.inResponseTo()).isNull();
        });
        assertThat(a.hasAuthnStatement()).isTrue();
        assertThat(a.attributes()).containsExactly(
                Map.entry(AwsSamlRules.ROLE, List.of("arn:aws:iam::123456789012:saml-provider/G,arn:aws:iam::123456789012:role/R")),
                Map.entry("note", List.of("<b>&\"'</b>", "second")));
    }

    @Test
    void buildThenElementsInSamlsOrderWithAuthnContextOfTheSignIn() {
        ResponseBuilder.Built built = builder("b").build(request(null), CONTENT, key);
        Element response = SafeXml.parse(built.xml().getBytes(StandardCharsets.UTF_8)).getDocumentElement();

        assertThat(response.getNamespaceURI()).isEqualTo(SamlNames.PROTOCOL_NS);
        assertThat(response.getAttribute("ID")).isEqualTo(built.responseId());
        assertThat(response.getAttribute("Version")).isEqualTo("2.0");
        assertThat(response.getAttribute("IssueInstant")).isEqualTo("2030-01-02T03:04:05Z");
        assertThat(response.getAttribute("Destination")).isEqualTo(ACS);
        assertThat(response.hasAttribute("InResponseTo")).isFalse();
        assertThat(SamlResponses.childNames(response)).containsExactly("Issuer", "Status", "Assertion");
        assertThat(SamlResponses.child(SamlResponses.child(response, "Status"), "StatusCode").getAttribute("Value"))
                .isEqualTo(SamlNames.STATUS_SUCCESS);
        Element assertion = SamlResponses.child(response, "Assertion");
        assertThat(SamlResponses.childNames(assertion))
                .containsExactly("Issuer", "Signature", "Subject", "Conditions", "AuthnStatement", "AttributeStatement");
        Element authn = SamlResponses.child(assertion, "AuthnStatement");
        assertThat(authn.getAttribute("AuthnInstant")).as("when the user signed in, in whole seconds").isEqualTo("2030-01-02T02:59:00Z");
        assertThat(authn.getAttribute("SessionIndex")).isEqualTo(built.assertionId());
        assertThat(SamlResponses.child(SamlResponses.child(authn, "AuthnContext"), "AuthnContextClassRef").getTextContent())
                .isEqualTo(MFA);
        assertThat(SamlResponses.child(assertion, "Issuer").getTextContent()).isEqualTo(ENTITY_ID);
        assertThat(SamlResponses.child(assertion, "Issuer").getAttribute("Format")).isEqualTo(SamlNames.NAMEID_ENTITY);
    }

    @Test
    void buildWhenAnsweringAnAuthnRequestThenInResponseToOnResponseAndConfirmation() {
        ResponseBuilder.Built built = builder("c").build(request("_req-42"), CONTENT, key);
        Element response = SafeXml.parse(built.xml().getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertThat(response.getAttribute("InResponseTo")).isEqualTo("_req-42");
        VerifiedAssertion a = verified(built, key);
        assertThat(a.responseInResponseTo()).isEqualTo("_req-42");
        assertThat(a.subjectConfirmations()).singleElement().extracting(VerifiedAssertion.SubjectConfirmation::inResponseTo)
                .isEqualTo("_req-42");
    }

    @Test
    void buildWhenNoAttributesThenNoEmptyAttributeStatement() {
        ResponseBuilder.Built built = builder("d").build(request(null),
                new AssertionContent("sub-1", SamlNames.NAMEID_PERSISTENT, List.of()), key);
        Document doc = SafeXml.parse(built.xml().getBytes(StandardCharsets.UTF_8));
        assertThat(doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "AttributeStatement").getLength()).isZero();
        assertThat(verified(built, key).attributes()).isEmpty();
    }

    @Test
    void buildThenIdsAreFreshNcNamesFromTheInjectedRandom() {
        ResponseBuilder.Built first = builder("same").build(request(null), CONTENT, key);
        ResponseBuilder.Built again = builder("same").build(request(null), CONTENT, key);
        ResponseBuilder.Built other = builder("other").build(request(null), CONTENT, key);

        assertThat(first.responseId()).matches("_[0-9a-f]{32}").isNotEqualTo(first.assertionId());
        assertThat(first.assertionId()).matches("_[0-9a-f]{32}");
        assertThat(again.responseId()).isEqualTo(first.responseId());
        assertThat(again.assertionId()).isEqualTo(first.assertionId());
        assertThat(other.responseId()).isNotEqualTo(first.responseId());
    }

    @Test
    void buildThenSignatureCoversTheValuesAndOnlyTheKeysCertificateVerifies() {
        ResponseBuilder.Built built = builder("e").build(request(null), CONTENT, key);
        ResponseBuilder.Built tampered = new ResponseBuilder.Built(built.xml().replace("role/R<", "role/Admin<"),
                built.responseId(), built.assertionId());
        assertThat(tampered.xml()).isNotEqualTo(built.xml());

        assertThat(new SignedSamlVerifier().verify(base64(tampered), ENTITY_ID, List.of(key.certificate())))
                .isInstanceOf(SamlVerification.Failed.class);
        assertThat(new SignedSamlVerifier().verify(base64(built), ENTITY_ID, List.of(otherKey.certificate())))
                .isInstanceOf(SamlVerification.Failed.class);
        assertThat(new SignedSamlVerifier().verify(base64(built), "https://another.idp/", List.of(key.certificate())))
                .isInstanceOf(SamlVerification.Failed.class);
    }

    @Test
    void buildForACustomAppThenItsAcsAudienceAndSessionLength() {
        App custom = new App("app-2", new CustomSamlTemplate(), "Wiki", "", "https://wiki.example/acs", "https://wiki.example/sp",
                "rs", 900, ENTITY_ID, NOW, NOW);
        SignInRequest r = new SignInRequest(custom, request(null).user(), "rs", null, new Authentication(SIGNED_IN,
                SamlNames.AC_PASSWORD_PROTECTED));
        VerifiedAssertion a = verified(builder("f").build(r, CONTENT, key), key);
        assertThat(a.audiences()).containsExactly("https://wiki.example/sp");
        assertThat(a.subjectConfirmations().get(0).recipient()).isEqualTo("https://wiki.example/acs");
        assertThat(a.sessionNotOnOrAfter()).isEqualTo(Instant.parse("2030-01-02T03:19:05Z"));
    }
}
