package dev.gatehouse.security;

import dev.gatehouse.testing.Http;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.directory.AdminTokens;
import dev.gatehouse.directory.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Walks every route that {@code Routes.java} gives the role ADMIN or ADMIN_API, read from the source so a new admin
 * route is covered the day it is added: anonymous callers are sent to sign in (pages) or get 401 (APIs), a signed-in
 * normal user gets 403, and an administrator's session without the CSRF token cannot change anything.
 */
class AdminRoutesAccessTest {
    private static final Pattern ROUTE = Pattern.compile(
            "r\\.(get|post|put|patch|delete)\\(\"([^\"]+)\",\\s*[^;]+?,\\s*(ADMIN|ADMIN_API)\\);");

    record Route(String method, String pattern, String role) {
        boolean page() {
            return role.equals("ADMIN");
        }
    }

    static ClockedCenter ic;
    static List<Route> routes;
    static Map<String, String> ids;

    @BeforeAll
    static void start() throws IOException {
        routes = adminRoutes();
        ic = ClockedCenter.start();
        User pat = ic.user("pat");
        User root = ic.admin("root");
        var services = ic.center().services();
        String group = services.directory().createGroup("test", "Engineers", List.of(pat.id())).id();
        String app = services.applications().create("test", new AppInput("external-aws-account", "Prod", "test",
                "https://signin.aws.amazon.com/saml", null, null, null)).app().id();
        String token = services.adminTokens().create("ci", root.id(), AdminTokens.DEFAULT_LIFETIME, "test").token().id();
        ids = Map.of("users", pat.id(), "groups", group, "apps", app, "tokens", token,
                "Users", pat.id(), "Groups", group);
    }

    @AfterAll
    static void stop() {
        ic.close();
    }

    static List<Route> adminRoutes() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/gatehouse/identitycenter/IdentityCenterRoutes.java"));
        List<Route> found = new ArrayList<>();
        Matcher m = ROUTE.matcher(source);
        while (m.find()) {
            found.add(new Route(m.group(1).toUpperCase(), m.group(2), m.group(3)));
        }
        return found;
    }

    /** A concrete path for a route pattern, with ids of real objects so a handler that ran would act. */
    static String path(Route route) {
        String[] parts = route.pattern().split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("{principalType}")) {
                part = "USER";
            } else if (part.equals("{principalId}")) {
                part = ids.get("users");
            } else if (part.startsWith("{") || part.startsWith("<")) { // <name> takes slashes (role paths)
                part = ids.getOrDefault(parts[i - 1], "unknown");
            }
            out.append('/').append(part);
        }
        return out.toString();
    }

    static HttpResponse<String> call(Http browser, Route route, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ic.baseUrl() + path));
        if (route.method().equals("GET")) {
            request.GET();
        } else {
            String type = route.page() ? "application/x-www-form-urlencoded" : "application/json";
            String body = route.page() ? "displayName=Changed&userName=changed&name=changed" : "{\"displayName\":\"Changed\"}";
            request.header("Content-Type", type).method(route.method(), HttpRequest.BodyPublishers.ofString(body));
        }
        return browser.send(request.build());
    }

    /** Everything an admin change could touch, to prove nothing changed. */
    static String state() {
        return ic.center().database().jdbi().withHandle(h -> {
            StringBuilder out = new StringBuilder();
            for (String table : List.of("users", "user_groups", "group_members", "apps", "app_attribute_mappings",
                    "app_assignments", "signing_keys", "admin_tokens", "security_settings", "mfa_enrolments",
                    "catalog_accounts", "catalog_roles", "catalog_entitlements", "aws_account_connections", "scim_push_targets")) {
                out.append(table).append(h.createQuery("SELECT * FROM " + table).mapToMap().list()).append('\n');
            }
            return out.toString();
        });
    }

    @Test
    void routeTableWhenReadThenHasAdminPagesAndApis() {
        assertThat(routes).extracting(Route::role).contains("ADMIN", "ADMIN_API");
        assertThat(routes).hasSizeGreaterThan(40);
        assertThat(routes).extracting(Route::pattern).contains("/admin/users", "/scim/v2/Users/{id}", "/api/apps/{id}", "/admin/security");
    }

    @Test
    void everyAdminRouteWhenAnonymousThenSignInRedirectOr401() {
        Http anonymous = Http.browser(ic.baseUrl());
        anonymous.get("/admin/login");
        assertSoftly(soft -> {
            for (Route route : routes) {
                HttpResponse<String> response = call(anonymous, route, path(route));
                if (route.page()) {
                    soft.assertThat(response.statusCode()).as(route.toString()).isEqualTo(303);
                    soft.assertThat(response.headers().firstValue("Location").orElse("")).as(route.toString())
                            .startsWith("/admin/login?next=");
                } else {
                    soft.assertThat(response.statusCode()).as(route.toString()).isEqualTo(401);
                }
            }
        });
    }

    @Test
    void everyAdminRouteWhenSignedInAsNormalUserThen403() {
        String before = state();
        Http pat = Http.browser(ic.baseUrl()).signIn("pat", ClockedCenter.PASSWORD);
        pat.get("/"); // the page's CSRF token is sent with forms: the role, not CSRF, must be what refuses
        assertSoftly(soft -> {
            for (Route route : routes) {
                HttpResponse<String> response = route.method().equals("POST") && route.page()
                        ? pat.post(path(route), Map.of("displayName", "Changed", "userName", "changed"))
                        : call(pat, route, path(route));
                soft.assertThat(response.statusCode()).as(route.toString()).isEqualTo(403);
            }
        });
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void everyUnsafeAdminRouteWhenAdminSessionWithoutCsrfTokenThen403AndNothingChanged() {
        String before = state();
        Http root = Http.browser(ic.baseUrl());
        root.get("/admin/login");
        assertThat(root.post("/admin/login", Map.of("username", "root", "password", ClockedCenter.PASSWORD)).statusCode()).isEqualTo(303);
        List<Route> unsafe = routes.stream().filter(r -> !r.method().equals("GET")).toList();
        assertThat(unsafe).hasSizeGreaterThan(20);
        assertSoftly(soft -> {
            for (Route route : unsafe) {
                HttpResponse<String> response = call(root, route, path(route));
                soft.assertThat(response.statusCode()).as(route.toString()).isEqualTo(403);
            }
        });
        assertThat(state()).isEqualTo(before);
        assertThat(root.get("/admin/users").statusCode()).as("the session itself works").isEqualTo(200);
    }
}
