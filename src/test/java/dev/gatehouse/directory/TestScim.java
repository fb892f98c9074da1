package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestIdentityCenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A SCIM client for tests: real HTTP calls with the bootstrap admin token, bodies as JSON text. */
final class TestScim {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SCIM_JSON = "application/scim+json";

    private final TestIdentityCenter ic;

    TestScim(TestIdentityCenter ic) {
        this.ic = ic;
    }

    HttpResponse<String> get(String path) {
        return ic.send(ic.admin(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
        return ic.send(ic.admin(path).header("Content-Type", SCIM_JSON).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> put(String path, String json) {
        return ic.send(ic.admin(path).header("Content-Type", SCIM_JSON).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> patch(String path, String json) {
        return ic.send(ic.admin(path).header("Content-Type", SCIM_JSON)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> delete(String path) {
        return ic.send(ic.admin(path).DELETE().build());
    }

    /** Creates a user and returns its id; fails the test unless the server answers 201. */
    String createUser(String userName, String email, String password) {
        HttpResponse<String> response = post("/scim/v2/Users", userJson(userName, email, password));
        if (response.statusCode() != 201) {
            throw new AssertionError("create " + userName + ": " + response.statusCode() + " " + response.body());
        }
        return json(response).get("id").asText();
    }

    static String userJson(String userName, String email, String password) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"%s","name":{"givenName":"Ada","familyName":"Lovelace"},
                 "emails":[{"value":"%s","primary":true}],"active":true%s}"""
                .formatted(userName, email, password == null ? "" : ",\"password\":\"" + password + "\"");
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
