package dev.gatehouse.samlxml;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a base64 SAML Response the strict way: the assertion it hands back is exactly the element a verified
 * signature covers (the Assertion's own enveloped signature, or the Response's), checked against trusted
 * certificates only (never a KeyInfo certificate). Structural rules close the wrapping attacks: one Assertion,
 * a direct child of the Response; unique IDs; IDs registered only on those two elements. Thread-safe.
 */
public final class SignedSamlVerifier {
    /** The longest base64 text accepted, the same cap AWS puts on {@code SAMLAssertion}. */
    public static final int MAX_BASE64_CHARS = 100_000;

    private final boolean allowSha1;

    /** The strict verifier: RSA with SHA-256 or stronger only. */
    public SignedSamlVerifier() {
        this(false);
    }

    /**
     * @param allowSha1 also accept RSA-SHA1 signatures and SHA-1 digests, for identity providers that still sign
     *                  that way; every other rule stays
     */
    public SignedSamlVerifier(boolean allowSha1) {
        this.allowSha1 = allowSha1;
    }

    /**
     * Verifies {@code base64Response}.
     *
     * @param expectedIssuer the entity ID the Assertion's Issuer must equal, or {@code null} to skip that check
     * @param trusted        the certificates whose keys may have signed it (from the IdP's metadata)
     */
    public SamlVerification verify(String base64Response, String expectedIssuer, List<X509Certificate> trusted) {
        return verify(base64Response, expectedIssuer, trusted, DecryptionKeys.NONE);
    }

    /**
     * As {@link #verify(String, String, List)}, for a receiver that takes encrypted assertions: an
     * EncryptedAssertion is decrypted with {@code keys} first, and the signature inside it is then verified exactly
     * as a plaintext assertion's; a plaintext assertion is refused when {@code keys} say encryption is required.
     */
    public SamlVerification verify(String base64Response, String expectedIssuer, List<X509Certificate> trusted, DecryptionKeys keys) {
        boolean[] decrypted = {false};
        try {
            SamlVerification result = verifyParsed(parse(base64Response, keys, decrypted), expectedIssuer, trusted);
            return decrypted[0] && result instanceof SamlVerification.Failed ? undecryptable() : result;
        } catch (Refused e) {
            return decrypted[0] ? undecryptable() : SamlVerification.failed(e.failure, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // Fail closed: input that trips a library corner is refused as malformed, never answered with a 500.
            return decrypted[0] ? undecryptable()
                    : SamlVerification.failed(SamlVerificationFailure.MALFORMED, "The SAML response could not be processed.");
        }
    }

    /**
     * The one answer for a decrypted assertion whose signature did not verify, whatever went wrong inside it: a
     * sender who altered the ciphertext must not learn whether the plaintext parsed, had one Assertion or named an
     * issuer (the oracle of Jager and Somorovsky's attacks on XML Encryption, CBC above all).
     */
    private static SamlVerification undecryptable() {
        Refused refused = AssertionDecrypter.refused();
        return SamlVerification.failed(refused.failure, refused.getMessage());
    }

    private SamlVerification verifyParsed(Parsed parsed, String expectedIssuer, List<X509Certificate> trusted) {
        Element response = parsed.response;
        Element assertion = parsed.assertion;
        String issuer = SamlVerifiedAssertionReader.childText(assertion, SamlNames.ASSERTION_NS, "Issuer");
        if (issuer == null || issuer.isBlank()) {
            return SamlVerification.failed(SamlVerificationFailure.ISSUER_MISSING, "The assertion has no Issuer.");
        }
        String responseIssuer = SamlVerifiedAssertionReader.childText(response, SamlNames.ASSERTION_NS, "Issuer");
        if (responseIssuer != null && !responseIssuer.equals(issuer)) {
            return SamlVerification.failed(SamlVerificationFailure.ISSUER_MISMATCH,
                    "The Response Issuer differs from the Assertion Issuer.");
        }
        if (expectedIssuer != null && !expectedIssuer.equals(issuer)) {
            return SamlVerification.failed(SamlVerificationFailure.ISSUER_MISMATCH,
                    "The Issuer is not the provider's entity ID.");
        }
        Element assertionSignature = SamlSignatureVerifier.signatureChild(assertion);
        Element responseSignature = SamlSignatureVerifier.signatureChild(response);
        if (assertionSignature == null && responseSignature == null) {
            return SamlVerification.failed(SamlVerificationFailure.UNSIGNED, "Neither the Assertion nor the Response is signed.");
        }
        // Every signature present must hold; either one covers the Assertion (the Response's encloses it).
        for (Element signature : new Element[]{assertionSignature, responseSignature}) {
            if (signature == null) {
                continue;
            }
            SamlVerification.Failed failed = SamlSignatureVerifier.verify(signature, trusted, allowSha1);
            if (failed != null) {
                return failed;
            }
        }
        return new SamlVerification.Verified(SamlVerifiedAssertionReader.read(response, assertion));
    }

    /**
     * Reads the values of one attribute without verifying anything, to decide which provider to verify against
     * (the console's role chooser). Never base a decision on these values alone. Empty when unreadable.
     */
    public List<String> unverifiedAttributeValues(String base64Response, String attributeName) {
        return unverifiedAttributeValues(base64Response, attributeName, DecryptionKeys.NONE);
    }

    /** As {@link #unverifiedAttributeValues(String, String)}, decrypting an EncryptedAssertion with {@code keys}. */
    public List<String> unverifiedAttributeValues(String base64Response, String attributeName, DecryptionKeys keys) {
        try {
            Parsed parsed = parse(base64Response, keys, new boolean[1]);
            List<String> values = new ArrayList<>();
            for (Element attribute : SamlVerifiedAssertionReader.descendants(parsed.assertion, SamlNames.ASSERTION_NS, "Attribute")) {
                if (attributeName.equals(attribute.getAttributeNS(null, "Name"))) {
                    for (Element value : SamlVerifiedAssertionReader.children(attribute, SamlNames.ASSERTION_NS, "AttributeValue")) {
                        values.add(SamlVerifiedAssertionReader.safeText(value));
                    }
                }
            }
            return values;
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    private record Parsed(Element response, Element assertion) {
    }

    /** @param decrypted set once an EncryptedAssertion has been decrypted: what follows depends on its plaintext */
    private static Parsed parse(String base64Response, DecryptionKeys keys, boolean[] decrypted) {
        if (base64Response == null || base64Response.isEmpty()) {
            throw new Refused(SamlVerificationFailure.MALFORMED, "The SAML response is empty.");
        }
        if (base64Response.length() > MAX_BASE64_CHARS) {
            throw new Refused(SamlVerificationFailure.MALFORMED, "The SAML response is longer than " + MAX_BASE64_CHARS + " characters.");
        }
        byte[] xml;
        try {
            // Line breaks are tolerated (form posts often wrap base64); any other stray character is refused.
            xml = Base64.getDecoder().decode(base64Response.replaceAll("[\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new Refused(SamlVerificationFailure.MALFORMED, "The SAML response is not valid base64.");
        }
        Document doc;
        try {
            doc = SafeXml.parse(xml);
        } catch (InvalidXmlException e) {
            // SafeXml holds the limits (DOCTYPE, depth, size); its reason stays out of AWS-shaped answers.
            throw new Refused(SamlVerificationFailure.MALFORMED, "The SAML response is not acceptable XML.");
        }
        Element response = doc.getDocumentElement();
        if (!SamlNames.PROTOCOL_NS.equals(response.getNamespaceURI()) || !"Response".equals(response.getLocalName())
                || !"2.0".equals(response.getAttributeNS(null, "Version"))) {
            throw new Refused(SamlVerificationFailure.NOT_A_RESPONSE, "The document is not a SAML 2.0 Response.");
        }
        checkStatus(response);
        decrypted[0] = decryptIfEncrypted(response, keys);
        List<Element> assertions = SamlVerifiedAssertionReader.descendants(response, SamlNames.ASSERTION_NS, "Assertion");
        if (assertions.size() != 1) {
            throw new Refused(SamlVerificationFailure.ASSERTION_COUNT, "The Response must contain exactly one Assertion, it has " + assertions.size() + ".");
        }
        Element assertion = assertions.get(0);
        if (assertion.getParentNode() != response) {
            throw new Refused(SamlVerificationFailure.ASSERTION_COUNT, "The Assertion is not a direct child of the Response.");
        }
        checkUniqueIds(doc);
        if (response.getAttributeNS(null, "ID").isEmpty() || assertion.getAttributeNS(null, "ID").isEmpty()) {
            throw new Refused(SamlVerificationFailure.MALFORMED, "The Response and the Assertion must carry an ID.");
        }
        if (!"2.0".equals(assertion.getAttributeNS(null, "Version"))) {
            throw new Refused(SamlVerificationFailure.MALFORMED, "The Assertion is not a SAML 2.0 Assertion.");
        }
        // Only these two elements can be the target of a same-document Reference.
        response.setIdAttributeNS(null, "ID", true);
        assertion.setIdAttributeNS(null, "ID", true);
        return new Parsed(response, assertion);
    }

    /**
     * One EncryptedAssertion, a direct child of the Response and beside no plaintext Assertion, is decrypted in
     * place; a plaintext assertion is refused when encryption is required.
     */
    private static boolean decryptIfEncrypted(Element response, DecryptionKeys keys) {
        List<Element> encrypted = SamlVerifiedAssertionReader.descendants(response, SamlNames.ASSERTION_NS, "EncryptedAssertion");
        if (encrypted.isEmpty()) {
            if (keys.encryptionRequired()) {
                throw new Refused(SamlVerificationFailure.ENCRYPTION_REQUIRED, "The receiver accepts encrypted assertions only.");
            }
            return false;
        }
        if (encrypted.size() != 1 || encrypted.get(0).getParentNode() != response
                || !SamlVerifiedAssertionReader.descendants(response, SamlNames.ASSERTION_NS, "Assertion").isEmpty()) {
            throw new Refused(SamlVerificationFailure.ASSERTION_COUNT, "The Response must contain exactly one assertion.");
        }
        if (keys.keys().isEmpty()) {
            throw AssertionDecrypter.refused();
        }
        AssertionDecrypter.decrypt(response, encrypted.get(0), keys.keys());
        return true;
    }

    private static void checkStatus(Element response) {
        List<Element> statuses = SamlVerifiedAssertionReader.children(response, SamlNames.PROTOCOL_NS, "Status");
        if (statuses.size() != 1) {
            throw new Refused(SamlVerificationFailure.STATUS_NOT_SUCCESS, "The Response has no Status.");
        }
        List<Element> codes = SamlVerifiedAssertionReader.children(statuses.get(0), SamlNames.PROTOCOL_NS, "StatusCode");
        if (codes.size() != 1 || !SamlNames.STATUS_SUCCESS.equals(codes.get(0).getAttributeNS(null, "Value"))) {
            throw new Refused(SamlVerificationFailure.STATUS_NOT_SUCCESS, "The Response status is not Success.");
        }
    }

    private static void checkUniqueIds(Document doc) {
        Set<String> seen = new HashSet<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (int j = 0; j < attributes.getLength(); j++) {
                Attr attr = (Attr) attributes.item(j);
                String name = attr.getLocalName() == null ? attr.getName() : attr.getLocalName();
                boolean idLike = attr.getNamespaceURI() == null && name.equalsIgnoreCase("id")
                        || "http://www.w3.org/XML/1998/namespace".equals(attr.getNamespaceURI()) && "id".equals(name);
                if (idLike && !seen.add(attr.getValue())) {
                    throw new Refused(SamlVerificationFailure.DUPLICATE_ID, "Two elements share one ID.");
                }
            }
        }
    }

    /** A refusal raised inside this package and turned into a {@link SamlVerification.Failed} at the edge. */
    static final class Refused extends RuntimeException {
        final SamlVerificationFailure failure;

        Refused(SamlVerificationFailure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }
    }

    static boolean isElement(Node node, String ns, String localName) {
        return node.getNodeType() == Node.ELEMENT_NODE && ns.equals(node.getNamespaceURI()) && localName.equals(node.getLocalName());
    }
}
