package dev.gatehouse.samlxml;

import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The private keys a SAML provider takes: RSA from 2048 to 4096 bits, nothing else. */
class PrivateKeyPemTest {
    @Test
    void rsaKeysFrom2048To4096BitsAreTakenAndOthersRefused() throws Exception {
        assertThat(PrivateKeyPem.readRsa(pem(rsa(2048))).getAlgorithm()).isEqualTo("RSA");
        assertThat(PrivateKeyPem.readRsa(pem(rsa(4096))).getAlgorithm()).isEqualTo("RSA");
        assertThatThrownBy(() -> PrivateKeyPem.readRsa(pem(rsa(4608)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 4096");
        assertThatThrownBy(() -> PrivateKeyPem.readRsa(pem(rsa(1024)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than 2048");
    }

    private static PrivateKey rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair().getPrivate();
    }

    private static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
