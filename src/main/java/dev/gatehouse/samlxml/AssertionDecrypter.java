package dev.gatehouse.samlxml;

import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the one {@code saml:EncryptedAssertion} of a Response back into its Assertion, in place, before any
 * signature is looked at (the signature inside is then verified as for a plaintext assertion).
 *
 * <p>Guarded against the known XML Encryption attacks: only the shape SAML uses is read (one EncryptedData with
 * an inline CipherValue, EncryptedKeys inline in its KeyInfo or beside it; no CipherReference, RetrievalMethod or
 * other reference is ever followed); only AES-GCM/AES-CBC content and RSA-OAEP key transport (no RSA 1.5); the
 * plaintext goes through {@link SafeXml}, the one bounded parser; and every failure, whether structure, key,
 * padding, authentication tag or plaintext, is the same refusal with the same text, so the answer is no oracle.
 */
final class AssertionDecrypter {
    static final String REFUSAL = "The encrypted assertion could not be decrypted.";
    private static final int MAX_ENCRYPTED_KEYS = 2;

    static {
        Santuario.init();
    }

    private AssertionDecrypter() {
    }

    /** Replaces {@code encryptedAssertion} (a child of {@code response}) with the Assertion it holds. */
    static Element decrypt(Element response, Element encryptedAssertion, List<PrivateKey> keys) {
        Element encryptedData = single(encryptedAssertion, "EncryptedData");
        String contentAlgorithm = algorithm(encryptedData);
        if (encryptedData == null || !XmlEncryptionNames.CONTENT.contains(contentAlgorithm) || !inlineCipherValue(encryptedData)) {
            throw refused();
        }
        String type = encryptedData.getAttributeNS(null, "Type");
        if (!type.isEmpty() && !type.equals(XmlEncryptionNames.TYPE_ELEMENT)) {
            throw refused();
        }
        List<Element> encryptedKeys = new ArrayList<>(SamlVerifiedAssertionReader.children(encryptedAssertion, XmlEncryptionNames.XENC_NS, "EncryptedKey"));
        for (Element keyInfo : SamlVerifiedAssertionReader.children(encryptedData, SamlNames.DSIG_NS, "KeyInfo")) {
            encryptedKeys.addAll(SamlVerifiedAssertionReader.children(keyInfo, XmlEncryptionNames.XENC_NS, "EncryptedKey"));
        }
        if (encryptedKeys.isEmpty() || encryptedKeys.size() > MAX_ENCRYPTED_KEYS) {
            throw refused();
        }
        byte[] plain = null;
        for (PrivateKey privateKey : keys) {
            for (Element encryptedKey : encryptedKeys) {
                plain = tryDecrypt(response.getOwnerDocument(), encryptedData, contentAlgorithm, encryptedKey, privateKey);
                if (plain != null) {
                    break;
                }
            }
            if (plain != null) {
                break;
            }
        }
        if (plain == null) {
            throw refused();
        }
        Element assertion = parseAssertion(plain, encryptedAssertion);
        Element imported = (Element) response.getOwnerDocument().importNode(assertion, true);
        response.replaceChild(imported, encryptedAssertion);
        return imported;
    }

    private static byte[] tryDecrypt(Document doc, Element encryptedData, String contentAlgorithm, Element encryptedKeyElement, PrivateKey privateKey) {
        String transport = algorithm(encryptedKeyElement);
        if (!XmlEncryptionNames.KEY_TRANSPORT.contains(transport) || !inlineCipherValue(encryptedKeyElement)) {
            return null;
        }
        try {
            XMLCipher unwrap = XMLCipher.getInstance(transport);
            unwrap.init(XMLCipher.UNWRAP_MODE, privateKey);
            EncryptedKey encryptedKey = unwrap.loadEncryptedKey(doc, encryptedKeyElement);
            Key contentKey = unwrap.decryptKey(encryptedKey, contentAlgorithm);
            XMLCipher content = XMLCipher.getInstance(contentAlgorithm);
            content.init(XMLCipher.DECRYPT_MODE, contentKey);
            return content.decryptToByteArray(encryptedData);
        } catch (Exception e) {
            return null; // a wrong key, a bad tag or padding: the caller answers every case alike
        }
    }

    /**
     * Parses the plaintext inside a wrapper that declares the namespaces in scope at the EncryptedAssertion, as
     * XML Encryption §4.5 has the decrypted element read in its context; the result must be exactly one Assertion.
     */
    private static Element parseAssertion(byte[] plain, Element context) {
        String text = new String(plain, StandardCharsets.UTF_8);
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>");
            text = end < 0 ? text : text.substring(end + 2);
        }
        StringBuilder wrapper = new StringBuilder("<w");
        for (Map.Entry<String, String> binding : inScope(context).entrySet()) {
            wrapper.append(' ').append(binding.getKey().isEmpty() ? "xmlns" : "xmlns:" + binding.getKey()).append("=\"")
                    .append(binding.getValue().replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")).append('"');
        }
        wrapper.append('>').append(text).append("</w>");
        Document parsed;
        try {
            parsed = SafeXml.parse(wrapper.toString().getBytes(StandardCharsets.UTF_8), SignedSamlVerifier.MAX_BASE64_CHARS);
        } catch (InvalidXmlException e) {
            throw refused();
        }
        List<Element> elements = new ArrayList<>();
        for (Node n = parsed.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) n);
            } else if (n.getNodeType() != Node.TEXT_NODE || !n.getNodeValue().isBlank()) {
                throw refused();
            }
        }
        if (elements.size() != 1 || !SignedSamlVerifier.isElement(elements.get(0), SamlNames.ASSERTION_NS, "Assertion")) {
            throw refused();
        }
        return elements.get(0);
    }

    private static Map<String, String> inScope(Element element) {
        Map<String, String> bindings = new TreeMap<>();
        for (Node n = element; n != null && n.getNodeType() == Node.ELEMENT_NODE; n = n.getParentNode()) {
            var attributes = n.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.item(i).getNodeName();
                if (name.equals("xmlns") || name.startsWith("xmlns:")) {
                    bindings.putIfAbsent(name.equals("xmlns") ? "" : name.substring(6), attributes.item(i).getNodeValue());
                }
            }
        }
        return bindings;
    }

    private static Element single(Element parent, String localName) {
        List<Element> found = SamlVerifiedAssertionReader.children(parent, XmlEncryptionNames.XENC_NS, localName);
        return found.size() == 1 ? found.get(0) : null;
    }

    private static String algorithm(Element encrypted) {
        if (encrypted == null) {
            return null;
        }
        List<Element> methods = SamlVerifiedAssertionReader.children(encrypted, XmlEncryptionNames.XENC_NS, "EncryptionMethod");
        return methods.size() == 1 ? methods.get(0).getAttributeNS(null, "Algorithm") : null;
    }

    private static boolean inlineCipherValue(Element encrypted) {
        List<Element> cipherData = SamlVerifiedAssertionReader.children(encrypted, XmlEncryptionNames.XENC_NS, "CipherData");
        return cipherData.size() == 1
                && SamlVerifiedAssertionReader.children(cipherData.get(0), XmlEncryptionNames.XENC_NS, "CipherValue").size() == 1
                && SamlVerifiedAssertionReader.children(cipherData.get(0), XmlEncryptionNames.XENC_NS, "CipherReference").isEmpty();
    }

    static SignedSamlVerifier.Refused refused() {
        return new SignedSamlVerifier.Refused(SamlVerificationFailure.UNDECRYPTABLE, REFUSAL);
    }
}
