package dev.gatehouse.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.MovableClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The SCIM push tests' one set-up: a source identity center on a {@link MovableClock} whose background push is
 * off (tests run the worker themselves), with a custom SAML app, and a second identity center whose real SCIM API
 * is the target.
 */
final class PushWorld implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final MovableClock clock = new MovableClock(Instant.parse("2031-05-06T07:08:09Z"));
    final TestIdentityCenter source;
    TestIdentityCenter target;
    final String appId;

    PushWorld(TestDatabase.Kind kind) {
        source = TestIdentityCenter.start(kind, c -> c.withScimPushInterval(Duration.ZERO), clock);
        target = TestIdentityCenter.start(kind, c -> c.withScimPushInterval(Duration.ZERO));
        appId = source.center().services().applications().create("test",
                new AppInput("custom-saml", "Wiki", "pushed", "https://wiki.example.com/saml/acs", "https://wiki.example.com", null, null)).app().id();
    }

    ScimPush push() {
        return source.center().services().scimPush();
    }

    Directory directory() {
        return source.center().services().directory();
    }

    Assignments assignments() {
        return source.center().services().assignments();
    }

    void pointAtTarget() {
        push().targets().save("test", appId, target.baseUrl() + "/scim/v2", TestIdentityCenter.ADMIN_TOKEN);
    }

    List<PushQueue.Push> pushes() {
        return push().queue().recent(appId, 100);
    }

    /** The target's user named {@code userName} as its SCIM API returns it, or {@code null}. */
    JsonNode remote(String userName) {
        JsonNode list = get("/scim/v2/Users?filter=" + URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8));
        return list.get("totalResults").asInt() == 0 ? null : list.at("/Resources/0");
    }

    int remoteCount() {
        return get("/scim/v2/Users").get("totalResults").asInt();
    }

    JsonNode get(String path) {
        HttpResponse<String> response = target.send(target.admin(path).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError(path + ": " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }
}
