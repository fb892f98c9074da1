package dev.gatehouse.awsaccess;

import dev.gatehouse.samlxml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * STS AssumeRoleWithSAML called by Gatehouse for the portal's access keys: an unsigned Query API POST to the
 * account's STS endpoint (the assertion is the proof), the XML answer read through {@link SafeXml}. Thread-safe.
 */
public final class StsExchange {
    /** Temporary credentials from STS. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @throws StsException with STS's code and message, or why STS could not be asked */
    public Credentials assumeRoleWithSaml(AwsRole role, String samlResponse) {
        String body = "Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn=" + enc(role.roleArn())
                + "&PrincipalArn=" + enc(role.providerArn()) + "&SAMLAssertion=" + enc(samlResponse)
                + "&DurationSeconds=" + role.sessionDurationSeconds();
        HttpResponse<byte[]> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(role.stsEndpoint())).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new StsException("AWS STS at " + role.stsEndpoint() + " could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StsException("Interrupted while asking AWS STS.");
        }
        Document doc;
        try {
            doc = SafeXml.parse(r.body(), 1_000_000);
        } catch (RuntimeException e) {
            throw new StsException("AWS STS answered HTTP " + r.statusCode() + " with something that is not its XML.");
        }
        if (r.statusCode() != 200 || text(doc, "AccessKeyId") == null || text(doc, "Expiration") == null) {
            throw new StsException("AWS STS refused AssumeRoleWithSAML: " + text(doc, "Code") + ": " + text(doc, "Message"));
        }
        return new Credentials(text(doc, "AccessKeyId"), text(doc, "SecretAccessKey"), text(doc, "SessionToken"),
                Instant.parse(text(doc, "Expiration")));
    }

    private static String text(Document doc, String localName) {
        NodeList nodes = doc.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** STS refused or could not be asked; the message says which. */
    public static final class StsException extends RuntimeException {
        StsException(String message) {
            super(message, null, false, false);
        }
    }
}
