package dev.gatehouse.provisioning;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.Assignments.PrincipalType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditQuery;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCIM push when it goes wrong, the worker and the clock driven by the test: a target that is down and then up
 * (retried with doubling backoff, then created), a wrong token (a visible failure on the Provisioning tab and in
 * the audit log, given up on after the cap, retried by "Push now" once the token is fixed), and refused settings.
 */
class ScimPushFailuresTest {
    private PushWorld world;
    private User alice;

    @BeforeEach
    void start() {
        world = new PushWorld(TestIdentityCenter.defaultKind());
        alice = world.directory().createUser("test", new UserDraft("alice", "alice@example.com", "Alice", "L", null, true, false), null);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private static final String PASSWORD = "a long admin password";

    private Http adminSession() {
        Http browser = Http.browser(world.source.baseUrl());
        browser.get("/admin/login");
        HttpResponse<String> response = browser.post("/admin/login", Map.of("username", "root", "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        return browser;
    }

    private PushQueue.Push latest() {
        return world.pushes().get(0);
    }

    private List<AuditLog.Event> failures() {
        return world.source.center().services().audit().search(new AuditQuery(null, world.appId, "SCIM_PUSH_FAILED", null, null), 50);
    }

    @Test
    void aTargetThatIsDownIsRetriedWithBackoffAndReachedOnceItIsUp() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        world.target.close();
        world.target = null;
        world.push().targets().save("test", world.appId, "http://127.0.0.1:" + port + "/scim/v2", TestIdentityCenter.ADMIN_TOKEN);
        world.assignments().assign("test", world.appId, PrincipalType.USER, alice.id());

        assertThat(world.push().runDue()).isEqualTo(1);
        PushQueue.Push first = latest();
        assertThat(first.status()).isEqualTo("PENDING");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).contains("could not reach the target");
        assertThat(first.nextAttemptAt()).isEqualTo(world.clock.instant().plus(Duration.ofSeconds(30)));
        assertThat(world.push().runDue()).as("not due before its backoff").isZero();

        world.clock.advance(Duration.ofSeconds(30));
        assertThat(world.push().runDue()).isEqualTo(1);
        assertThat(latest().attempts()).isEqualTo(2);
        assertThat(latest().nextAttemptAt()).as("the backoff doubles").isEqualTo(world.clock.instant().plus(Duration.ofSeconds(60)));

        final int targetPort = port;
        world.target = TestIdentityCenter.start(TestIdentityCenter.defaultKind(), c -> IdentityCenterConfig.of(targetPort, c.dataDir(), c.jdbcUrl(), null)
                .withAdminToken(TestIdentityCenter.ADMIN_TOKEN).withScimPushInterval(Duration.ZERO));
        world.clock.advance(Duration.ofSeconds(60));
        assertThat(world.push().runDue()).isEqualTo(1);
        assertThat(latest().status()).isEqualTo("DONE");
        assertThat(latest().action()).isEqualTo("CREATED");
        assertThat(latest().attempts()).isEqualTo(3);
        assertThat(world.remote("alice").get("active").asBoolean()).isTrue();
        assertThat(failures()).hasSize(2).allSatisfy(e -> assertThat(e.detail()).contains("could not reach"));
    }

    @Test
    void aWrongTokenIsAVisibleFailureGivenUpOnAfterTheCapAndRetriedOnceFixed() {
        world.push().targets().save("test", world.appId, world.target.baseUrl() + "/scim/v2", "not-the-right-token-0123456789");
        world.assignments().assign("test", world.appId, PrincipalType.USER, alice.id());
        world.push().runDue();
        assertThat(latest().status()).isEqualTo("PENDING");
        assertThat(latest().lastError()).contains("HTTP 401");
        assertThat(world.remote("alice")).isNull();
        assertThat(failures()).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("scim-push");
            assertThat(e.detail()).contains("HTTP 401").contains("alice").doesNotContain("not-the-right-token");
        });

        for (int i = 1; i < PushQueue.MAX_ATTEMPTS; i++) {
            world.clock.advance(PushQueue.MAX_RETRY);
            assertThat(world.push().runDue()).isEqualTo(1);
        }
        assertThat(latest().status()).isEqualTo("FAILED");
        assertThat(latest().attempts()).isEqualTo(PushQueue.MAX_ATTEMPTS);
        world.clock.advance(PushQueue.MAX_RETRY);
        assertThat(world.push().runDue()).as("given up").isZero();

        world.source.center().services().directory().createUser("test", new UserDraft("root", null, null, null, null, true, true), PASSWORD);
        Http admin = adminSession();
        HttpResponse<String> page = admin.get("/admin/apps/" + world.appId + "/provisioning");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("push-failed").contains("HTTP 401").contains(world.target.baseUrl() + "/scim/v2")
                .doesNotContain("not-the-right-token");

        HttpResponse<String> fixed = admin.post("/admin/apps/" + world.appId + "/provisioning",
                Map.of("_csrf", admin.csrf(), "baseUrl", world.target.baseUrl() + "/scim/v2", "token", TestIdentityCenter.ADMIN_TOKEN));
        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
        assertThat(fixed.body()).doesNotContain(TestIdentityCenter.ADMIN_TOKEN);
        HttpResponse<String> pushed = admin.post("/admin/apps/" + world.appId + "/provisioning/push", Map.of("_csrf", admin.csrf()));
        assertThat(pushed.statusCode()).isEqualTo(200);
        assertThat(world.remote("alice").get("active").asBoolean()).isTrue();
        assertThat(world.pushes()).allSatisfy(p -> assertThat(p.status()).isEqualTo("DONE"));
    }

    @Test
    void badSettingsAreRefusedWithAReasonAndSaveNothing() {
        world.source.center().services().directory().createUser("test", new UserDraft("root", null, null, null, null, true, true), PASSWORD);
        Http admin = adminSession();
        String path = "/admin/apps/" + world.appId + "/provisioning";
        assertThat(admin.get(path).body()).contains("id=\"provisioning-form\"");
        Map<String, String> refusals = Map.of(
                "http://scim.example.com/scim/v2", "must use https",
                "ftp://scim.example.com/", "must be an https URL",
                "https://user:pw@scim.example.com/", "must be an https URL",
                "not a url", "without spaces",
                "", "Enter the SCIM base URL");
        refusals.forEach((url, reason) -> {
            HttpResponse<String> r = admin.post(path, Map.of("_csrf", admin.csrf(), "baseUrl", url, "token", "t0ken"));
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(r.body()).as(url).contains(reason);
        });
        HttpResponse<String> spaced = admin.post(path, Map.of("_csrf", admin.csrf(), "baseUrl", "https://scim.example.com/v2", "token", "two words"));
        assertThat(spaced.statusCode()).isEqualTo(400);
        HttpResponse<String> accented = admin.post(path, Map.of("_csrf", admin.csrf(), "baseUrl", "https://scim.example.com/v2", "token", "tökén"));
        assertThat(accented.statusCode()).isEqualTo(400);
        HttpResponse<String> noToken = admin.post(path, Map.of("_csrf", admin.csrf(), "baseUrl", "https://scim.example.com/v2"));
        assertThat(noToken.body()).contains("Enter the bearer token");
        assertThat(world.push().targets().view(world.appId)).isEmpty();

        String aws = dev.gatehouse.TestData.awsApp(world.source, "AWS", "https://signin.aws.amazon.com/saml");
        HttpResponse<String> notCustom = admin.post("/admin/apps/" + aws + "/provisioning",
                Map.of("_csrf", admin.csrf(), "baseUrl", "https://scim.example.com/v2", "token", "t0ken"));
        assertThat(notCustom.statusCode()).isEqualTo(400);
        assertThat(notCustom.body()).contains("Only custom SAML 2.0 applications");
        assertThat(admin.get("/admin/apps/nope/provisioning").statusCode()).isEqualTo(404);
        assertThat(admin.post(path + "/push", Map.of("_csrf", admin.csrf())).statusCode()).isEqualTo(409);
    }
}
