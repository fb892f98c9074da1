package dev.gatehouse.awscli;

import dev.gatehouse.samlxml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * STS AssumeRoleWithSAML from the user's machine: an unsigned Query API POST (the assertion is the proof), the XML
 * answer read through {@link SafeXml} (no DOCTYPE, bounded). AWS credentials never pass through Gatehouse.
 */
final class StsCall {
    /** Temporary credentials as credential_process prints them. */
    record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    }

    private StsCall() {
    }

    static Credentials assumeRoleWithSaml(String endpoint, String roleArn, String providerArn, String samlResponse,
                                          int durationSeconds) {
        String body = "Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn=" + PortalClient.enc(roleArn)
                + "&PrincipalArn=" + PortalClient.enc(providerArn) + "&SAMLAssertion=" + PortalClient.enc(samlResponse)
                + "&DurationSeconds=" + durationSeconds;
        HttpResponse<byte[]> r;
        try {
            r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                    HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliFailure(5, "Cannot reach AWS STS at " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(5, "Interrupted.");
        }
        Document doc;
        try {
            doc = SafeXml.parse(r.body(), 1_000_000);
        } catch (RuntimeException e) {
            throw new CliFailure(5, "AWS STS answered HTTP " + r.statusCode() + " with something that is not its XML.");
        }
        if (r.statusCode() != 200) {
            throw new CliFailure(5, "AWS STS refused AssumeRoleWithSAML: " + text(doc, "Code") + ": " + text(doc, "Message"));
        }
        String expiration = text(doc, "Expiration");
        if (text(doc, "AccessKeyId") == null || expiration == null) {
            throw new CliFailure(5, "AWS STS's answer holds no credentials.");
        }
        return new Credentials(text(doc, "AccessKeyId"), text(doc, "SecretAccessKey"), text(doc, "SessionToken"),
                Instant.parse(expiration));
    }

    private static String text(Document doc, String localName) {
        NodeList nodes = doc.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
