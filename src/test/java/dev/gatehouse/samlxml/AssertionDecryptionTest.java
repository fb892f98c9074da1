package dev.gatehouse.samlxml;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-then-encrypt through {@link AssertionEncrypter} and back through {@link SignedSamlVerifier}: the round trip
 * yields the signed facts, and each XML Encryption attack shape is refused, with one text for every decryption
 * failure.
 */
class AssertionDecryptionTest {
    private static final TestSamlResponses.Idp IDP = TestSamlResponses.Idp.create("https://idp.example.test/metadata");
    private static final TestSamlResponses.SigningIdentity KEY = TestEncryption.keyPair("Receiver");
    private static final TestSamlResponses.SigningIdentity OTHER = TestEncryption.keyPair("Another receiver");
    private static final String ROLE = "arn:aws:iam::123456789012:role/Demo";
    private static final String PROVIDER = "arn:aws:iam::123456789012:saml-provider/Gatehouse";

    private final SignedSamlVerifier verifier = new SignedSamlVerifier();
    private final List<X509Certificate> trusted = List.of(IDP.signing().certificate());

    private SamlVerification verify(String base64, DecryptionKeys keys) {
        return verifier.verify(base64, IDP.entityId(), trusted, keys);
    }

    private static DecryptionKeys keys(TestSamlResponses.SigningIdentity... identities) {
        return new DecryptionKeys(java.util.Arrays.stream(identities).map(TestSamlResponses.SigningIdentity::key).toList(), false);
    }

    private static SamlVerification.Failed failed(SamlVerification result) {
        assertThat(result).isInstanceOf(SamlVerification.Failed.class);
        return (SamlVerification.Failed) result;
    }

    private TestSamlResponses.Builder response() {
        return IDP.response().role(ROLE, PROVIDER).sessionName("alice");
    }

    @Test
    void encryptedAssertionRoundTripsToTheSignedFactsWithAnyOfTheKeys() {
        String encrypted = TestEncryption.encrypted(response(), KEY);

        SamlVerification result = verify(encrypted, keys(OTHER, KEY));

        assertThat(result).isInstanceOf(SamlVerification.Verified.class);
        assertThat(((SamlVerification.Verified) result).assertion().attribute(TestSamlResponses.ROLE_SESSION_NAME)).containsExactly("alice");
        assertThat(TestSamlResponses.base64(encrypted)).isNotEmpty();
        assertThat(new String(java.util.Base64.getDecoder().decode(encrypted))).doesNotContain("alice").contains(XmlEncryptionNames.AES256_GCM);
    }

    @Test
    void requiredRefusesPlaintextAndNoKeysRefuseCiphertext() {
        assertThat(failed(verify(response().base64(), new DecryptionKeys(List.of(KEY.key()), true))).failure())
                .isEqualTo(SamlVerificationFailure.ENCRYPTION_REQUIRED);
        assertThat(failed(verify(TestEncryption.encrypted(response(), KEY), DecryptionKeys.NONE)).failure())
                .isEqualTo(SamlVerificationFailure.UNDECRYPTABLE);
    }

    @Test
    void wrongKeyTamperedCiphertextAndRsa15AreOneRefusalWithOneText() {
        SamlVerification.Failed wrongKey = failed(verify(TestEncryption.encrypted(response(), OTHER), keys(KEY)));
        SamlVerification.Failed tampered = failed(verify(TestEncryption.encrypted(response(), KEY, TestEncryption::tamperCiphertext), keys(KEY)));
        SamlVerification.Failed rsa15 = failed(verify(TestEncryption.encrypted(response(), KEY, doc -> setAlgorithm(doc, 0,
                "http://www.w3.org/2001/04/xmlenc#rsa-1_5")), keys(KEY)));
        SamlVerification.Failed tripleDes = failed(verify(TestEncryption.encrypted(response(), KEY, doc -> setAlgorithm(doc, 1,
                "http://www.w3.org/2001/04/xmlenc#tripledes-cbc")), keys(KEY)));

        for (SamlVerification.Failed f : List.of(wrongKey, tampered, rsa15, tripleDes)) {
            assertThat(f.failure()).isEqualTo(SamlVerificationFailure.UNDECRYPTABLE);
            assertThat(f.detail()).isEqualTo(AssertionDecrypter.REFUSAL);
        }
    }

    @Test
    void aCipherReferenceIsNeverFollowed() {
        String withReference = TestEncryption.encrypted(response(), KEY, doc -> {
            Element cipherData = last(doc, "CipherData");
            while (cipherData.getFirstChild() != null) {
                cipherData.removeChild(cipherData.getFirstChild());
            }
            Element reference = doc.createElementNS(XmlEncryptionNames.XENC_NS, "xenc:CipherReference");
            reference.setAttributeNS(null, "URI", "http://127.0.0.1:1/ciphertext");
            cipherData.appendChild(reference);
        });

        assertThat(failed(verify(withReference, keys(KEY))).failure()).isEqualTo(SamlVerificationFailure.UNDECRYPTABLE);
    }

    @Test
    void twoEncryptedAssertionsOrOneBesideAPlaintextOneOrOneOutOfPlaceAreRefused() {
        String twice = TestEncryption.encrypted(response(), KEY, doc -> {
            Element encrypted = (Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "EncryptedAssertion").item(0);
            encrypted.getParentNode().appendChild(encrypted.cloneNode(true));
        });
        String nested = TestEncryption.encrypted(response(), KEY, doc -> {
            Element encrypted = (Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "EncryptedAssertion").item(0);
            Element extensions = doc.createElementNS(SamlNames.PROTOCOL_NS, "samlp:Extensions");
            encrypted.getParentNode().replaceChild(extensions, encrypted);
            extensions.appendChild(encrypted);
        });

        assertThat(failed(verify(twice, keys(KEY))).failure()).isEqualTo(SamlVerificationFailure.ASSERTION_COUNT);
        assertThat(failed(verify(nested, keys(KEY))).failure()).isEqualTo(SamlVerificationFailure.ASSERTION_COUNT);
    }

    @Test
    void whateverFailsInsideADecryptedAssertionIsTheOneRefusalWithTheOneText() {
        // A forged signature, an unknown issuer, an unsigned assertion: after decryption each is told apart from a
        // ciphertext that would not decrypt by nothing, so an altered ciphertext teaches its sender nothing.
        String forged = TestEncryption.encrypted(response().signWith(TestSamlResponses.SigningIdentity.generate("Attacker")), KEY);
        String strangeIssuer = TestEncryption.encrypted(response().issuer("https://elsewhere.example/idp"), KEY);
        String undecryptable = TestEncryption.encrypted(response(), KEY, TestEncryption::tamperCiphertext);
        SamlVerification.Failed reference = failed(verify(undecryptable, keys(KEY)));

        for (String response : List.of(forged, strangeIssuer)) {
            SamlVerification.Failed f = failed(verify(response, keys(KEY)));
            assertThat(f.failure()).isEqualTo(SamlVerificationFailure.UNDECRYPTABLE);
            assertThat(f.detail()).isEqualTo(reference.detail());
        }
        // The same forged signature sent in plaintext is still named for what it is.
        assertThat(failed(verify(response().signWith(TestSamlResponses.SigningIdentity.generate("Attacker")).base64(), DecryptionKeys.NONE))
                .failure()).isEqualTo(SamlVerificationFailure.SIGNATURE_INVALID);
    }

    /** Sets the Algorithm of the {@code index}th EncryptionMethod in document order (0: the key's, 1: the data's). */
    private static void setAlgorithm(Document doc, int index, String algorithm) {
        var methods = doc.getElementsByTagNameNS(XmlEncryptionNames.XENC_NS, "EncryptionMethod");
        // Document order: EncryptedData's own EncryptionMethod comes first, then the EncryptedKey's inside KeyInfo.
        ((Element) methods.item(index == 0 ? 1 : 0)).setAttributeNS(null, "Algorithm", algorithm);
    }

    private static Element last(Document doc, String localName) {
        var found = doc.getElementsByTagNameNS(XmlEncryptionNames.XENC_NS, localName);
        return (Element) found.item(found.getLength() - 1);
    }
}
