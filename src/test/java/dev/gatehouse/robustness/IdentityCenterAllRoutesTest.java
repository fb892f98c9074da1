package dev.gatehouse.robustness;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.LogCapture;
import dev.gatehouse.web.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 12, the identity center: every route its router lists, walked by {@link RouteWalker} anonymously,
 * as a signed-in user, with the admin bearer token and as a signed-in administrator. Nothing answers 5xx, and no
 * request logs more than one line or a stack trace. Path parameters name real objects, so handlers really run.
 */
class IdentityCenterAllRoutesTest {
    private static TestIdentityCenter ic;
    private static Map<String, String> ids;

    @BeforeAll
    static void start() {
        ic = TestIdentityCenter.start();
        var services = ic.center().services();
        String target = TestData.user(ic, "target", "target@example.com").id();
        TestData.user(ic, "walker", "walker@example.com");
        String boss = TestData.admin(ic, "boss").id();
        String group = services.directory().createGroup("test", "Walkers", List.of(target)).id();
        String app = TestData.awsApp(ic, "Walked", "https://signin.aws.amazon.com/saml");
        String token = services.adminTokens().create("ci", boss, java.time.Duration.ofDays(90), "test").token().id();
        ids = Map.of("app", app, "user", target, "group", group, "token", token);
    }

    @AfterAll
    static void stop() {
        ic.close();
    }

    /** A concrete path for a route: the ids of real objects, chosen by what the path is about. */
    static String concrete(String pattern) {
        String lower = pattern.toLowerCase();
        String id = lower.contains("/apps/") ? ids.get("app")
                : lower.contains("/users/") ? ids.get("user")
                : lower.contains("/groups/") ? ids.get("group")
                : lower.contains("/tokens/") ? ids.get("token") : "unknown-id";
        return pattern.replace("{appId}", ids.get("app")).replace("{id}", id)
                .replace("{principalType}", "USER").replace("{principalId}", ids.get("user"));
    }

    @Test
    void noRouteAnswers5xxOrLogsAStackTrace() {
        List<WebServer.Route> routes = ic.center().routes();
        assertThat(routes).as("read from the router at runtime")
                .contains(new WebServer.Route("POST", "/login"), new WebServer.Route("GET", "/api/apps/{id}"),
                        new WebServer.Route("HEAD", "/admin/users/{id}"), new WebServer.Route("DELETE", "/scim/v2/Groups/{id}"));
        // Signed in before the walk: its failed sign-ins trip the per-address throttle.
        RouteWalker.Caller user = session("walker", "/account/mfa");
        RouteWalker.Caller admin = session("boss", "/admin/users");
        String cliToken = dev.gatehouse.devicelogin.DeviceFlow.tokens(ic.baseUrl(),
                Http.browser(ic.baseUrl()).signIn("walker", TestData.PASSWORD)).get("access_token").asText();
        RouteWalker walker = new RouteWalker(ic.baseUrl(), IdentityCenterAllRoutesTest::concrete);
        try (LogCapture log = LogCapture.open()) {
            walker.walk(routes, new RouteWalker.Caller("anonymous", Map.of(), null), log);
            walker.walk(routes, user, log);
            walker.walk(routes, new RouteWalker.Caller("bearer token",
                    Map.of("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN), null), log);
            walker.walk(routes, admin, log);
            walker.walk(routes, new RouteWalker.Caller("command line", Map.of("Authorization", "Bearer " + cliToken), null), log);
        }
        assertThat(walker.requests()).isGreaterThan(routes.size() * 5);
        assertThat(walker.findings()).as(RouteWalker.report(walker.findings())).isEmpty();
    }

    /** A portal session of {@code userName}, with the CSRF token of {@code page}. */
    private static RouteWalker.Caller session(String userName, String page) {
        Http browser = Http.browser(ic.baseUrl()).signIn(userName, TestData.PASSWORD);
        assertThat(browser.get(page).statusCode()).isEqualTo(200);
        return new RouteWalker.Caller(userName, Map.of("Cookie", browser.cookieHeader()), browser.csrf());
    }
}
