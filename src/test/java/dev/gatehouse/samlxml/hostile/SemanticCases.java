package dev.gatehouse.samlxml.hostile;

import dev.gatehouse.samlxml.TestSamlResponses;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.gatehouse.samlxml.hostile.Expect.ADMIN;
import static dev.gatehouse.samlxml.hostile.Expect.DEMO;
import static dev.gatehouse.samlxml.hostile.Expect.METADATA;
import static dev.gatehouse.samlxml.hostile.Expect.accept;
import static dev.gatehouse.samlxml.hostile.Expect.refuse;
import static dev.gatehouse.samlxml.hostile.Expect.rule;
import static dev.gatehouse.samlxml.hostile.Forge.A;
import static dev.gatehouse.samlxml.hostile.Forge.P;
import static dev.gatehouse.samlxml.hostile.Forge.assertion;
import static dev.gatehouse.samlxml.hostile.Forge.bytes;
import static dev.gatehouse.samlxml.hostile.Forge.descendant;
import static dev.gatehouse.samlxml.hostile.Forge.response;

/**
 * Validly signed responses that AWS's rules refuse (§1.9, §1.11), keys by size (§1.8), the oversized transport
 * case, and the benign shapes that must still be accepted.
 */
final class SemanticCases {
    private static final String TOKEN = "InvalidIdentityToken";
    private static final String DENIED = "Not authorized to perform sts:AssumeRoleWithSAML";

    private SemanticCases() {
    }

    static List<HostileCase> all(Forge f, TestSamlResponses.SigningIdentity rsa1024, TestSamlResponses.SigningIdentity rsa512) {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(accept("baseline_valid.xml", METADATA, DEMO, "the valid sample every attack starts from", bytes(f.valid().document())));
        cases.add(accept("benign_response_and_assertion_signed.xml", METADATA, DEMO, "both signatures verify",
                bytes(f.valid().responseIssuer(f.idp.entityId()).signResponse(true).document())));
        cases.add(accept("benign_response_signed_only.xml", METADATA, DEMO, "the Response's signature encloses the Assertion",
                bytes(f.valid().signResponse(false).document())));
        Document doc = f.valid().document();
        Element keyInfo = descendant(assertion(doc), Forge.DS, "KeyInfo");
        keyInfo.getParentNode().removeChild(keyInfo);
        cases.add(accept("benign_keyinfo_removed.xml", METADATA, DEMO, "KeyInfo is not needed: keys come from metadata", bytes(doc)));
        doc = f.valid().document();
        Element role = Forge.values(assertion(doc), TestSamlResponses.ROLE).get(0);
        String value = role.getTextContent();
        role.setTextContent("");
        role.appendChild(doc.createCDATASection(value));
        cases.add(accept("benign_cdata_in_role.xml", METADATA, DEMO, "CDATA canonicalizes to the same text; all text is joined", bytes(doc)));
        String charref = Forge.xml(f.valid().document()).replace("u-7f3c2a-alice</saml:NameID>", "u-7f3c2a&#45;alice</saml:NameID>");
        cases.add(accept("benign_charref_in_nameid.xml", METADATA, DEMO, "a character reference is the same text", bytes(charref)));
        String wrapped = Base64.getEncoder().encodeToString(bytes(f.valid().document())).replaceAll("(.{76})", "$1\r\n");
        cases.add(accept("benign_base64_linewrapped.b64", METADATA, DEMO, "line breaks in base64 are tolerated",
                wrapped.getBytes(StandardCharsets.US_ASCII)));
        TestSamlResponses.Idp small = new TestSamlResponses.Idp(f.idp.entityId(), rsa1024);
        cases.add(accept("rsa_1024_idp_key.xml", "extra/rsa-1024.metadata.xml", "Rsa1024Role@Rsa1024",
                "AWS accepts 1024-bit metadata keys", bytes(small.response().now(Forge.T0)
                        .role(Forge.ADMIN.replace("Admin", "Rsa1024Role"), Forge.PROVIDER.replace("Gatehouse", "Rsa1024")).document())));
        TestSamlResponses.Idp tiny = new TestSamlResponses.Idp(f.idp.entityId(), rsa512);
        cases.add(refuse("tiny_rsa_512_idp_key.xml", "SIGNATURE_INVALID", "extra/tiny-rsa-512.metadata.xml", DEMO,
                "metadata with an RSA key under 1024 bits is refused at upload (IdpMetadataReader), and such a key is never "
                        + "used to verify (SamlSignatureVerifier.MIN_RSA_BITS)",
                bytes(tiny.response().now(Forge.T0).role(Forge.DEMO, Forge.PROVIDER).document())));

        String unsolicited = "The response answers a request (InResponseTo)";
        cases.add(rule("inresponseto_unsolicited.xml", 400, TOKEN, unsolicited, DEMO,
                "AWS takes only unsolicited responses (SamlAssertionRules.check)", bytes(f.valid().inResponseTo("_req1").document())));
        doc = f.valid().document();
        response(doc).setAttributeNS(null, "InResponseTo", "_req1");
        cases.add(rule("inresponseto_on_response_only.xml", 400, TOKEN, unsolicited, DEMO,
                "the Response's InResponseTo counts too (SamlAssertionRules.check)", bytes(doc)));
        String audience = "Response does not contain the required audience.";
        doc = f.valid().unsigned().document();
        Element restriction = descendant(assertion(doc), A, "AudienceRestriction");
        restriction.getParentNode().removeChild(restriction);
        Forge.signStandard(assertion(doc), f.idp.signing().key(), f.idp.signing().certificate());
        cases.add(rule("missing_audience_restriction.xml", 400, TOKEN, audience, DEMO,
                "an AudienceRestriction naming AWS is required (SamlAssertionRules.check)", bytes(doc)));
        cases.add(rule("wrong_audience.xml", 400, TOKEN, audience, DEMO, "audience must be AWS's (SamlAssertionRules.check)",
                bytes(f.valid().audiences("https://other-sp.example.test/").document())));
        doc = f.valid().unsigned().document();
        Element second = (Element) descendant(assertion(doc), A, "AudienceRestriction").cloneNode(true);
        descendant(second, A, "Audience").setTextContent("https://other-sp.example.test/");
        descendant(assertion(doc), A, "Conditions").appendChild(second);
        Forge.signStandard(assertion(doc), f.idp.signing().key(), f.idp.signing().certificate());
        cases.add(rule("audience_second_restriction_excludes_aws.xml", 400, TOKEN, audience, DEMO,
                "every AudienceRestriction must admit AWS: AND across restrictions, SAML core 2.5.1.4 (SamlAssertionRules.check)", bytes(doc)));
        cases.add(refuse("response_issuer_mismatch.xml", "ISSUER_MISMATCH", DEMO, "Response Issuer must equal the Assertion's (verifyParsed)",
                bytes(f.valid().responseIssuer("https://evil.example.test/").document())));
        cases.add(refuse("issuer_mismatch.xml", "ISSUER_MISMATCH", DEMO, "Assertion Issuer must be the provider's entityID (verifyParsed)",
                bytes(f.valid().issuer("https://evil.example.test/").document())));
        doc = f.valid().document();
        descendant(response(doc), P, "StatusCode").setAttributeNS(null, "Value", "urn:oasis:names:tc:SAML:2.0:status:Requester");
        cases.add(refuse("status_not_success.xml", "STATUS_NOT_SUCCESS", DEMO, "Status must be Success (SignedSamlVerifier.parse)", bytes(doc)));
        doc = f.valid().document();
        response(doc).setAttributeNS(null, "Version", "1.1");
        cases.add(refuse("response_version_1_1.xml", "NOT_A_RESPONSE", DEMO, "Response Version must be 2.0 (SignedSamlVerifier.parse)", bytes(doc)));
        cases.add(rule("expired_subjectconfirmation.xml", 400, "ExpiredTokenException", "Response has expired", DEMO,
                "NotOnOrAfter plus 5 minutes' skew (SamlAssertionRules.check)",
                bytes(f.valid().now(Forge.T0.minus(Duration.ofHours(1))).document())));
        cases.add(rule("notbefore_future.xml", 400, TOKEN, "Response is not yet valid.", DEMO,
                "NotBefore minus 5 minutes' skew (SamlAssertionRules.check)", bytes(f.valid().now(Forge.T0.plus(Duration.ofHours(1))).document())));
        cases.add(rule("wrong_recipient.xml", 400, TOKEN, "The Recipient of the response is not an AWS sign-in endpoint.", DEMO,
                "Recipient must be an AWS sign-in endpoint (SamlAssertionRules.audienceOf)",
                bytes(f.valid().recipient("https://evil.example.test/saml").document())));
        doc = f.valid().unsigned().document();
        descendant(assertion(doc), A, "SubjectConfirmation").setAttributeNS(null, "Method", "urn:oasis:names:tc:SAML:2.0:cm:sender-vouches");
        Forge.signStandard(assertion(doc), f.idp.signing().key(), f.idp.signing().certificate());
        cases.add(rule("subjectconfirmation_not_bearer.xml", 400, TOKEN, "Response must contain exactly one bearer SubjectConfirmation", DEMO,
                "exactly one bearer SubjectConfirmation (SamlAssertionRules.check)", bytes(doc)));

        // Unicode (§1.11): IdP-signed values that only look like the Admin pair; ARNs compare byte for byte.
        String exact = "ARNs compared exactly, no normalisation (SamlAssertionRules.hasRolePair)";
        cases.add(rule("unicode_role_fullwidth.xml", 403, "AccessDenied", DENIED, ADMIN, exact, bytes(unicodeRole(f, "\uFF21dmin"))));
        cases.add(rule("unicode_role_zero_width.xml", 403, "AccessDenied", DENIED, ADMIN, exact, bytes(unicodeRole(f, "Ad\u200Bmin"))));
        cases.add(rule("unicode_role_nbsp_padding.xml", 403, "AccessDenied", DENIED, ADMIN, exact + "; trim() removes only ASCII space",
                bytes(unicodeRole(f, "Admin\u00A0"))));
        cases.add(rule("unicode_rolesessionname_homoglyph.xml", 400, TOKEN, "RoleSessionName in AuthnResponse must match", DEMO,
                "RoleSessionName is ASCII [a-zA-Z_0-9+=,.@-]{2,64} (SamlAssertionRules.SESSION_NAME)",
                bytes(f.valid().sessionName("\u0430lice").document())));

        // Oversized: a valid response padded past AWS's 100,000 base64 characters in an unsigned Extensions.
        doc = f.valid().document();
        Element extensions = doc.createElementNS(P, "samlp:Extensions");
        extensions.setTextContent("x".repeat(80_000));
        response(doc).insertBefore(extensions, assertion(doc));
        cases.add(new HostileCase("transport_oversized.xml", bytes(doc), 400, "ValidationError",
                "1 validation error detected: Value at 'sAMLAssertion' failed to satisfy constraint: Member must have length less than or equal to 100000",
                "MALFORMED", METADATA, DEMO, "SAMLAssertion length 4..100000 (AssumeRoleWithSamlRequest; the verifier caps it too)"));
        return cases;
    }

    private static Document unicodeRole(Forge f, String lookalike) {
        return f.idp.response().now(Forge.T0).sessionName("mallory")
                .role(Forge.ADMIN.replace("Admin", lookalike), Forge.PROVIDER).document();
    }
}
