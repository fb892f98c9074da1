package dev.gatehouse.samlxml;

import org.apache.xml.security.encryption.EncryptedData;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.keys.content.X509Data;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/**
 * Encrypts an already signed Assertion into {@code saml:EncryptedAssertion} (SAML Core §2.3.4, sign then
 * encrypt): the assertion's exact bytes under a fresh AES-256-GCM content key, that key transported with
 * RSA-OAEP (MGF1, SHA-1 digest, the XML Encryption 1.0 default every peer reads) to the recipient certificate's
 * public key, the certificate in the EncryptedKey's KeyInfo so the receiver can tell which of its keys to use.
 * AWS documents AES-GCM or AES-CBC; GCM is chosen because it is authenticated, so a tampered ciphertext fails
 * before any XML is parsed (CBC's padding is the oracle of Jager–Somorovsky 2011). Thread-safe.
 */
public final class AssertionEncrypter {
    static {
        Santuario.init();
    }

    private AssertionEncrypter() {
    }

    /**
     * Replaces {@code assertion} (signed, declaring every namespace it uses) in its parent with an
     * EncryptedAssertion for {@code recipient}.
     *
     * @param contentKey 32 fresh random bytes, used for this assertion only
     * @return the EncryptedAssertion element now in the assertion's place
     */
    public static Element encrypt(Element assertion, X509Certificate recipient, byte[] contentKey) {
        if (contentKey.length != 32) {
            throw new IllegalArgumentException("the content key must be 32 bytes");
        }
        Document doc = assertion.getOwnerDocument();
        declareInheritedNamespaces(assertion);
        byte[] plain = DomWriter.writeElement(assertion).getBytes(StandardCharsets.UTF_8);
        SecretKeySpec key = new SecretKeySpec(contentKey, "AES");
        try {
            XMLCipher keyCipher = XMLCipher.getInstance(XmlEncryptionNames.RSA_OAEP_MGF1P);
            keyCipher.init(XMLCipher.WRAP_MODE, recipient.getPublicKey());
            EncryptedKey encryptedKey = keyCipher.encryptKey(doc, key);
            KeyInfo recipientInfo = new KeyInfo(doc);
            X509Data data = new X509Data(doc);
            data.addCertificate(recipient);
            recipientInfo.add(data);
            encryptedKey.setKeyInfo(recipientInfo);

            XMLCipher dataCipher = XMLCipher.getInstance(XmlEncryptionNames.AES256_GCM);
            dataCipher.init(XMLCipher.ENCRYPT_MODE, key);
            EncryptedData encrypted = dataCipher.encryptData(doc, XmlEncryptionNames.TYPE_ELEMENT, new ByteArrayInputStream(plain));
            KeyInfo keyInfo = new KeyInfo(doc);
            keyInfo.add(encryptedKey);
            encrypted.setKeyInfo(keyInfo);
            Element encryptedData = dataCipher.martial(doc, encrypted);

            Element wrapper = doc.createElementNS(SamlNames.ASSERTION_NS, "saml2:EncryptedAssertion");
            // Declared as attributes: the serializer writes the DOM as it stands and does no namespace fix-up.
            wrapper.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:saml2", SamlNames.ASSERTION_NS);
            wrapper.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:xenc", XmlEncryptionNames.XENC_NS);
            wrapper.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:ds", SamlNames.DSIG_NS);
            wrapper.appendChild(encryptedData);
            assertion.getParentNode().replaceChild(wrapper, assertion);
            return wrapper;
        } catch (Exception e) {
            throw new IllegalStateException("encrypting the assertion failed", e);
        }
    }

    /**
     * Copies the ancestors' namespace declarations onto the assertion, so its bytes stand alone once encrypted.
     * The signature still holds: exclusive c14n renders a namespace where it is visibly used whether it is declared
     * there or inherited, and never renders an unused one.
     */
    private static void declareInheritedNamespaces(Element assertion) {
        for (Node n = assertion.getParentNode(); n != null && n.getNodeType() == Node.ELEMENT_NODE; n = n.getParentNode()) {
            NamedNodeMap attributes = n.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.item(i).getNodeName();
                if ((name.equals("xmlns") || name.startsWith("xmlns:")) && !assertion.hasAttribute(name)) {
                    assertion.setAttributeNS(SamlNames.XMLNS_NS, name, attributes.item(i).getNodeValue());
                }
            }
        }
    }
}
