package dev.gatehouse.signin;

import dev.gatehouse.security.ClockedCenter;
import dev.gatehouse.testing.Burst;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parallel wrong codes on one second-factor challenge: each code reserves one of the challenge's 5 attempts in the
 * database before it is checked, so a burst evaluates at most 5 (counted as {@code mfa-failed} in the audit log).
 */
class MfaBurstTest {
    private static final Pattern SECRET = Pattern.compile("data-secret=\"([A-Z2-7]+)\"");

    private ClockedCenter ic;

    @BeforeEach
    void start() {
        ic = ClockedCenter.start();
        ic.user("alice");
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void burstOfFortyWrongCodesOnOneChallengeEvaluatesAtMostFiveAndTheChallengeIsGone() throws Exception {
        String secret = enrol(Http.browser(ic.baseUrl()).signIn("alice", ClockedCenter.PASSWORD));
        ic.clock().advance(Duration.ofSeconds(30));
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/");
        assertThat(browser.post("/login", Map.of("username", "alice", "password", ClockedCenter.PASSWORD)).statusCode()).isEqualTo(303);
        String csrf = Http.csrfOf(browser.get("/login/mfa").body());
        String wrong = wrongCode(secret);

        List<HttpResponse<String>> answers = Burst.send(Burst.times(40, HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/login/mfa"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", browser.cookieHeader())
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(Map.of("code", wrong, "_csrf", csrf)))).build()));

        // 401 for a code checked or refused while the challenge is open, 303 back to the sign-in form once it is gone;
        // never a 5xx. Which of them a checked code gets is a race (the fifth refusal can end the challenge before the
        // first refused request looks whether it is still open), so only the count of checked codes below is exact.
        assertThat(answers).extracting(HttpResponse::statusCode).allMatch(s -> s == 401 || s == 303);
        long evaluated = ic.audit("SIGN_IN_FAILED").stream().filter(e -> e.detail().contains("reason=mfa-failed")).count();
        assertThat(evaluated).isBetween(1L, (long) SignInFlow.MAX_CODE_ATTEMPTS);
        browser.post("/login/mfa", Map.of("code", MfaSignInTest.oathtool(secret, ic.clock().instant())));
        assertThat(browser.get("/").body()).contains("id=\"signin-form\"").doesNotContain("Welcome,");
        assertThat(ic.audit("SIGN_IN")).hasSize(1); // only the enrolling sign-in
    }

    private String enrol(Http browser) {
        browser.get("/account/mfa");
        assertThat(browser.post("/account/mfa/setup", Map.of()).statusCode()).isEqualTo(303);
        Matcher m = SECRET.matcher(browser.get("/account/mfa").body());
        assertThat(m.find()).isTrue();
        String secret = m.group(1);
        assertThat(browser.post("/account/mfa/confirm", Map.of("code", MfaSignInTest.oathtool(secret, ic.clock().instant())))
                .statusCode()).isEqualTo(200);
        return secret;
    }

    /** A six-digit code that none of the three accepted steps (now, and one either side) produces. */
    private String wrongCode(String secret) {
        Set<String> valid = Set.of(MfaSignInTest.oathtool(secret, ic.clock().instant().minusSeconds(30)),
                MfaSignInTest.oathtool(secret, ic.clock().instant()),
                MfaSignInTest.oathtool(secret, ic.clock().instant().plusSeconds(30)));
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", i);
            if (!valid.contains(candidate)) {
                return candidate;
            }
        }
    }
}
