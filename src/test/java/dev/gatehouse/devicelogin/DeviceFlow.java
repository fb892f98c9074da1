package dev.gatehouse.devicelogin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.Http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The CLI's half of the device flow over plain HTTP, for tests of the endpoints and of routes behind the token. */
public final class DeviceFlow {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeviceFlow() {
    }

    /** POST {@code path} as a form, no cookies; the answer's status, headers and JSON. */
    public static HttpResponse<String> post(String baseUrl, String path, Map<String, String> fields) {
        return Http.exchange(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(fields))).build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode start(String baseUrl) {
        return json(post(baseUrl, "/oauth2/device_authorization", Map.of("client_id", "gatehouse-cli")));
    }

    public static HttpResponse<String> poll(String baseUrl, String deviceCode) {
        return post(baseUrl, "/oauth2/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "client_id", "gatehouse-cli", "device_code", deviceCode));
    }

    /** {@code browser} (signed in) approves or denies the code; returns the page's answer. */
    public static HttpResponse<String> decide(Http browser, String userCode, boolean approve) {
        browser.get("/device?user_code=" + userCode);
        return browser.post("/device", Map.of("user_code", userCode, "decision", approve ? "approve" : "deny"));
    }

    /** A token answer (access and refresh) for the user signed in to {@code browser}. */
    public static JsonNode tokens(String baseUrl, Http browser) {
        JsonNode start = start(baseUrl);
        HttpResponse<String> decided = decide(browser, start.get("user_code").asText(), true);
        if (decided.statusCode() != 200) {
            throw new AssertionError(decided.body());
        }
        HttpResponse<String> tokens = poll(baseUrl, start.get("device_code").asText());
        if (tokens.statusCode() != 200) {
            throw new AssertionError(tokens.body());
        }
        return json(tokens);
    }
}
