package dev.gatehouse.samlxml;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

/**
 * Checks one enveloped SAML signature against the only profile accepted (SAML core 5.4: one Reference to the
 * parent's ID, enveloped + exclusive c14n transforms, RSA with SHA-256 or stronger, or SHA-1 when explicitly
 * allowed; no comment or processing instruction anywhere in the Signature) and then its value against trusted
 * certificates whose RSA key has at least 1024 bits. The KeyInfo is never read. Thread-safe (stateless).
 */
final class SamlSignatureVerifier {
    static {
        Santuario.init();
    }

    private static final Set<String> SIGNATURE_METHODS = Set.of(
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512");
    private static final Set<String> DIGEST_METHODS = Set.of(
            "http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/2001/04/xmldsig-more#sha384",
            "http://www.w3.org/2001/04/xmlenc#sha512");
    private static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    private static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    private static final String INCLUSIVE_NAMESPACES = "InclusiveNamespaces";
    /** AWS refuses metadata with smaller keys; a key below this in a trust list is never used, whatever its origin. */
    static final int MIN_RSA_BITS = 1024;

    private SamlSignatureVerifier() {
    }

    /** The {@code ds:Signature} directly under {@code parent}; refuses more than one. */
    static Element signatureChild(Element parent) {
        List<Element> signatures = SamlVerifiedAssertionReader.children(parent, SamlNames.DSIG_NS, "Signature");
        if (signatures.size() > 1) {
            throw new SignedSamlVerifier.Refused(SamlVerificationFailure.SIGNATURE_PROFILE, "An element carries two signatures.");
        }
        return signatures.isEmpty() ? null : signatures.get(0);
    }

    /** {@code null} when the signature over its parent verifies with one of {@code trusted}, else the refusal. */
    static SamlVerification.Failed verify(Element signature, List<X509Certificate> trusted, boolean allowSha1) {
        try {
            checkProfile(signature, allowSha1);
        } catch (SignedSamlVerifier.Refused e) {
            return new SamlVerification.Failed(e.failure, e.getMessage());
        }
        for (X509Certificate certificate : trusted) {
            if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                continue;
            }
            try {
                XMLSignature xmlSignature = new XMLSignature(signature, "", true);
                if (xmlSignature.checkSignatureValue(certificate.getPublicKey())) {
                    return null;
                }
            } catch (XMLSecurityException | RuntimeException e) {
                // A key that cannot check this signature is simply not the signer; try the next one.
            }
        }
        return new SamlVerification.Failed(SamlVerificationFailure.SIGNATURE_INVALID,
                "The signature does not verify with any certificate of the provider's metadata.");
    }

    private static void checkProfile(Element signature, boolean allowSha1) {
        Element parent = (Element) signature.getParentNode();
        refuseCommentsAndInstructions(signature);
        Element signedInfo = only(signature, "SignedInfo");
        only(signature, "SignatureValue");
        for (Node n = signature.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && !SamlNames.DSIG_NS.equals(n.getNamespaceURI())
                    || SignedSamlVerifier.isElement(n, SamlNames.DSIG_NS, "Object")) {
                throw profile("The signature carries an Object or foreign element.");
            }
        }
        String c14n = only(signedInfo, "CanonicalizationMethod").getAttributeNS(null, "Algorithm");
        if (!SamlNames.EXC_C14N.equals(c14n)) {
            throw profile("The canonicalization method is not exclusive c14n.");
        }
        String method = only(signedInfo, "SignatureMethod").getAttributeNS(null, "Algorithm");
        if (!SIGNATURE_METHODS.contains(method) && !(allowSha1 && RSA_SHA1.equals(method))) {
            throw profile("The signature method is not RSA with SHA-256 or stronger.");
        }
        List<Element> references = SamlVerifiedAssertionReader.children(signedInfo, SamlNames.DSIG_NS, "Reference");
        if (references.size() != 1) {
            throw profile("The signature must carry exactly one Reference.");
        }
        Element reference = references.get(0);
        String id = parent.getAttributeNS(null, "ID");
        if (!reference.hasAttributeNS(null, "URI") || !reference.getAttributeNS(null, "URI").equals("#" + id)) {
            throw profile("The Reference does not point at the signed element's ID.");
        }
        String digest = only(reference, "DigestMethod").getAttributeNS(null, "Algorithm");
        if (!DIGEST_METHODS.contains(digest) && !(allowSha1 && SHA1.equals(digest))) {
            throw profile("The digest method is not SHA-256 or stronger.");
        }
        checkTransforms(only(reference, "Transforms"));
    }

    /**
     * A comment inside SignedInfo vanishes in its canonical form, so a DigestValue could read one way to a naive
     * parser and another to the signature; no signer puts comments or processing instructions there.
     */
    private static void refuseCommentsAndInstructions(Element signature) {
        Node n = signature.getFirstChild();
        while (n != null && n != signature) {
            if (n.getNodeType() == Node.COMMENT_NODE || n.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                throw profile("The signature contains a comment or processing instruction.");
            }
            if (n.getFirstChild() != null) {
                n = n.getFirstChild();
                continue;
            }
            while (n != signature && n.getNextSibling() == null) {
                n = n.getParentNode();
            }
            if (n != signature) {
                n = n.getNextSibling();
            }
        }
    }

    private static void checkTransforms(Element transforms) {
        List<Element> list = SamlVerifiedAssertionReader.children(transforms, SamlNames.DSIG_NS, "Transform");
        boolean enveloped = false;
        int c14n = 0;
        for (Element transform : list) {
            String algorithm = transform.getAttributeNS(null, "Algorithm");
            if (SamlNames.ENVELOPED.equals(algorithm) && !enveloped) {
                enveloped = true;
                if (hasElementChild(transform, null)) {
                    throw profile("The enveloped-signature transform takes no parameters.");
                }
            } else if (SamlNames.EXC_C14N.equals(algorithm) && c14n == 0) {
                c14n++;
                if (hasElementChild(transform, INCLUSIVE_NAMESPACES)) {
                    throw profile("The c14n transform carries an unexpected parameter.");
                }
            } else {
                throw profile("Only the enveloped-signature and exclusive c14n transforms are accepted.");
            }
        }
        if (!enveloped || list.size() != enveloped(enveloped) + c14n) {
            throw profile("The enveloped-signature transform is missing.");
        }
    }

    private static int enveloped(boolean present) {
        return present ? 1 : 0;
    }

    /** Whether {@code element} has an element child other than one with local name {@code allowed}. */
    private static boolean hasElementChild(Element element, String allowed) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && (allowed == null || !allowed.equals(n.getLocalName())
                    || !SamlNames.EXC_C14N.equals(n.getNamespaceURI()))) {
                return true;
            }
        }
        return false;
    }

    private static Element only(Element parent, String localName) {
        List<Element> found = SamlVerifiedAssertionReader.children(parent, SamlNames.DSIG_NS, localName);
        if (found.size() != 1) {
            throw profile("The signature must have exactly one " + localName + ".");
        }
        return found.get(0);
    }

    private static SignedSamlVerifier.Refused profile(String message) {
        return new SignedSamlVerifier.Refused(SamlVerificationFailure.SIGNATURE_PROFILE, message);
    }
}
