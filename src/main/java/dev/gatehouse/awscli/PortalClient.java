package dev.gatehouse.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The identity center's OAuth endpoints and the user's AWS API, as the command line calls them. */
final class PortalClient {
    static final String CLIENT_ID = "gatehouse-cli";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String portal;
    private final HttpClient http;

    /** An answer: its status and JSON body (empty object when the body was not JSON). */
    record Answer(int status, JsonNode body) {
        String text(String field) {
            JsonNode n = body.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }

        String error() {
            return text("error");
        }
    }

    PortalClient(String portal) {
        this.portal = portal.replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    String portal() {
        return portal;
    }

    Answer deviceAuthorization() {
        return form("/oauth2/device_authorization", Map.of("client_id", CLIENT_ID));
    }

    Answer pollToken(String deviceCode) {
        return form("/oauth2/token", Map.of("grant_type", DEVICE_GRANT, "client_id", CLIENT_ID, "device_code", deviceCode));
    }

    Answer refresh(String refreshToken) {
        return form("/oauth2/token", Map.of("grant_type", "refresh_token", "client_id", CLIENT_ID, "refresh_token", refreshToken));
    }

    Answer revoke(String token) {
        return form("/oauth2/revoke", Map.of("client_id", CLIENT_ID, "token", token));
    }

    Answer roles(String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(portal + "/api/me/aws-roles"))
                .header("Authorization", "Bearer " + accessToken).GET());
    }

    Answer assertion(String accessToken, String appId, String accountId, String roleName) {
        var body = JSON.createObjectNode().put("accountId", accountId).put("roleName", roleName);
        if (appId != null) {
            body.put("appId", appId);
        }
        return send(HttpRequest.newBuilder(URI.create(portal + "/api/me/aws-assertion"))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private Answer form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(portal + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.header("User-Agent", "gatehouse-cli/1 (" + System.getProperty("os.name") + ")")
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            } catch (IOException e) {
                body = JSON.createObjectNode();
            }
            return new Answer(r.statusCode(), body == null ? JSON.createObjectNode() : body);
        } catch (IOException e) {
            throw new CliFailure(4, "Cannot reach Gatehouse at " + portal + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(4, "Interrupted.");
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
