package dev.gatehouse.awsside;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes an application's metadata to a connected account's SAML provider ({@code UpdateSAMLProvider}) and reads
 * back the signing certificates it holds ({@code GetSAMLProvider}). Both idempotent: key rotation repeats them on
 * every attempt. Thread-safe.
 */
public final class ProviderPush {
    private static final String IAM_VERSION = "2010-05-08";

    private final AwsApiClient client;

    public ProviderPush(AwsApiClient client) {
        this.client = client;
    }

    /** Replaces the provider's metadata with {@code metadataXml}. */
    public void push(AwsSide.ConnectedAccount account, String metadataXml) throws AwsApiClient.AwsApiError {
        AwsConnection c = account.connection();
        client.call(c, "iam", c.iamEndpoint(), Map.of("Action", "UpdateSAMLProvider", "Version", IAM_VERSION,
                "SAMLProviderArn", account.providerArn(), "SAMLMetadataDocument", metadataXml));
    }

    /** The base64 DER of every signing certificate in the provider's metadata, as AWS holds it now. */
    public Set<String> certificates(AwsSide.ConnectedAccount account) throws AwsApiClient.AwsApiError {
        AwsConnection c = account.connection();
        Element answer = client.call(c, "iam", c.iamEndpoint(), Map.of("Action", "GetSAMLProvider", "Version", IAM_VERSION,
                "SAMLProviderArn", account.providerArn())).getDocumentElement();
        String metadata = AwsApiClient.text(answer, "SAMLMetadataDocument");
        Set<String> out = new LinkedHashSet<>();
        if (metadata == null) {
            return out;
        }
        NodeList certs = dev.gatehouse.samlxml.SafeXml.parse(metadata.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate");
        for (int i = 0; i < certs.getLength(); i++) {
            out.add(certs.item(i).getTextContent().replaceAll("\\s", ""));
        }
        return out;
    }
}
