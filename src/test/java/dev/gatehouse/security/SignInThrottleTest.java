package dev.gatehouse.security;

import dev.gatehouse.testing.Http;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.UserDraft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in throttling per account and per client address, and one message for every kind of failure. */
class SignInThrottleTest {
    private static final Pattern ERROR = Pattern.compile("id=\"signin-error\">([^<]*)<");
    private static final String WRONG = "not the password at all";

    private ClockedCenter ic;

    @BeforeEach
    void start() {
        ic = ClockedCenter.start();
        ic.user("alice");
        ic.admin("root");
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    private HttpResponse<String> portalSignIn(String userName, String password) {
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/");
        return browser.post("/login", Map.of("username", userName, "password", password));
    }

    private HttpResponse<String> adminSignIn(String userName, String password) {
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/admin/login");
        return browser.post("/admin/login", Map.of("username", userName, "password", password));
    }

    private static String error(HttpResponse<String> response) {
        Matcher m = ERROR.matcher(response.body());
        return m.find() ? m.group(1) : null;
    }

    /** The page without what legitimately differs: the typed name and the browser's own CSRF token. */
    private static String page(HttpResponse<String> response, String typedName) {
        return response.body().replace("value=\"" + typedName + "\"", "value=\"X\"")
                .replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }

    private String lastFailureDetail() {
        return ic.audit("SIGN_IN_FAILED").get(0).detail();
    }

    @Test
    void signInWhenFiveFailuresForAccountThenRightPasswordRefusedWithTheSameMessage() {
        HttpResponse<String> wrong = null;
        for (int i = 0; i < 5; i++) {
            wrong = portalSignIn("alice", WRONG);
            assertThat(wrong.statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = portalSignIn("alice", ClockedCenter.PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(401);
        assertThat(error(throttled)).isEqualTo(error(wrong)).isEqualTo("The user name or password is not correct.");
        assertThat(lastFailureDetail()).contains("reason=throttled");
        assertThat(ic.audit("SIGN_IN")).isEmpty();
    }

    @Test
    void signInWhenThrottledThenUserNameCaseDoesNotEscapeTheCounter() {
        for (int i = 0; i < 5; i++) {
            portalSignIn(i % 2 == 0 ? "ALICE" : "alice", WRONG);
        }

        assertThat(portalSignIn("Alice", ClockedCenter.PASSWORD).statusCode()).isEqualTo(401);
        assertThat(lastFailureDetail()).contains("reason=throttled");
    }

    @Test
    void signInWhenBackOffWindowHasPassedThenRightPasswordWorksAgain() {
        for (int i = 0; i < 5; i++) {
            portalSignIn("alice", WRONG);
        }
        ic.clock().advance(Duration.ofMinutes(14));
        assertThat(portalSignIn("alice", ClockedCenter.PASSWORD).statusCode()).isEqualTo(401);

        ic.clock().advance(Duration.ofMinutes(2));

        assertThat(portalSignIn("alice", ClockedCenter.PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void signInWhenFourFailuresThenSuccessResetsTheAccountCounter() {
        for (int i = 0; i < 4; i++) {
            portalSignIn("alice", WRONG);
        }
        assertThat(portalSignIn("alice", ClockedCenter.PASSWORD).statusCode()).isEqualTo(303);
        for (int i = 0; i < 4; i++) {
            portalSignIn("alice", WRONG);
        }

        assertThat(portalSignIn("alice", ClockedCenter.PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void signInWhenTwentyFailuresFromOneAddressThenEveryAccountIsRefusedFromIt() {
        for (int i = 0; i < 20; i++) {
            assertThat(portalSignIn("guess" + i, WRONG).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> response = portalSignIn("alice", ClockedCenter.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(lastFailureDetail()).contains("reason=throttled").contains("from 127.0.0.1");
    }

    @Test
    void signInFailuresAreAuditedWithTheirRealReasonButLookTheSame() {
        ic.center().services().directory().createUser("test",
                new UserDraft("gone", "gone@example.com", null, null, null, false, false), ClockedCenter.PASSWORD);

        HttpResponse<String> unknown = portalSignIn("nobody", ClockedCenter.PASSWORD);
        String unknownReason = lastFailureDetail();
        HttpResponse<String> wrong = portalSignIn("alice", WRONG);
        String wrongReason = lastFailureDetail();
        HttpResponse<String> inactive = portalSignIn("gone", ClockedCenter.PASSWORD);
        String inactiveReason = lastFailureDetail();

        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(inactive.statusCode()).isEqualTo(401);
        assertThat(error(unknown)).isEqualTo(error(wrong)).isEqualTo(error(inactive)).isNotBlank();
        assertThat(page(unknown, "nobody")).isEqualTo(page(wrong, "alice")).isEqualTo(page(inactive, "gone"));
        assertThat(unknownReason).contains("portal").contains("reason=unknown-user");
        assertThat(wrongReason).contains("reason=wrong-password");
        assertThat(inactiveReason).contains("reason=inactive");
        assertThat(ic.audit("SIGN_IN_FAILED")).extracting(AuditLog.Event::detail).noneMatch(d -> d.contains(WRONG));
    }

    @Test
    void adminSignInWhenThrottledThenRefusedWithTheSameMessageAsAWrongPassword() {
        HttpResponse<String> wrong = null;
        for (int i = 0; i < 5; i++) {
            wrong = adminSignIn("root", WRONG);
        }

        HttpResponse<String> throttled = adminSignIn("root", ClockedCenter.PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(401);
        assertThat(error(throttled)).isEqualTo(error(wrong)).isNotBlank();
        assertThat(lastFailureDetail()).contains("admin console").contains("reason=throttled");
    }

    @Test
    void adminSignInWhenNotAdministratorThenAuditedAsSuchAndRefusedLikeAWrongPassword() {
        HttpResponse<String> notAdmin = adminSignIn("alice", ClockedCenter.PASSWORD);
        String reason = lastFailureDetail();
        HttpResponse<String> wrong = adminSignIn("root", WRONG);

        assertThat(notAdmin.statusCode()).isEqualTo(401);
        assertThat(error(notAdmin)).isEqualTo(error(wrong));
        assertThat(reason).contains("reason=not-admin");
    }

    @Test
    void throttleCountersAreSharedByNodesOnOneDatabase() {
        IdentityCenterConfig second = IdentityCenterConfig.of(0, ic.center().config().dataDir(), ic.center().config().jdbcUrl(), null);
        try (IdentityCenter other = IdentityCenter.start(second, ic.clock())) {
            for (int i = 0; i < 5; i++) {
                portalSignIn("alice", WRONG);
            }
            Http browser = Http.browser("http://localhost:" + other.port());
            browser.get("/");

            HttpResponse<String> response = browser.post("/login", Map.of("username", "alice", "password", ClockedCenter.PASSWORD));

            assertThat(response.statusCode()).isEqualTo(401);
        }
    }
}
