package dev.gatehouse.signin.factors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A software authenticator for tests: one ES256 passkey, "none" attestation, answers built byte for byte as the
 * WebAuthn specification lays them out and as the browser's {@code PublicKeyCredential.toJSON()} serialises them.
 * The origin and the counter it reports are the test's to choose, so a phished origin or a cloned authenticator can
 * be played.
 */
final class SoftPasskey {
    private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private final KeyPair keys;
    private final byte[] credentialId;
    private byte[] userHandle;
    String origin;
    long counter;
    boolean userVerified = true;

    SoftPasskey(SecureRandom random, String origin) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        this.keys = generator.generateKeyPair();
        this.credentialId = new byte[16];
        random.nextBytes(credentialId);
        this.origin = origin;
    }

    String credentialId() {
        return B64U.encodeToString(credentialId);
    }

    /** {@code navigator.credentials.create} answering the server's options. */
    String create(Passkeys.RegistrationOptions options) throws Exception {
        userHandle = Base64.getUrlDecoder().decode(options.userHandle());
        AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<?> authData = new AuthenticatorData<>(sha256(options.rpId()), flags(true), counter, credential);
        @SuppressWarnings({"unchecked", "rawtypes"})
        AttestationObject attestation = new AttestationObject((AuthenticatorData) authData, new NoneAttestationStatement());
        byte[] clientData = clientData("webauthn.create", options.challenge());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64U.encodeToString(clientData));
        response.put("attestationObject", new AttestationObjectConverter(CONVERTER).convertToBase64urlString(attestation));
        response.put("transports", List.of("internal"));
        return credentialJson(response);
    }

    /** {@code navigator.credentials.get} answering the server's options; the counter goes up by one first. */
    String get(Passkeys.SignInOptions options) throws Exception {
        counter++;
        return getWithoutCounting(options);
    }

    /** The same, with the counter as it stands (a clone replaying it). */
    String getWithoutCounting(Passkeys.SignInOptions options) throws Exception {
        byte[] authData = new AuthenticatorDataConverter(CONVERTER)
                .convert(new AuthenticatorData<>(sha256(options.rpId()), flags(false), counter));
        byte[] clientData = clientData("webauthn.get", options.challenge());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(authData);
        signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64U.encodeToString(clientData));
        response.put("authenticatorData", B64U.encodeToString(authData));
        response.put("signature", B64U.encodeToString(signer.sign()));
        response.put("userHandle", B64U.encodeToString(userHandle));
        return credentialJson(response);
    }

    private byte flags(boolean attested) {
        int f = AuthenticatorData.BIT_UP | (userVerified ? AuthenticatorData.BIT_UV : 0) | (attested ? AuthenticatorData.BIT_AT : 0);
        return (byte) f;
    }

    private byte[] clientData(String type, String challenge) throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("challenge", challenge);
        data.put("origin", origin);
        data.put("crossOrigin", false);
        return JSON.writeValueAsBytes(data);
    }

    private String credentialJson(Map<String, Object> response) throws Exception {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", credentialId());
        credential.put("rawId", credentialId());
        credential.put("type", "public-key");
        credential.put("response", response);
        credential.put("authenticatorAttachment", "platform");
        credential.put("clientExtensionResults", Map.of());
        return JSON.writeValueAsString(credential);
    }

    private static byte[] sha256(String s) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    }
}
