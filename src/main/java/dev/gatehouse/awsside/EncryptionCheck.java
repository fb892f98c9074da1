package dev.gatehouse.awsside;

import dev.gatehouse.apps.App;
import dev.gatehouse.keys.EncryptionCertificates;

import java.util.List;

/**
 * *Check setup*'s live check of encrypted assertions: what the provider expects (GetSAMLProvider's
 * AssertionEncryptionMode, its private keys, its IdP-ID) against what the application sends. Read-only.
 */
final class EncryptionCheck {
    private static final String CHECK = "encryption";

    private final ProviderKeys providers;
    private final EncryptionCertificates certificates;

    EncryptionCheck(AwsApiClient client, EncryptionCertificates certificates) {
        this.providers = new ProviderKeys(client);
        this.certificates = certificates;
    }

    List<Finding> run(App app, AwsConnection connection, AwsTarget target) {
        boolean encrypts = certificates.find(app.id()).isPresent();
        ProviderKeys.State state;
        try {
            state = providers.state(new AwsSide.ConnectedAccount(target.accountId(), target.providerArn(), List.of(target), connection));
        } catch (AwsApiClient.AwsApiError e) {
            return List.of(); // the provider checks already report a provider that cannot be read
        }
        boolean required = "Required".equals(state.mode());
        if (required && !encrypts) {
            return List.of(new Finding(CHECK, Finding.Severity.ERROR, "The provider requires encrypted assertions; this application sends them unencrypted.",
                    "InvalidIdentityToken (the assertion is not encrypted)", "Make a key and push it in the Encrypted assertions section, or upload the certificate of the provider's key."));
        }
        if (encrypts && state.keyIds().isEmpty()) {
            return List.of(new Finding(CHECK, Finding.Severity.ERROR, "Assertions are encrypted, but the provider holds no private key to decrypt them.",
                    "InvalidIdentityToken (the assertion cannot be decrypted)", "Make a key and push it, or add the private key with update-saml-provider --add-private-key."));
        }
        if (required && !app.acsUrl().endsWith("/saml/acs/" + state.uuid())) {
            return List.of(new Finding("acs-url", Finding.Severity.ERROR, "In Required mode the provider takes assertions only at its own ACS URL, and this application posts to "
                    + app.acsUrl() + ".", "InvalidIdentityToken: The Recipient of the response is not an AWS sign-in endpoint.",
                    "Set the ACS URL to https://signin.aws.amazon.com/saml/acs/" + state.uuid() + "."));
        }
        if (!encrypts) {
            return List.of();
        }
        return List.of(Finding.ok(CHECK, "Assertions are encrypted and the provider holds " + state.keyIds().size() + " private key"
                + (state.keyIds().size() == 1 ? "" : "s") + (state.mode().isEmpty() ? "." : " (mode " + state.mode() + ").")));
    }
}
