package dev.gatehouse.samlxml.hostile;

import dev.gatehouse.samlxml.SafeXml;
import dev.gatehouse.samlxml.SamlNames;
import dev.gatehouse.samlxml.TestSamlResponses;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The attacker's workbench for the corpus generator: the fixed moment every sample is issued at, the account's
 * ARNs, valid responses from the corpus IdP, and DOM surgery and re-signing with any algorithm.
 */
final class Forge {
    /** Every sample is issued at this instant; the corpus test runs the emulator's clock one minute later. */
    static final Instant T0 = Instant.parse("2026-01-15T12:00:00Z");
    static final String ACCOUNT = "123456789012";
    static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Gatehouse";
    static final String DEMO = "arn:aws:iam::" + ACCOUNT + ":role/Demo";
    /** The role the signed assertions never grant and every forgery asks for. */
    static final String ADMIN = "arn:aws:iam::" + ACCOUNT + ":role/Admin";
    static final String A = SamlNames.ASSERTION_NS;
    static final String P = SamlNames.PROTOCOL_NS;
    static final String DS = SamlNames.DSIG_NS;

    final TestSamlResponses.Idp idp;
    final TestSamlResponses.SigningIdentity attacker;

    Forge(TestSamlResponses.Idp idp, TestSamlResponses.SigningIdentity attacker) {
        this.idp = idp;
        this.attacker = attacker;
    }

    static {
        org.apache.xml.security.Init.init();
    }

    /** A valid AWS response for role Demo, issued at {@link #T0}, addressed to AWS's sign-in URL. */
    TestSamlResponses.Builder valid() {
        return idp.response().now(T0).role(DEMO, PROVIDER).sessionName("alice");
    }

    /** The same for role Admin: what an attacker would like the IdP to have signed. */
    TestSamlResponses.Builder validAdmin() {
        return idp.response().now(T0).role(ADMIN, PROVIDER).sessionName("mallory").nameId("admin", SamlNames.NAMEID_PERSISTENT);
    }

    static Element response(Document doc) {
        return doc.getDocumentElement();
    }

    static Element assertion(Document doc) {
        return child(response(doc), A, "Assertion");
    }

    static Element child(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static Element descendant(Element root, String ns, String localName) {
        return (Element) root.getElementsByTagNameNS(ns, localName).item(0);
    }

    static Element signature(Element parent) {
        return child(parent, DS, "Signature");
    }

    /** The AttributeValue elements of attribute {@code name}. */
    static List<Element> values(Element assertion, String name) {
        var list = assertion.getElementsByTagNameNS(A, "Attribute");
        for (int i = 0; i < list.getLength(); i++) {
            Element attribute = (Element) list.item(i);
            if (name.equals(attribute.getAttributeNS(null, "Name"))) {
                var values = attribute.getElementsByTagNameNS(A, "AttributeValue");
                return java.util.stream.IntStream.range(0, values.getLength()).mapToObj(j -> (Element) values.item(j)).toList();
            }
        }
        throw new IllegalArgumentException("no attribute " + name);
    }

    /** Turns a (copy of an) assertion into the attacker's: Role Admin, NameID admin, session name mallory. */
    static void makeEvil(Element assertion) {
        values(assertion, TestSamlResponses.ROLE).get(0).setTextContent(ADMIN + "," + PROVIDER);
        values(assertion, TestSamlResponses.ROLE_SESSION_NAME).get(0).setTextContent("mallory");
        descendant(assertion, A, "NameID").setTextContent("admin");
    }

    /** A deep copy of {@code e} without its own enveloped Signature. */
    static Element unsignedCopy(Element e) {
        Element copy = (Element) e.cloneNode(true);
        Element signature = signature(copy);
        if (signature != null) {
            copy.removeChild(signature);
        }
        return copy;
    }

    /** The node the SAML schema wants a Signature before: the one after the Issuer. */
    static Node afterIssuer(Element parent) {
        Element issuer = child(parent, A, "Issuer");
        return issuer == null ? parent.getFirstChild() : issuer.getNextSibling();
    }

    /**
     * Signs {@code target} with any algorithms (including those the verifier must refuse), the Reference pointing at
     * its ID, and {@code keyInfo} certificate in KeyInfo when not {@code null}.
     */
    static XMLSignature sign(Element target, Key key, X509Certificate keyInfo, String signatureMethod, String c14n,
                             String digest, String... transforms) {
        try {
            Document doc = target.getOwnerDocument();
            target.setIdAttributeNS(null, "ID", true);
            XMLSignature signature = new XMLSignature(doc, null, signatureMethod, c14n);
            target.insertBefore(signature.getElement(), afterIssuer(target));
            Transforms t = new Transforms(doc);
            for (String transform : transforms) {
                t.addTransform(transform);
            }
            signature.addDocument("#" + target.getAttributeNS(null, "ID"), t, digest);
            if (keyInfo != null) {
                signature.addKeyInfo(keyInfo);
            }
            signature.sign(key);
            return signature;
        } catch (org.apache.xml.security.exceptions.XMLSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code target} the standard way (RSA-SHA256, SHA-256, enveloped + exc-c14n) with {@code key}. */
    static XMLSignature signStandard(Element target, Key key, X509Certificate keyInfo) {
        return sign(target, key, keyInfo, SamlNames.RSA_SHA256, SamlNames.EXC_C14N, SamlNames.SHA256,
                SamlNames.ENVELOPED, SamlNames.EXC_C14N);
    }

    /**
     * Redoes the XML-DSig steps of {@code target}'s enveloped signature by hand, so that algorithms Santuario will not
     * produce (MD5) can still be validly signed: sets the two algorithm URIs, recomputes the digest of the target's
     * exclusive canonical form without its Signature, and signs the canonical SignedInfo with {@code key}.
     */
    static void resign(Element target, java.security.PrivateKey key, String signatureUri, String signatureJca,
                       String digestUri, String digestJca) {
        try {
            Element signature = signature(target);
            Node position = signature.getNextSibling();
            target.removeChild(signature);
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            org.apache.xml.security.c14n.Canonicalizer.getInstance(SamlNames.EXC_C14N).canonicalizeSubtree(target, content);
            target.insertBefore(signature, position);
            descendant(signature, DS, "DigestMethod").setAttributeNS(null, "Algorithm", digestUri);
            descendant(signature, DS, "DigestValue").setTextContent(java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance(digestJca).digest(content.toByteArray())));
            descendant(signature, DS, "SignatureMethod").setAttributeNS(null, "Algorithm", signatureUri);
            java.io.ByteArrayOutputStream signedInfo = new java.io.ByteArrayOutputStream();
            org.apache.xml.security.c14n.Canonicalizer.getInstance(SamlNames.EXC_C14N)
                    .canonicalizeSubtree(descendant(signature, DS, "SignedInfo"), signedInfo);
            java.security.Signature signer = java.security.Signature.getInstance(signatureJca);
            signer.initSign(key);
            signer.update(signedInfo.toByteArray());
            descendant(signature, DS, "SignatureValue").setTextContent(java.util.Base64.getEncoder().encodeToString(signer.sign()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Document doc) {
        return SafeXml.write(doc).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static String xml(Document doc) {
        return SafeXml.write(doc);
    }
}
