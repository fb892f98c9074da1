package dev.gatehouse.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The outbound half of SCIM (RFC 7644) for pushing users: find by {@code userName}, create, replace, deactivate.
 * The JDK's HttpClient with connect and request timeouts, redirects not followed (a token is never sent to a
 * host the administrator did not name). The token goes in the {@code Authorization} header only and is never in
 * an exception message or log line. Thread-safe.
 */
final class ScimPushClient {
    static final String SCIM_JSON = "application/scim+json";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final int MAX_DETAIL = 300;

    /** A push the target refused or did not answer; {@code status} is 0 when there was no HTTP answer. */
    static final class PushFailure extends Exception {
        final int status;

        PushFailure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration requestTimeout;

    ScimPushClient(ObjectMapper json, Duration connectTimeout, Duration requestTimeout) {
        this.json = json;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The id of the target's user named {@code userName}, if there is one (SCIM userName compares case-insensitively). */
    Optional<String> findByUserName(PushTargets.Target target, String userName) throws PushFailure {
        String filter = "userName eq \"" + userName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        JsonNode list = send(target, "GET", "/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8), null, 200);
        JsonNode resources = list.path("Resources");
        for (JsonNode r : resources) {
            if (r.path("userName").asText("").equalsIgnoreCase(userName) && r.path("id").isTextual()) {
                return Optional.of(r.get("id").textValue());
            }
        }
        return Optional.empty();
    }

    /** Creates the user; returns its id at the target. */
    String create(PushTargets.Target target, ObjectNode user) throws PushFailure {
        JsonNode created = send(target, "POST", "/Users", user, 201);
        if (!created.path("id").isTextual() || created.get("id").textValue().isBlank()) {
            throw new PushFailure(201, "The target created the user but answered without an id.");
        }
        return created.get("id").textValue();
    }

    void replace(PushTargets.Target target, String remoteId, ObjectNode user) throws PushFailure {
        send(target, "PUT", "/Users/" + URLEncoder.encode(remoteId, StandardCharsets.UTF_8), user, 200);
    }

    /** {@code active: false} by PATCH, as Entra ID and Okta deactivate (RFC 7644 §3.5.2). */
    void deactivate(PushTargets.Target target, String remoteId) throws PushFailure {
        ObjectNode patch = json.createObjectNode();
        patch.putArray("schemas").add(PATCH_OP);
        patch.putArray("Operations").addObject().put("op", "replace").put("path", "active").put("value", false);
        send(target, "PATCH", "/Users/" + URLEncoder.encode(remoteId, StandardCharsets.UTF_8), patch, 200);
    }

    private JsonNode send(PushTargets.Target target, String method, String path, ObjectNode body, int expected) throws PushFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + target.token())
                .header("Accept", SCIM_JSON + ", application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", SCIM_JSON).method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new PushFailure(0, method + " " + path(path) + ": the target did not answer in time.");
        } catch (IOException e) {
            throw new PushFailure(0, method + " " + path(path) + ": could not reach the target (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailure(0, method + " " + path(path) + ": interrupted.");
        }
        int status = response.statusCode();
        if (status != expected && !(expected == 200 && status == 204) && !(status >= 200 && status < 300 && expected == 201)) {
            throw new PushFailure(status, method + " " + path(path) + ": HTTP " + status + detail(response.body()));
        }
        if (status == 204 || response.body() == null || response.body().isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new PushFailure(status, method + " " + path(path) + ": the answer is not JSON.");
        }
    }

    /** The path without its query (a filter names a user; the audit line names the user anyway). */
    private static String path(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** SCIM's error {@code detail} (RFC 7644 §3.12), shortened, control characters dropped. */
    private String detail(String body) {
        try {
            JsonNode error = json.readTree(body == null ? "" : body);
            String detail = error == null ? null : error.path("detail").asText(null);
            if (detail == null || detail.isBlank()) {
                return "";
            }
            String clean = detail.replaceAll("\\p{Cntrl}", " ");
            return ": " + (clean.length() > MAX_DETAIL ? clean.substring(0, MAX_DETAIL) + "…" : clean);
        } catch (IOException e) {
            return "";
        }
    }
}
