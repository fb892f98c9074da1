package dev.gatehouse.awsemulator.iam;

import java.security.PrivateKey;
import java.time.Instant;

/**
 * One private key a SAML provider decrypts assertions with. GetSAMLProvider shows only {@code keyId} and
 * {@code timestamp}; the key itself never leaves the emulator.
 */
public record SamlProviderKey(String keyId, Instant timestamp, PrivateKey key) {
    @Override
    public String toString() {
        return "SamlProviderKey[" + keyId + ", " + timestamp + "]";
    }
}
