package dev.gatehouse.samlxml;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;

/** Test helper: encryption key pairs as PEM, and test responses with their assertion encrypted by the product's encrypter. */
public final class TestEncryption {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestEncryption() {
    }

    /** A fresh RSA-2048 key pair with its self-signed certificate (a SAML provider's decryption key). */
    public static TestSamlResponses.SigningIdentity keyPair(String name) {
        return TestSamlResponses.SigningIdentity.generate(name);
    }

    /** The private key as an unencrypted PKCS#8 PEM, as IAM's AddPrivateKey takes it. */
    public static String privateKeyPem(TestSamlResponses.SigningIdentity identity) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(identity.key().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public static String certificatePem(TestSamlResponses.SigningIdentity identity) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(encoded(identity))
                + "\n-----END CERTIFICATE-----\n";
    }

    /** The builder's signed response with its assertion encrypted to {@code recipient}'s certificate. */
    public static String encrypted(TestSamlResponses.Builder builder, TestSamlResponses.SigningIdentity recipient) {
        return encrypted(builder, recipient, doc -> {
        });
    }

    /** As {@link #encrypted}, with {@code change} applied to the document after encryption (to tamper with it). */
    public static String encrypted(TestSamlResponses.Builder builder, TestSamlResponses.SigningIdentity recipient,
                                   Consumer<Document> change) {
        Document doc = builder.document();
        Element assertion = (Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "Assertion").item(0);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        AssertionEncrypter.encrypt(assertion, recipient.certificate(), key);
        change.accept(doc);
        return Base64.getEncoder().encodeToString(SafeXml.write(doc).getBytes(StandardCharsets.UTF_8));
    }

    /** Flips one base64 character in the middle of the EncryptedData's own CipherValue (not the key's). */
    public static void tamperCiphertext(Document doc) {
        var values = doc.getElementsByTagNameNS(XmlEncryptionNames.XENC_NS, "CipherValue");
        Element last = (Element) values.item(values.getLength() - 1);
        String text = last.getTextContent();
        int i = text.length() / 2;
        char flipped = text.charAt(i) == 'A' ? 'B' : 'A';
        last.setTextContent(text.substring(0, i) + flipped + text.substring(i + 1));
    }

    private static byte[] encoded(TestSamlResponses.SigningIdentity identity) {
        try {
            return identity.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
