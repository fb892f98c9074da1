package dev.gatehouse.devicelogin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Burst;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8628 at the identity center: the device authorization answer, each error of §3.5 and RFC 6749 §5.2 with its
 * status, refresh-token rotation and reuse, revocation by password change, the console and the user, and the
 * throttle on guessed user codes under a parallel burst.
 */
class DeviceAuthorizationTest {
    static final MovableClock CLOCK = new MovableClock(Instant.now());
    static TestIdentityCenter ic;

    @BeforeAll
    static void start() {
        ic = TestIdentityCenter.start(TestIdentityCenter.defaultKind(), c -> c, CLOCK);
    }

    @AfterAll
    static void stop() {
        ic.close();
    }

    @Test
    void authorizationAnswersTheRfcFieldsAndTheTokenEndpointItsErrors() {
        TestData.user(ic, "erin", "erin@example.com");
        HttpResponse<String> started = DeviceFlow.post(ic.baseUrl(), "/oauth2/device_authorization", Map.of("client_id", "gatehouse-cli"));
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode a = DeviceFlow.json(started);
        String userCode = a.get("user_code").asText();
        assertThat(userCode).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(a.get("verification_uri").asText()).isEqualTo(ic.baseUrl() + "/device");
        assertThat(a.get("verification_uri_complete").asText()).isEqualTo(ic.baseUrl() + "/device?user_code=" + userCode);
        assertThat(a.get("expires_in").asInt()).isEqualTo(600);
        assertThat(a.get("interval").asInt()).isEqualTo(5);
        String deviceCode = a.get("device_code").asText();

        assertError(DeviceFlow.poll(ic.baseUrl(), deviceCode), 400, "authorization_pending");
        assertError(DeviceFlow.poll(ic.baseUrl(), deviceCode), 400, "slow_down");
        CLOCK.advance(Duration.ofSeconds(10));
        assertError(DeviceFlow.poll(ic.baseUrl(), "not-a-code"), 400, "invalid_grant");
        assertError(DeviceFlow.post(ic.baseUrl(), "/oauth2/token", Map.of("grant_type", "password", "client_id", "gatehouse-cli")),
                400, "unsupported_grant_type");
        assertError(DeviceFlow.post(ic.baseUrl(), "/oauth2/device_authorization", Map.of("client_id", "someone-else")), 401, "invalid_client");

        // Denied in the browser: access_denied.
        Http erin = Http.browser(ic.baseUrl()).signIn("erin", TestData.PASSWORD);
        HttpResponse<String> page = erin.get("/device?user_code=" + userCode.toLowerCase().replace("-", "+"));
        assertThat(page.body()).contains(userCode).contains("gatehouse-cli").contains("127.0.0.1");
        assertThat(DeviceFlow.decide(erin, userCode, false).body()).contains("Denied");
        assertError(DeviceFlow.poll(ic.baseUrl(), deviceCode), 400, "access_denied");

        // Expired before approval: expired_token; the page no longer finds the code.
        JsonNode late = DeviceFlow.start(ic.baseUrl());
        CLOCK.advance(Duration.ofMinutes(11));
        assertThat(erin.get("/device?user_code=" + late.get("user_code").asText()).statusCode()).isEqualTo(400);
        assertError(DeviceFlow.poll(ic.baseUrl(), late.get("device_code").asText()), 400, "expired_token");

        // A wrong code is refused on the page, with nothing approved.
        HttpResponse<String> wrong = erin.get("/device?user_code=BBBB-BBBB");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("That code is not valid");

        // Approved: tokens once, then invalid_grant.
        JsonNode ok = DeviceFlow.start(ic.baseUrl());
        assertThat(DeviceFlow.decide(erin, ok.get("user_code").asText(), true).body()).contains("Approved");
        HttpResponse<String> tokens = DeviceFlow.poll(ic.baseUrl(), ok.get("device_code").asText());
        assertThat(tokens.statusCode()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(DeviceFlow.json(tokens).get("token_type").asText()).isEqualTo("Bearer");
        CLOCK.advance(Duration.ofSeconds(10));
        assertError(DeviceFlow.poll(ic.baseUrl(), ok.get("device_code").asText()), 400, "invalid_grant");
        assertThat(ic.center().services().audit().recent(100)).extracting(e -> e.type())
                .contains("DEVICE_AUTHORIZATION", "DEVICE_DENIED", "DEVICE_APPROVED", "DEVICE_TOKEN_ISSUED", "DEVICE_CODE_REFUSED");
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsTheFamily() {
        TestData.user(ic, "rita", "rita@example.com");
        JsonNode first = DeviceFlow.tokens(ic.baseUrl(), Http.browser(ic.baseUrl()).signIn("rita", TestData.PASSWORD));
        assertThat(roles(first.get("access_token").asText())).isEqualTo(200);
        JsonNode second = DeviceFlow.json(refresh(first.get("refresh_token").asText()));
        assertThat(second.get("refresh_token").asText()).isNotEqualTo(first.get("refresh_token").asText());
        assertThat(roles(first.get("access_token").asText())).as("rotation ends the old access token").isEqualTo(401);
        assertThat(roles(second.get("access_token").asText())).isEqualTo(200);

        assertError(refresh(first.get("refresh_token").asText()), 400, "invalid_grant");
        assertThat(roles(second.get("access_token").asText())).as("reuse ends the whole family").isEqualTo(401);
        assertError(refresh(second.get("refresh_token").asText()), 400, "invalid_grant");
        assertThat(ic.center().services().audit().recent(50)).anyMatch(e -> e.type().equals("DEVICE_TOKEN_REUSE"));
    }

    @Test
    void passwordChangeConsoleAndUserRevocationEndTokens() {
        User paul = TestData.user(ic, "paul", "paul@example.com");
        Http browser = Http.browser(ic.baseUrl()).signIn("paul", TestData.PASSWORD);
        JsonNode byPassword = DeviceFlow.tokens(ic.baseUrl(), browser);
        ic.center().services().directory().setPassword("test", paul.id(), TestData.PASSWORD);
        assertThat(roles(byPassword.get("access_token").asText())).isEqualTo(401);
        assertError(refresh(byPassword.get("refresh_token").asText()), 400, "invalid_grant");

        browser = Http.browser(ic.baseUrl()).signIn("paul", TestData.PASSWORD);
        JsonNode byUser = DeviceFlow.tokens(ic.baseUrl(), browser);
        String list = browser.get("/account/devices").body();
        String id = list.replaceAll("(?s).*action=\"/account/devices/(ds-[0-9a-f]+)/revoke\".*", "$1");
        assertThat(id).startsWith("ds-");
        assertThat(browser.post("/account/devices/" + id + "/revoke", Map.of()).statusCode()).isEqualTo(303);
        assertThat(roles(byUser.get("access_token").asText())).isEqualTo(401);

        JsonNode byAdmin = DeviceFlow.tokens(ic.baseUrl(), browser);
        TestData.admin(ic, "ada");
        Http console = Http.browser(ic.baseUrl()).signIn("ada", TestData.PASSWORD);
        String sessions = console.get("/admin/device-sessions").body();
        assertThat(sessions).contains("paul");
        String adminId = sessions.replaceAll("(?s).*action=\"/admin/device-sessions/(ds-[0-9a-f]+)/revoke\".*", "$1");
        assertThat(console.post("/admin/device-sessions/" + adminId + "/revoke", Map.of()).statusCode()).isEqualTo(303);
        assertThat(roles(byAdmin.get("access_token").asText())).isEqualTo(401);
    }

    @Test
    void guessedCodesAreThrottledUnderAParallelBurst() throws Exception {
        TestData.user(ic, "gus", "gus@example.com");
        Http gus = Http.browser(ic.baseUrl()).signIn("gus", TestData.PASSWORD);
        gus.get("/account/devices");
        HttpRequest guess = HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/device?user_code=BBBB-CCCC"))
                .header("Cookie", gus.cookieHeader()).build();
        List<HttpResponse<String>> answers = Burst.send(Burst.times(30, guess));
        long wrong = answers.stream().filter(r -> r.body().contains("That code is not valid")).count();
        long throttled = answers.stream().filter(r -> r.body().contains("Too many wrong codes")).count();
        assertThat(wrong).isEqualTo(UserCodeThrottle.MAX_FAILURES);
        assertThat(throttled).isEqualTo(30 - UserCodeThrottle.MAX_FAILURES);
        // Even the right code is refused while the user is throttled.
        JsonNode real = DeviceFlow.start(ic.baseUrl());
        assertThat(gus.get("/device?user_code=" + real.get("user_code").asText()).body()).contains("Too many wrong codes");
    }

    private static HttpResponse<String> refresh(String refreshToken) {
        return DeviceFlow.post(ic.baseUrl(), "/oauth2/token", Map.of("grant_type", "refresh_token", "client_id", "gatehouse-cli",
                "refresh_token", refreshToken));
    }

    private static int roles(String accessToken) {
        return Http.exchange(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/me/aws-roles"))
                .header("Authorization", "Bearer " + accessToken).build()).statusCode();
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(DeviceFlow.json(response).get("error").asText()).isEqualTo(error);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
}
