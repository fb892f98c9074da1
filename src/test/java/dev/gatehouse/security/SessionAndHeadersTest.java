package dev.gatehouse.security;

import dev.gatehouse.testing.Http;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.User;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Session fixation, cookie attributes and the security headers of the portal, admin and auto-post pages. */
class SessionAndHeadersTest {
    private HttpResponse<String> send(HttpRequest request) {
        return Http.exchange(request);
    }

    private static Optional<String> setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    /** Signs in by hand with the given Cookie header (planted values included); returns the response. */
    private HttpResponse<String> signIn(ClockedCenter ic, String cookies, String userName) {
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/")).header("Cookie", cookies).build());
        // With a planted session the page carries that session's CSRF token, which the attacker knows as well.
        String pre = setCookie(form, "gh_pre").map(c -> "; gh_pre=" + value(c)).orElse("");
        String body = Http.form(Map.of("username", userName, "password", ClockedCenter.PASSWORD,
                "_csrf", Http.csrfOf(form.body())));
        return send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/login"))
                .header("Cookie", cookies + pre)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> home(ClockedCenter ic, String session) {
        return send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/")).header("Cookie", "gh_session=" + session).build());
    }

    @Test
    void signInWhenSessionCookiePlantedThenReplacedAndThePlantedOneIsDead() {
        try (ClockedCenter ic = ClockedCenter.start()) {
            ic.user("mallory");
            ic.user("victim");
            // The attacker's own valid session, planted in the victim's browser before the victim signs in.
            String planted = value(setCookie(signIn(ic, "x=y", "mallory"), "gh_session").orElseThrow());
            assertThat(home(ic, planted).body()).contains("Welcome,");

            HttpResponse<String> response = signIn(ic, "gh_session=" + planted, "victim");

            assertThat(response.statusCode()).isEqualTo(303);
            String issued = value(setCookie(response, "gh_session").orElseThrow());
            assertThat(issued).isNotEqualTo(planted).hasSizeGreaterThanOrEqualTo(43);
            assertThat(home(ic, planted).body()).contains("id=\"signin-form\"").doesNotContain("Welcome,");
            assertThat(home(ic, issued).body()).contains("Welcome,");
        }
    }

    @Test
    void cookiesWhenBaseUrlIsHttpThenHttpOnlyAndLaxButNotSecure() {
        try (ClockedCenter ic = ClockedCenter.start()) {
            ic.user("alice");

            String session = setCookie(signIn(ic, "x=y", "alice"), "gh_session").orElseThrow();

            assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure;")
                    .doesNotContainIgnoringCase("Domain=");
        }
    }

    @Test
    void cookiesWhenBaseUrlIsHttpsThenSecureHttpOnlyAndLax() {
        try (ClockedCenter ic = ClockedCenter.start(c -> c.withBaseUrl("https://sso.example.test"))) {
            ic.user("alice");

            HttpResponse<String> response = signIn(ic, "x=y", "alice");

            for (String name : List.of("gh_session", "gh_pre")) {
                String cookie = name.equals("gh_pre")
                        ? setCookie(send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/")).build()), name).orElseThrow()
                        : setCookie(response, name).orElseThrow();
                assertThat(cookie).as(name).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax");
            }
        }
    }

    @Test
    void portalAndAdminPagesWhenServedThenStrictCspWithoutInlineScriptAndNoFraming() {
        try (ClockedCenter ic = ClockedCenter.start()) {
            ic.admin("root");
            Http root = Http.browser(ic.baseUrl());
            root.get("/admin/login");
            root.post("/admin/login", Map.of("username", "root", "password", ClockedCenter.PASSWORD));

            for (HttpResponse<String> page : List.of(Http.browser(ic.baseUrl()).get("/admin/login"), root.get("/admin/users"),
                    root.get("/admin/security"), root.get("/account/mfa"), root.get("/account/passkeys"),
                    Http.browser(ic.baseUrl()).get("/"))) {
                String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
                assertThat(page.statusCode()).as(page.uri().toString()).isEqualTo(200);
                assertThat(csp).as(page.uri().toString()).contains("script-src 'self'").contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline").doesNotContain("nonce-");
                assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
                assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
                // scripts only as files from /static (the passkey pages' one), never inline
                assertThat(page.body().replaceAll("<script src=\"/static/[a-z-]+\\.js\" defer></script>", ""))
                        .as(page.uri().toString()).doesNotContain("<script");
            }
        }
    }

    @Test
    void autoPostPageWhenLaunchedThenOnlyItsNoncedScriptRunsAndNoReferrerIsSent() {
        try (ClockedCenter ic = ClockedCenter.start()) {
            User alice = ic.user("alice");
            String app = ic.center().services().applications().create("test", new AppInput("external-aws-account", "Prod", "test",
                    "https://signin.aws.amazon.com/saml", null, null, null)).app().id();
            ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, alice.id());
            Http browser = Http.browser(ic.baseUrl()).signIn("alice", ClockedCenter.PASSWORD);

            HttpResponse<String> page = browser.get("/launch/" + app);

            assertThat(page.statusCode()).isEqualTo(200);
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            Matcher nonce = Pattern.compile("script-src 'nonce-([^']+)'").matcher(csp);
            assertThat(nonce.find()).as(csp).isTrue();
            assertThat(csp).doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
            assertThat(page.body()).contains("<script nonce=\"" + nonce.group(1) + "\">");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(browser.get("/launch/" + app).headers().firstValue("Content-Security-Policy").orElse(""))
                    .as("a fresh nonce per page").doesNotContain(nonce.group(1));
        }
    }
}
