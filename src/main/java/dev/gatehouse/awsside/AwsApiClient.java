package dev.gatehouse.awsside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.samlxml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls AWS APIs the way the AWS CLI does, signed with Signature Version 4: the Query protocol (IAM, STS: a form
 * POST, its XML answer read through the safe parser) and the JSON 1.1 protocol (CloudTrail). Small on purpose: the
 * checks and the CloudTrail join need a handful of read calls, and the SDK's weight and start-up do not belong in
 * the identity center. Thread-safe.
 */
public final class AwsApiClient {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** AWS answers are small; a larger one is not an answer we asked for. */
    private static final int MAX_ANSWER = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An error AWS answered (its code and message), or a failure to reach it ({@code code} "Unreachable"). */
    public static final class AwsApiError extends Exception {
        private final String code;

        public AwsApiError(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** {@code Code: message}, as the checks quote AWS. */
        public String quoted() {
            return code + ": " + getMessage();
        }
    }

    /** The keys a request is signed with: the connection's own, or a role's temporary ones with their token. */
    record Keys(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "Keys[" + accessKeyId + "]"; // never the secret
        }
    }

    /** An answer read within {@link #MAX_ANSWER}. */
    private record Answer(int statusCode, byte[] body) {
    }

    private final HttpClient http;
    private final Clock clock;
    private final AssumedRoles assumedRoles;

    public AwsApiClient(Clock clock) {
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.assumedRoles = new AssumedRoles(this, clock);
    }

    /** The keys to sign with for {@code connection}: its role's (assumed now, or reused until near expiry), or its own. */
    private Keys keys(AwsConnection connection) throws AwsApiError {
        Keys own = new Keys(connection.accessKeyId(), connection.secretAccessKey(), null);
        return connection.roleArn() == null ? own : assumedRoles.keys(connection, own);
    }

    /** A Query call signed with exactly {@code keys} (the role assumption itself is signed with the connection's own). */
    Document call(Keys keys, AwsConnection connection, String service, String endpoint, Map<String, String> params) throws AwsApiError {
        String region = service.equals("iam") ? "us-east-1" : connection.region();
        Answer response = send(keys, service, region, endpoint,
                "application/x-www-form-urlencoded; charset=utf-8", null, form(params));
        Document doc;
        try {
            doc = SafeXml.parse(response.body(), MAX_ANSWER);
        } catch (RuntimeException e) {
            throw new AwsApiError("Unreadable", "The endpoint " + endpoint + " answered HTTP " + response.statusCode() + " without AWS's XML.");
        }
        if (response.statusCode() >= 300) {
            throw new AwsApiError(text(doc.getDocumentElement(), "Code"), text(doc.getDocumentElement(), "Message"));
        }
        return doc;
    }

    /**
     * @param service the signing name: {@code iam} or {@code sts}
     * @param params  the action's parameters, {@code Action} and {@code Version} included
     * @return the answer's document
     */
    public Document call(AwsConnection connection, String service, String endpoint, Map<String, String> params) throws AwsApiError {
        // IAM is global and signed for us-east-1; STS and the rest for the connection's region.
        return call(keys(connection), connection, service, endpoint, params);
    }

    /**
     * A JSON 1.1 call, e.g. {@code CloudTrail_20131101.LookupEvents}: the answer's JSON, or AWS's {@code __type} and
     * {@code message} as an error.
     */
    public JsonNode callJson(AwsConnection connection, String service, String endpoint, String target, String json) throws AwsApiError {
        Answer response = send(keys(connection), service, connection.region(), endpoint, "application/x-amz-json-1.1", target, json);
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AwsApiError("Unreadable", "The endpoint " + endpoint + " answered HTTP " + response.statusCode() + " without JSON.");
        }
        if (response.statusCode() >= 300) {
            String type = answer.path("__type").asText("Error");
            throw new AwsApiError(type.substring(type.lastIndexOf('#') + 1), answer.path("message").asText(answer.path("Message").asText("")));
        }
        return answer;
    }

    private Answer send(Keys keys, String service, String region, String endpoint, String contentType,
                                      String amzTarget, String body) throws AwsApiError {
        URI uri = URI.create(endpoint + "/");
        String amzDate = AMZ_DATE.format(clock.instant());
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String token = keys.sessionToken();
        String signedHeaders = "content-type;host;x-amz-date" + (token == null ? "" : ";x-amz-security-token")
                + (amzTarget == null ? "" : ";x-amz-target");
        String canonical = "POST\n/\n\ncontent-type:" + contentType + "\nhost:" + host + "\nx-amz-date:" + amzDate + "\n"
                + (token == null ? "" : "x-amz-security-token:" + token + "\n")
                + (amzTarget == null ? "" : "x-amz-target:" + amzTarget + "\n") + "\n" + signedHeaders + "\n" + sha256Hex(body);
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical);
        byte[] key = hmac(("AWS4" + keys.secretAccessKey()).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = HexFormat.of().formatHex(hmac(key, toSign));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                .header("Content-Type", contentType).header("X-Amz-Date", amzDate)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + keys.accessKeyId() + "/" + scope
                        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (amzTarget != null) {
            request.header("X-Amz-Target", amzTarget);
        }
        if (token != null) {
            request.header("X-Amz-Security-Token", token);
        }
        try {
            HttpResponse<java.io.InputStream> streamed = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] answer;
            try (java.io.InputStream in = streamed.body()) {
                // At most one byte past the cap: an endpoint that streams without end costs no more than that.
                answer = in.readNBytes(MAX_ANSWER + 1);
            }
            if (answer.length > MAX_ANSWER) {
                throw new AwsApiError("Unreadable", "The endpoint " + endpoint + " answered more than " + MAX_ANSWER + " bytes.");
            }
            return new Answer(streamed.statusCode(), answer);
        } catch (IOException e) {
            throw new AwsApiError("Unreachable", "The endpoint " + endpoint + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsApiError("Unreachable", "Interrupted while calling " + endpoint);
        }
    }

    /** The text of the first descendant element called {@code localName}, or {@code null}. */
    public static String text(Element root, String localName) {
        NodeList found = root.getElementsByTagNameNS("*", localName);
        return found.getLength() == 0 ? null : found.item(0).getTextContent();
    }

    private static String form(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
