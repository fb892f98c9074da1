package dev.gatehouse.awsemulator.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.core.AccessKeys;
import dev.gatehouse.awsemulator.core.SignedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One case of AWS's Signature Version 4 test suite, read from the classpath (src/test/resources/sigv4). */
record SigV4Vector(String name, SignedRequest request, List<String> signedHeaders, String canonicalRequest,
                      SigningCredential credential, String service, Instant timestamp) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "111122223333";
    private static final Pattern SIGNED_HEADERS = Pattern.compile("SignedHeaders=([^,\\s]+)");

    static SigV4Vector load(String name) {
        JsonNode context = json(read(name, "context.json"));
        JsonNode creds = context.path("credentials");
        String token = creds.hasNonNull("token") ? creds.get("token").asText() : null;
        Instant timestamp = Instant.parse(context.path("timestamp").asText());
        SigningCredential credential = token == null
                ? new SigningCredential(creds.path("access_key_id").asText(), creds.path("secret_access_key").asText(),
                ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":root", ACCOUNT, null, null)
                : new SigningCredential(creds.path("access_key_id").asText(), creds.path("secret_access_key").asText(),
                ACCOUNT, "arn:aws:sts::" + ACCOUNT + ":assumed-role/Vectors/vector-session",
                "AROAVECTORSEXAMPLE01:vector-session", AccessKeys.sessionTokenHash(token),
                timestamp.plusSeconds(context.path("expiration_in_seconds").asLong(3600)));
        SignedRequest request = parse(new String(read(name, "header-signed-request.txt"), StandardCharsets.UTF_8));
        Matcher m = SIGNED_HEADERS.matcher(request.header("Authorization"));
        if (!m.find()) {
            throw new IllegalStateException(name + ": no SignedHeaders in the Authorization header");
        }
        return new SigV4Vector(name, request, List.of(m.group(1).split(";")),
                new String(read(name, "header-canonical-request.txt"), StandardCharsets.UTF_8), credential,
                context.path("service").asText(), timestamp);
    }

    Clock clock() {
        return Clock.fixed(timestamp, ZoneOffset.UTC);
    }

    SignedRequest withBody(byte[] body) {
        return new SignedRequest(request.method(), request.path(), request.rawQuery(), request.headers(), body);
    }

    SignedRequest withHeader(String header, String value) {
        return withHeader(request, header, value);
    }

    /** {@code r} with {@code header} set to {@code value} (added, or replacing the one sent). */
    static SignedRequest withHeader(SignedRequest r, String header, String value) {
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put(header.toLowerCase(Locale.ROOT), value);
        return SignedRequest.of(r.method(), r.path(), r.rawQuery(), headers, r.body());
    }

    SignedRequest withoutHeader(String header) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        if (headers.remove(header.toLowerCase(Locale.ROOT)) == null) {
            throw new IllegalStateException(name + " has no header " + header);
        }
        return SignedRequest.of(request.method(), request.path(), request.rawQuery(), headers, request.body());
    }

    /**
     * The request line, the headers (a repeated name's values joined with commas, values passed on as written
     * after the colon, so the verifier has to trim them itself) and the body after the blank line.
     */
    private static SignedRequest parse(String text) {
        int headerEnd = text.indexOf("\n\n");
        String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
        String body = headerEnd < 0 ? "" : text.substring(headerEnd + 2);
        String[] lines = head.split("\n");
        String requestLine = lines[0];
        int firstSpace = requestLine.indexOf(' ');
        int version = requestLine.lastIndexOf(" HTTP/");
        String method = requestLine.substring(0, firstSpace);
        String target = requestLine.substring(firstSpace + 1, version);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(" ") || line.startsWith("\t")) {
                throw new IllegalStateException("obsolete line folding is not supported: " + line);
            }
            int colon = line.indexOf(':');
            String headerName = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1);
            headers.merge(headerName, value, (a, b) -> a + "," + b);
        }
        return SignedRequest.of(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read(String name, String file) {
        String resource = "/sigv4/" + name + "/" + file;
        try (InputStream in = SigV4Vector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
