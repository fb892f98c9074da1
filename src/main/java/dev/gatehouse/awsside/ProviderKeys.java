package dev.gatehouse.awsside;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM calls behind {@link AssertionEncryption}: a provider's encryption state (GetSAMLProvider), adding a
 * private key and learning the KeyId AWS gave it, setting the mode, removing a key. Thread-safe.
 */
final class ProviderKeys {
    private static final String VERSION = "2010-05-08";

    /** A provider as GetSAMLProvider shows it: its IdP-ID, mode ("" when unset) and KeyIds. */
    record State(String uuid, String mode, Set<String> keyIds) {
    }

    private final AwsApiClient client;

    ProviderKeys(AwsApiClient client) {
        this.client = client;
    }

    State state(AwsSide.ConnectedAccount account) throws AwsApiClient.AwsApiError {
        Document doc = iam(account, Map.of("Action", "GetSAMLProvider", "SAMLProviderArn", account.providerArn()));
        String mode = AwsApiClient.text(doc.getDocumentElement(), "AssertionEncryptionMode");
        Set<String> keyIds = new LinkedHashSet<>();
        NodeList ids = doc.getElementsByTagNameNS("*", "KeyId");
        for (int i = 0; i < ids.getLength(); i++) {
            keyIds.add(ids.item(i).getTextContent().trim());
        }
        return new State(AwsApiClient.text(doc.getDocumentElement(), "SAMLProviderUUID"), mode == null ? "" : mode.trim(), keyIds);
    }

    /**
     * Adds {@code privateKeyPem} (with {@code mode}, unless {@code null}) and answers the KeyId AWS gave it: the one
     * GetSAMLProvider lists now and did not before.
     */
    String addKey(AwsSide.ConnectedAccount account, String privateKeyPem, String mode, State before) throws AwsApiClient.AwsApiError {
        Map<String, String> params = new LinkedHashMap<>(Map.of("Action", "UpdateSAMLProvider", "SAMLProviderArn", account.providerArn(),
                "AddPrivateKey", privateKeyPem));
        if (mode != null) {
            params.put("AssertionEncryptionMode", mode);
        }
        iam(account, params);
        Set<String> added = new LinkedHashSet<>(state(account).keyIds());
        added.removeAll(before.keyIds());
        if (added.size() != 1) {
            throw new AwsApiClient.AwsApiError("Unexpected", "Account " + account.accountId() + " did not list the added key once.");
        }
        return added.iterator().next();
    }

    void allowPlaintext(AwsSide.ConnectedAccount account) throws AwsApiClient.AwsApiError {
        iam(account, Map.of("Action", "UpdateSAMLProvider", "SAMLProviderArn", account.providerArn(), "AssertionEncryptionMode", "Allowed"));
    }

    /** After the switch: removes the old key (if any) and sets Required when asked; answers what failed, for the audit entry. */
    List<String> finish(AwsSide.ConnectedAccount account, String oldKeyId, boolean setRequired) {
        List<String> problems = new ArrayList<>();
        if (oldKeyId != null) {
            try {
                iam(account, Map.of("Action", "UpdateSAMLProvider", "SAMLProviderArn", account.providerArn(), "RemovePrivateKey", oldKeyId));
            } catch (AwsApiClient.AwsApiError e) {
                problems.add(account.accountId() + ": removing the old key " + oldKeyId + ": " + e.quoted());
            }
        }
        if (setRequired) {
            try {
                iam(account, Map.of("Action", "UpdateSAMLProvider", "SAMLProviderArn", account.providerArn(), "AssertionEncryptionMode", "Required"));
            } catch (AwsApiClient.AwsApiError e) {
                problems.add(account.accountId() + ": setting Required: " + e.quoted());
            }
        }
        return problems;
    }

    /** Removes the keys pushed so far, when a push is abandoned or encryption is turned off; failures change nothing here. */
    void removeQuietly(List<AwsSide.ConnectedAccount> accounts, Map<String, String> keyIds) {
        for (AwsSide.ConnectedAccount account : accounts) {
            String keyId = keyIds.get(account.accountId());
            if (keyId != null) {
                try {
                    iam(account, Map.of("Action", "UpdateSAMLProvider", "SAMLProviderArn", account.providerArn(), "RemovePrivateKey", keyId));
                } catch (AwsApiClient.AwsApiError e) {
                    // Left at AWS: a stray key decrypts nothing we still send; the next push or the admin removes it.
                }
            }
        }
    }

    private Document iam(AwsSide.ConnectedAccount account, Map<String, String> params) throws AwsApiClient.AwsApiError {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("Version", VERSION);
        return client.call(account.connection(), "iam", account.connection().iamEndpoint(), all);
    }

    /** {@code accountId=keyId,…}, as the certificate row keeps them. */
    static String encode(Map<String, String> keyIds) {
        StringBuilder out = new StringBuilder();
        keyIds.forEach((account, key) -> out.append(out.length() == 0 ? "" : ",").append(account).append('=').append(key));
        return out.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2) {
                    out.put(kv[0], kv[1]);
                }
            }
        }
        return out;
    }
}
