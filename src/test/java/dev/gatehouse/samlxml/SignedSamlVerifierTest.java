package dev.gatehouse.samlxml;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignedSamlVerifierTest {
    private static final TestSamlResponses.Idp IDP = TestSamlResponses.Idp.create("https://idp.example.test/metadata");
    private static final TestSamlResponses.SigningIdentity ATTACKER = TestSamlResponses.SigningIdentity.generate("Attacker");
    private static final String ROLE = "arn:aws:iam::123456789012:role/Demo";
    private static final String PROVIDER = "arn:aws:iam::123456789012:saml-provider/Gatehouse";

    private final SignedSamlVerifier verifier = new SignedSamlVerifier();
    private final List<X509Certificate> trusted = List.of(IDP.signing().certificate());

    private SamlVerification verify(String base64) {
        return verifier.verify(base64, IDP.entityId(), trusted);
    }

    private static SamlVerificationFailure failureOf(SamlVerification result) {
        assertThat(result).isInstanceOf(SamlVerification.Failed.class);
        return ((SamlVerification.Failed) result).failure();
    }

    @Test
    void verifyWhenAssertionSignedThenReturnsTheSignedFacts() {
        String base64 = IDP.response().role(ROLE, PROVIDER).sessionName("alice").base64();

        SamlVerification result = verify(base64);

        assertThat(result).isInstanceOf(SamlVerification.Verified.class);
        VerifiedAssertion a = ((SamlVerification.Verified) result).assertion();
        assertThat(a.issuer()).isEqualTo(IDP.entityId());
        assertThat(a.nameId()).isEqualTo("u-7f3c2a-alice");
        assertThat(a.nameIdFormat()).isEqualTo(SamlNames.NAMEID_PERSISTENT);
        assertThat(a.audiences()).containsExactly(TestSamlResponses.AWS_AUDIENCE);
        assertThat(a.subjectConfirmations()).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo(SamlNames.CM_BEARER);
            assertThat(c.recipient()).isEqualTo(TestSamlResponses.AWS_SIGNIN);
            assertThat(c.notOnOrAfter()).isNotNull();
        });
        assertThat(a.attribute(TestSamlResponses.ROLE)).containsExactly(ROLE + "," + PROVIDER);
        assertThat(a.attribute(TestSamlResponses.ROLE_SESSION_NAME)).containsExactly("alice");
        assertThat(a.sessionNotOnOrAfter()).isAfter(a.notOnOrAfter());
        assertThat(a.responseInResponseTo()).isNull();
    }

    @Test
    void verifyWhenOnlyResponseSignedThenAccepted() {
        SamlVerification result = verify(IDP.response().role(ROLE, PROVIDER).signResponse(false).base64());

        assertThat(result).isInstanceOf(SamlVerification.Verified.class);
    }

    @Test
    void verifyWhenBothSignedThenAccepted() {
        SamlVerification result = verify(IDP.response().role(ROLE, PROVIDER).responseIssuer(IDP.entityId()).signResponse(true).base64());

        assertThat(result).isInstanceOf(SamlVerification.Verified.class);
    }

    @Test
    void verifyWhenMetadataListsSeveralCertificatesThenAnyOfThemMayHaveSigned() {
        SamlVerification result = verifier.verify(IDP.response().base64(), IDP.entityId(),
                List.of(ATTACKER.certificate(), IDP.signing().certificate()));

        assertThat(result).isInstanceOf(SamlVerification.Verified.class);
    }

    @Test
    void verifyWhenUnsignedThenUnsigned() {
        assertThat(failureOf(verify(IDP.response().unsigned().base64()))).isEqualTo(SamlVerificationFailure.UNSIGNED);
    }

    @Test
    void verifyWhenSignedByKeyInKeyInfoButNotInMetadataThenSignatureInvalid() {
        String forged = IDP.response().role(ROLE, PROVIDER).signWith(ATTACKER).base64();

        assertThat(failureOf(verify(forged))).isEqualTo(SamlVerificationFailure.SIGNATURE_INVALID);
    }

    @Test
    void verifyWhenAttributeChangedAfterSigningThenSignatureInvalid() {
        String tampered = IDP.response().role(ROLE, PROVIDER).afterSigning(doc -> {
            Element value = (Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "AttributeValue").item(0);
            value.setTextContent("arn:aws:iam::123456789012:role/Admin," + PROVIDER);
        }).base64();

        assertThat(failureOf(verify(tampered))).isEqualTo(SamlVerificationFailure.SIGNATURE_INVALID);
    }

    @Test
    void verifyWhenResponseSignatureBrokenThenRefusedEvenThoughAssertionSignatureHolds() {
        String tampered = IDP.response().signResponse(true).afterSigning(doc ->
                doc.getDocumentElement().setAttributeNS(null, "Destination", "https://evil.example/")).base64();

        assertThat(failureOf(verify(tampered))).isEqualTo(SamlVerificationFailure.SIGNATURE_INVALID);
    }

    @Test
    void verifyWhenIssuerIsNotTheProvidersThenIssuerMismatch() {
        String other = IDP.response().issuer("https://other.example/idp").base64();

        assertThat(failureOf(verify(other))).isEqualTo(SamlVerificationFailure.ISSUER_MISMATCH);
    }

    @Test
    void verifyWhenResponseIssuerDiffersFromAssertionIssuerThenIssuerMismatch() {
        String mixed = IDP.response().responseIssuer("https://other.example/idp").base64();

        assertThat(failureOf(verify(mixed))).isEqualTo(SamlVerificationFailure.ISSUER_MISMATCH);
    }

    @Test
    void verifyWhenUnsignedAssertionWrapsTheSignedOneThenRefused() {
        String wrapped = IDP.response().role(ROLE, PROVIDER).afterSigning(doc -> {
            Element response = doc.getDocumentElement();
            Element signed = (Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "Assertion").item(0);
            Element evil = (Element) signed.cloneNode(true);
            evil.setAttributeNS(null, "ID", "_evil");
            evil.removeChild(evil.getElementsByTagNameNS(SamlNames.DSIG_NS, "Signature").item(0));
            evil.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "AttributeValue").item(0)
                    .setTextContent("arn:aws:iam::123456789012:role/Admin," + PROVIDER);
            response.replaceChild(evil, signed);
            evil.appendChild(signed);
        }).base64();

        assertThat(failureOf(verify(wrapped))).isEqualTo(SamlVerificationFailure.ASSERTION_COUNT);
    }

    @Test
    void verifyWhenSignedAssertionHiddenInExtensionsWithEvilTwinThenRefused() {
        String wrapped = IDP.response().afterSigning(doc -> {
            Element response = doc.getDocumentElement();
            Element signed = (Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "Assertion").item(0);
            Element extensions = doc.createElementNS(SamlNames.PROTOCOL_NS, "samlp:Extensions");
            response.insertBefore(extensions, response.getFirstChild());
            response.removeChild(signed);
            extensions.appendChild(signed);
        }).base64();

        assertThat(failureOf(verify(wrapped))).isEqualTo(SamlVerificationFailure.ASSERTION_COUNT);
    }

    @Test
    void verifyWhenTwoElementsShareTheAssertionIdThenDuplicateId() {
        String duplicated = IDP.response().afterSigning(doc -> {
            Element assertion = (Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "Assertion").item(0);
            Element status = (Element) doc.getElementsByTagNameNS(SamlNames.PROTOCOL_NS, "Status").item(0);
            status.setAttributeNS(null, "ID", assertion.getAttributeNS(null, "ID"));
        }).base64();

        assertThat(failureOf(verify(duplicated))).isEqualTo(SamlVerificationFailure.DUPLICATE_ID);
    }

    @Test
    void verifyWhenCommentTruncatesNameIdAfterSigningThenUnsafeContent() {
        String truncated = IDP.response().nameId("alice@example.com.evil.test", SamlNames.NAMEID_EMAIL).afterSigning(doc -> {
            Element nameId = (Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "NameID").item(0);
            nameId.setTextContent("alice@example.com");
            nameId.appendChild(doc.createComment("x"));
            nameId.appendChild(doc.createTextNode(".evil.test"));
        }).base64();

        assertThat(failureOf(verify(truncated))).isEqualTo(SamlVerificationFailure.UNSAFE_CONTENT);
    }

    @Test
    void verifyWhenTransformOutsideTheProfileThenSignatureProfile() {
        String xslt = IDP.response().afterSigning(doc -> {
            Element transforms = (Element) doc.getElementsByTagNameNS(SamlNames.DSIG_NS, "Transforms").item(0);
            Element transform = doc.createElementNS(SamlNames.DSIG_NS, "ds:Transform");
            transform.setAttributeNS(null, "Algorithm", "http://www.w3.org/TR/1999/REC-xslt-19991116");
            transforms.appendChild(transform);
        }).base64();

        assertThat(failureOf(verify(xslt))).isEqualTo(SamlVerificationFailure.SIGNATURE_PROFILE);
    }

    @Test
    void verifyWhenReferenceIsEmptyUriThenSignatureProfile() {
        String whole = IDP.response().afterSigning(doc ->
                ((Element) doc.getElementsByTagNameNS(SamlNames.DSIG_NS, "Reference").item(0)).setAttributeNS(null, "URI", "")).base64();

        assertThat(failureOf(verify(whole))).isEqualTo(SamlVerificationFailure.SIGNATURE_PROFILE);
    }

    @Test
    void verifyWhenSignatureMethodIsRsaSha1OrTwoReferencesThenSignatureProfile() {
        String sha1 = IDP.response().afterSigning(doc -> ((Element) doc.getElementsByTagNameNS(SamlNames.DSIG_NS, "SignatureMethod").item(0))
                .setAttributeNS(null, "Algorithm", "http://www.w3.org/2000/09/xmldsig#rsa-sha1")).base64();
        String twoReferences = IDP.response().afterSigning(doc -> {
            Element reference = (Element) doc.getElementsByTagNameNS(SamlNames.DSIG_NS, "Reference").item(0);
            reference.getParentNode().appendChild(reference.cloneNode(true));
        }).base64();

        assertThat(failureOf(verify(sha1))).isEqualTo(SamlVerificationFailure.SIGNATURE_PROFILE);
        assertThat(failureOf(verify(twoReferences))).isEqualTo(SamlVerificationFailure.SIGNATURE_PROFILE);
    }

    @Test
    void verifyWhenDoctypeThenMalformed() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"y\">]><samlp:Response xmlns:samlp=\""
                + SamlNames.PROTOCOL_NS + "\">&x;</samlp:Response>";

        assertThat(failureOf(verify(TestSamlResponses.base64(xml)))).isEqualTo(SamlVerificationFailure.MALFORMED);
    }

    @Test
    void verifyWhenNotBase64OrTooLongOrNotXmlThenMalformed() {
        assertThat(failureOf(verify("not*base64!"))).isEqualTo(SamlVerificationFailure.MALFORMED);
        assertThat(failureOf(verify("A".repeat(100_004)))).isEqualTo(SamlVerificationFailure.MALFORMED);
        assertThat(failureOf(verify(Base64.getEncoder().encodeToString("garbage".getBytes())))).isEqualTo(SamlVerificationFailure.MALFORMED);
        assertThat(failureOf(verify(""))).isEqualTo(SamlVerificationFailure.MALFORMED);
    }

    @Test
    void verifyWhenRootIsNotAResponseThenNotAResponse() {
        Document doc = IDP.response().document();
        Element assertion = (Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "Assertion").item(0);
        Document alone = SafeXml.newDocument();
        alone.appendChild(alone.importNode(assertion, true));

        assertThat(failureOf(verify(TestSamlResponses.base64(SafeXml.write(alone))))).isEqualTo(SamlVerificationFailure.NOT_A_RESPONSE);
    }

    @Test
    void unverifiedAttributeValuesWhenReadableThenValuesElseEmpty() {
        String base64 = IDP.response().role(ROLE, PROVIDER).role("arn:aws:iam::123456789012:role/Other", PROVIDER).base64();

        assertThat(verifier.unverifiedAttributeValues(base64, TestSamlResponses.ROLE)).hasSize(2);
        assertThat(verifier.unverifiedAttributeValues("@@@", TestSamlResponses.ROLE)).isEmpty();
    }
}
