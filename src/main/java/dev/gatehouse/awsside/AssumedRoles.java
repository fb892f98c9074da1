package dev.gatehouse.awsside;

import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary keys of connections that name a role: STS AssumeRole with the connection's own key (15-minute
 * sessions, the shortest AWS grants), reused until two minutes before they expire. Keyed by the key, its secret's
 * digest, the role and the STS endpoint, so a changed secret or role assumes again. Thread-safe; two threads that
 * miss at once may both assume, which costs one spare session and nothing else.
 */
final class AssumedRoles {
    static final String SESSION_NAME = "gatehouse";
    private static final int SESSION_SECONDS = 900;
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(2);

    private record Held(AwsApiClient.Keys keys, Instant expires) {
    }

    private final AwsApiClient client;
    private final Clock clock;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    AssumedRoles(AwsApiClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    AwsApiClient.Keys keys(AwsConnection connection, AwsApiClient.Keys own) throws AwsApiClient.AwsApiError {
        String cacheKey = own.accessKeyId() + "|" + digest(own.secretAccessKey()) + "|" + connection.roleArn() + "|" + connection.stsEndpoint();
        Held current = held.get(cacheKey);
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.expires().minus(REFRESH_BEFORE))) {
            return current.keys();
        }
        Element answer = client.call(own, connection, "sts", connection.stsEndpoint(), Map.of("Action", "AssumeRole",
                "Version", "2011-06-15", "RoleArn", connection.roleArn(), "RoleSessionName", SESSION_NAME,
                "DurationSeconds", String.valueOf(SESSION_SECONDS))).getDocumentElement();
        String accessKeyId = AwsApiClient.text(answer, "AccessKeyId");
        String secret = AwsApiClient.text(answer, "SecretAccessKey");
        String token = AwsApiClient.text(answer, "SessionToken");
        if (accessKeyId == null || secret == null || token == null) {
            throw new AwsApiClient.AwsApiError("Unreadable", "AssumeRole of " + connection.roleArn() + " answered without credentials.");
        }
        AwsApiClient.Keys keys = new AwsApiClient.Keys(accessKeyId.strip(), secret.strip(), token.strip());
        // The session's own expiry is not trusted over our clock: it lasts at most what was asked for.
        held.put(cacheKey, new Held(keys, now.plusSeconds(SESSION_SECONDS)));
        return keys;
    }

    private static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
