package dev.gatehouse.samlxml;

import java.security.PrivateKey;
import java.util.List;

/**
 * What a receiver can decrypt with: its private keys (tried in order) and whether it takes encrypted assertions
 * only. {@link #NONE} is a receiver without keys, which refuses every EncryptedAssertion.
 */
public record DecryptionKeys(List<PrivateKey> keys, boolean encryptionRequired) {
    public static final DecryptionKeys NONE = new DecryptionKeys(List.of(), false);

    public DecryptionKeys {
        keys = List.copyOf(keys);
    }
}
