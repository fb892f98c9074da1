package dev.gatehouse.awsemulator.iam;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.iam.IamStore.KeyRow;
import dev.gatehouse.samlxml.PrivateKeyPem;
import org.jdbi.v3.core.Handle;

import java.security.PrivateKey;
import java.util.List;

/**
 * A SAML provider's assertion encryption (IAM, February 2025): {@code AssertionEncryptionMode} and at most two
 * private keys, added and removed one per request ("to rotate private keys, add your new private key and then
 * remove the old key in a separate request"). Runs inside the caller's transaction, with the provider's row
 * locked, so two concurrent AddPrivateKey calls cannot both pass the limit.
 */
final class SamlProviderEncryption {
    static final int MAX_KEYS = 2;
    static final String KEY_ID_PATTERN = "[A-Z0-9]+";
    private static final String KEY_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";

    /** What one Create/UpdateSAMLProvider asks for; every member may be {@code null}. */
    record Change(String mode, String addPrivateKey, String removePrivateKey) {
        static final Change NONE = new Change(null, null, null);
    }

    private final IamStore store;
    private final IamIdentifiers ids;
    /** Parsed keys by their PEM, as the metadata is cached: every AssumeRoleWithSAML of such a provider reads them. */
    private final Cache<String, PrivateKey> parsed = Caffeine.newBuilder().maximumSize(1_000).executor(Runnable::run).build();

    SamlProviderEncryption(IamStore store, IamIdentifiers ids) {
        this.store = store;
        this.ids = ids;
    }

    /** The model's member constraints, reported with the caller's other violations. */
    static void constrain(IamConstraints c, Change change) {
        if (change.mode() != null && !SamlProvider.REQUIRED.equals(change.mode()) && !SamlProvider.ALLOWED.equals(change.mode())) {
            c.violation("Value '" + change.mode() + "' at 'assertionEncryptionMode' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [Required, Allowed]");
        }
        c.length("addPrivateKey", change.addPrivateKey(), 1, 16384).pattern("addPrivateKey", change.addPrivateKey(), KEY_PATTERN)
                .length("removePrivateKey", change.removePrivateKey(), 22, 64)
                .pattern("removePrivateKey", change.removePrivateKey(), KEY_ID_PATTERN);
    }

    /** Applies {@code change} to the provider {@code arn}, whose row the caller has locked; {@code currentMode} is "" when unset. */
    void apply(Handle h, String arn, String currentMode, Change change) {
        if (change.addPrivateKey() != null && change.removePrivateKey() != null) {
            throw AwsError.invalidInput("AddPrivateKey and RemovePrivateKey cannot be used in the same request.");
        }
        if (change.addPrivateKey() != null) {
            try {
                PrivateKeyPem.readRsa(change.addPrivateKey());
            } catch (IllegalArgumentException e) {
                throw AwsError.invalidInput("The private key is not a valid RSA private key in PEM format.");
            }
            if (store.providerKeys(h, arn).size() >= MAX_KEYS) {
                throw AwsError.limitExceeded("Cannot exceed quota for PrivateKeysPerSAMLProvider: " + MAX_KEYS);
            }
            store.insertKey(h, arn, new KeyRow(ids.randomId(32), change.addPrivateKey(), ids.now()));
        }
        if (change.removePrivateKey() != null && !store.deleteKey(h, arn, change.removePrivateKey())) {
            throw AwsError.noSuchEntity("The private key " + change.removePrivateKey() + " does not exist for this SAML provider.");
        }
        String mode = change.mode() != null ? change.mode() : currentMode;
        if (change.mode() != null) {
            store.setEncryptionMode(h, arn, change.mode());
        }
        if (SamlProvider.REQUIRED.equals(mode) && store.providerKeys(h, arn).isEmpty()) {
            throw AwsError.invalidInput("AssertionEncryptionMode Required needs at least one private key.");
        }
    }

    List<SamlProviderKey> keys(String arn) {
        return store.providerKeys(arn).stream()
                .map(k -> new SamlProviderKey(k.keyId(), k.createdAt(), parsed.get(k.pem(), PrivateKeyPem::readRsa))).toList();
    }
}
