package dev.gatehouse.signin;

import dev.gatehouse.testing.Http;
import dev.gatehouse.security.ClockedCenter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console setting that makes two-step sign-in mandatory for every administrator. */
class AdminMfaRequiredTest {
    private static final Pattern SECRET = Pattern.compile("data-secret=\"([A-Z2-7]+)\"");

    private ClockedCenter ic;

    @BeforeEach
    void start() {
        ic = ClockedCenter.start();
        ic.admin("root");
        ic.admin("second");
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    private Http adminSession(String userName) {
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/admin/login");
        HttpResponse<String> response = browser.post("/admin/login", Map.of("username", userName, "password", ClockedCenter.PASSWORD));
        assertThat(response.statusCode()).isEqualTo(303);
        return browser;
    }

    private String enrol(Http browser) {
        browser.get("/account/mfa");
        browser.post("/account/mfa/setup", Map.of());
        Matcher m = SECRET.matcher(browser.get("/account/mfa").body());
        assertThat(m.find()).isTrue();
        String secret = m.group(1);
        assertThat(browser.post("/account/mfa/confirm", Map.of("code", MfaSignInTest.oathtool(secret, ic.clock().instant())))
                .statusCode()).isEqualTo(200);
        return secret;
    }

    private void requireAdminMfa(Http admin) {
        admin.get("/admin/security");
        HttpResponse<String> saved = admin.post("/admin/security", Map.of("requireAdminMfa", "true"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    @Test
    void requireWhenTheAdministratorHasNoSecondFactorThen400AndStillOptional() {
        Http root = adminSession("root");
        root.get("/admin/security");

        HttpResponse<String> response = root.post("/admin/security", Map.of("requireAdminMfa", "true"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(root.get("/admin/users").statusCode()).isEqualTo(200);
        assertThat(ic.audit("SECURITY_SETTING_CHANGED")).isEmpty();
    }

    @Test
    void requireWhenOnThenAdminWithoutSecondFactorIsSentToEnrolBeforeTheConsole() {
        Http root = adminSession("root");
        enrol(root);
        requireAdminMfa(root);
        assertThat(ic.audit("SECURITY_SETTING_CHANGED").get(0).detail()).contains("\"before\":false").contains("\"after\":true");

        Http second = adminSession("second");
        HttpResponse<String> console = second.get("/admin/users");
        HttpResponse<String> api = second.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps")).GET().build());
        HttpResponse<String> enrolPage = second.get("/account/mfa");

        assertThat(console.statusCode()).isEqualTo(303);
        assertThat(console.headers().firstValue("Location")).hasValue("/account/mfa?required=admin");
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(enrolPage.statusCode()).isEqualTo(200);
        assertThat(enrolPage.body()).contains("id=\"mfa-required\"");

        enrol(second);
        assertThat(second.get("/admin/users").statusCode()).isEqualTo(200);
    }

    @Test
    void requireWhenOnThenBearerTokensStillWork() {
        Http root = adminSession("root");
        enrol(root);
        requireAdminMfa(root);

        HttpResponse<String> response = root.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps"))
                .header("Authorization", "Bearer " + ClockedCenter.ADMIN_TOKEN).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void adminSignInWhenEnrolledThenAsksForCodeAndLandsInTheConsole() {
        String secret = enrol(adminSession("root"));
        ic.clock().advance(Duration.ofSeconds(30));
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/admin/login?next=/admin/groups");
        HttpResponse<String> password = browser.post("/admin/login",
                Map.of("username", "root", "password", ClockedCenter.PASSWORD, "next", "/admin/groups"));
        assertThat(password.headers().firstValue("Location")).hasValue("/admin/login/mfa");
        assertThat(browser.get("/admin/users").statusCode()).as("not signed in yet").isEqualTo(303);
        browser.get("/admin/login/mfa");

        HttpResponse<String> code = browser.post("/admin/login/mfa", Map.of("code", MfaSignInTest.oathtool(secret, ic.clock().instant())));

        assertThat(code.statusCode()).isEqualTo(303);
        assertThat(code.headers().firstValue("Location")).hasValue("/admin/groups");
        assertThat(browser.get("/admin/users").statusCode()).isEqualTo(200);
    }

    @Test
    void disableWhenRequiredForAdministratorsThenRefused() {
        Http root = adminSession("root");
        String secret = enrol(root);
        requireAdminMfa(root);
        ic.clock().advance(Duration.ofSeconds(30));
        root.get("/account/mfa");

        HttpResponse<String> response = root.post("/account/mfa/disable", Map.of("code", MfaSignInTest.oathtool(secret, ic.clock().instant())));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(root.get("/account/mfa").body()).contains("data-status=\"ON\"");
        assertThat(ic.audit("MFA_DISABLED")).isEmpty();
    }
}
