package dev.gatehouse.signin;

import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Peers;
import dev.gatehouse.testing.PostBindingPage;
import dev.gatehouse.security.ClockedCenter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** TOTP enrolment and the code step of signing in, over HTTP, with codes computed by oathtool. */
class MfaSignInTest {
    private static final Pattern SECRET = Pattern.compile("data-secret=\"([A-Z2-7]+)\"");
    private static final Pattern AUTHN_CONTEXT_CLASS_REF = Pattern.compile("<(?:saml2?:)?AuthnContextClassRef>([^<]+)</");
    private static final Pattern CODE = Pattern.compile("<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code></li>");

    private ClockedCenter ic;
    private User alice;

    @BeforeEach
    void start() {
        ic = ClockedCenter.start();
        alice = ic.user("alice");
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    /** The code oathtool computes for {@code secret} at {@code at}: an independent RFC 6238 implementation. */
    static String oathtool(String secret, Instant at) {
        String tool = Peers.executable("/usr/bin/oathtool", "oathtool");
        String now = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(at) + " UTC";
        Peers.Result result = Peers.run(List.of(tool, "--totp", "-b", "--now", now, secret), Map.of(), null);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().trim();
    }

    private Http signedIn(String userName) {
        return Http.browser(ic.baseUrl()).signIn(userName, ClockedCenter.PASSWORD);
    }

    /** Enrols through the pages; returns the secret and the recovery codes shown once. */
    private Enrolment enrol(Http browser) {
        browser.get("/account/mfa");
        assertThat(browser.post("/account/mfa/setup", Map.of()).statusCode()).isEqualTo(303);
        HttpResponse<String> page = browser.get("/account/mfa");
        Matcher m = SECRET.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        String secret = m.group(1);
        HttpResponse<String> confirmed = browser.post("/account/mfa/confirm", Map.of("code", oathtool(secret, ic.clock().instant())));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        Matcher c = CODE.matcher(confirmed.body());
        while (c.find()) {
            codes.add(c.group(1));
        }
        return new Enrolment(secret, codes);
    }

    record Enrolment(String secret, List<String> recoveryCodes) {
    }

    /** Password step; returns the browser, now holding the challenge cookie but no session. */
    private Http passwordStep(String path, String userName) {
        Http browser = Http.browser(ic.baseUrl());
        browser.get(path);
        HttpResponse<String> response = browser.post(path.equals("/") ? "/login" : path,
                Map.of("username", userName, "password", ClockedCenter.PASSWORD));
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue(path.startsWith("/admin") ? "/admin/login/mfa" : "/login/mfa");
        return browser;
    }

    @Test
    void enrolWhenConfirmedWithOathtoolCodeThenShowsTenRecoveryCodesOnceAndAsksForCodeAtSignIn() {
        Http browser = signedIn("alice");
        HttpResponse<String> pending = browser.get("/account/mfa");
        assertThat(pending.body()).contains("data-status=\"NONE\"");

        Enrolment enrolment = enrol(browser);

        assertThat(enrolment.secret()).hasSize(32);
        assertThat(enrolment.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
        assertThat(browser.get("/account/mfa").body()).contains("data-status=\"ON\"").doesNotContain(enrolment.recoveryCodes().get(0))
                .doesNotContain(enrolment.secret());
        assertThat(ic.audit("MFA_ENROLLED")).hasSize(1);
        passwordStep("/", "alice");
    }

    @Test
    void enrolPageWhenPendingThenShowsQrCodeAsInlineSvgAndTheTypedSecret() {
        Http browser = signedIn("alice");
        browser.get("/account/mfa");
        browser.post("/account/mfa/setup", Map.of());

        HttpResponse<String> page = browser.get("/account/mfa");

        assertThat(page.body()).contains("src=\"data:image/svg+xml;base64,").contains("id=\"mfa-secret\"");
        Matcher m = Pattern.compile("src=\"data:image/svg\\+xml;base64,([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        String svg = new String(java.util.Base64.getDecoder().decode(m.group(1)), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("<path");
    }

    @Test
    void enrolWhenStoredThenSecretIsSealedUnderTheMasterKeyNotInPlainText() {
        Http browser = signedIn("alice");
        Enrolment enrolment = enrol(browser);

        String stored = ic.center().database().jdbi().withHandle(h ->
                h.createQuery("SELECT secret FROM mfa_enrolments").mapTo(String.class).one());

        assertThat(stored).doesNotContain(enrolment.secret());
        assertThat(dev.gatehouse.keys.MasterKey.isSealed(stored)).isTrue();
        String hashes = ic.center().database().jdbi().withHandle(h ->
                h.createQuery("SELECT code_hash FROM mfa_recovery_codes").mapTo(String.class).list()).toString();
        assertThat(hashes).doesNotContain(enrolment.recoveryCodes().get(0)).doesNotContain(enrolment.recoveryCodes().get(0).replace("-", ""));
    }

    @Test
    void enrolWhenWrongCodeThenStaysOffAndAuditsFailure() {
        Http browser = signedIn("alice");
        browser.get("/account/mfa");
        browser.post("/account/mfa/setup", Map.of());
        browser.get("/account/mfa");

        HttpResponse<String> response = browser.post("/account/mfa/confirm", Map.of("code", "000000"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("data-status=\"PENDING\"");
        assertThat(ic.audit("MFA_ENROLLED")).isEmpty();
        assertThat(ic.audit("MFA_FAILED")).hasSize(1);
    }

    @Test
    void signInWhenPasswordRightAndCodeRightThenSignedInAndSecondFactorAudited() {
        Enrolment enrolment = enrol(signedIn("alice"));
        ic.clock().advance(Duration.ofSeconds(30));
        Http browser = passwordStep("/", "alice");
        assertThat(browser.get("/login/mfa").body()).contains("id=\"mfa-code-form\"");

        HttpResponse<String> response = browser.post("/login/mfa", Map.of("code", oathtool(enrolment.secret(), ic.clock().instant())));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(browser.get("/").body()).contains("Welcome,");
        assertThat(ic.audit("MFA_VERIFIED")).hasSize(1);
        assertThat(ic.audit("SIGN_IN").get(0).detail()).contains("password+totp");
    }

    @Test
    void signInWhenOnlyPasswordGivenThenNotSignedIn() {
        enrol(signedIn("alice"));

        Http browser = passwordStep("/", "alice");

        assertThat(browser.get("/").body()).contains("id=\"signin-form\"").doesNotContain("Welcome,");
        assertThat(browser.get("/account/mfa").statusCode()).isEqualTo(303);
    }

    @Test
    void signInWhenWrongCodeThen401AndFailureAuditedAsMfaFailed() {
        enrol(signedIn("alice"));
        Http browser = passwordStep("/", "alice");

        HttpResponse<String> response = browser.post("/login/mfa", Map.of("code", "123456"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("That code is not correct.");
        assertThat(ic.audit("SIGN_IN_FAILED").get(0).detail()).contains("reason=mfa-failed");
        assertThat(ic.audit("MFA_FAILED")).isNotEmpty();
        assertThat(browser.get("/").body()).doesNotContain("Welcome,");
    }

    @Test
    void signInWhenSameCodeUsedTwiceThenSecondUseRefused() {
        Enrolment enrolment = enrol(signedIn("alice"));
        ic.clock().advance(Duration.ofSeconds(30));
        String code = oathtool(enrolment.secret(), ic.clock().instant());
        assertThat(passwordStep("/", "alice").post("/login/mfa", Map.of("code", code)).statusCode()).isEqualTo(303);

        HttpResponse<String> replay = passwordStep("/", "alice").post("/login/mfa", Map.of("code", code));

        assertThat(replay.statusCode()).isEqualTo(401);
    }

    @Test
    void signInWhenCodeFromTwoStepsAwayThenRefusedButOneStepAwayAccepted() {
        Enrolment enrolment = enrol(signedIn("alice"));
        ic.clock().advance(Duration.ofMinutes(2));
        Instant now = ic.clock().instant();

        HttpResponse<String> tooOld = passwordStep("/", "alice").post("/login/mfa",
                Map.of("code", oathtool(enrolment.secret(), now.minusSeconds(60))));
        HttpResponse<String> oneBehind = passwordStep("/", "alice").post("/login/mfa",
                Map.of("code", oathtool(enrolment.secret(), now.minusSeconds(30))));

        assertThat(tooOld.statusCode()).isEqualTo(401);
        assertThat(oneBehind.statusCode()).isEqualTo(303);
    }

    @Test
    void signInWhenRecoveryCodeThenWorksOnceOnly() {
        Enrolment enrolment = enrol(signedIn("alice"));
        String recovery = enrolment.recoveryCodes().get(3);

        HttpResponse<String> first = passwordStep("/", "alice").post("/login/mfa", Map.of("code", recovery.toUpperCase()));
        HttpResponse<String> second = passwordStep("/", "alice").post("/login/mfa", Map.of("code", recovery));

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(second.statusCode()).isEqualTo(401);
        assertThat(ic.audit("MFA_RECOVERY_CODE_USED")).hasSize(1);
        assertThat(ic.audit("SIGN_IN").get(0).detail()).contains("password+recovery-code");
    }

    /** The AuthnContextClassRef of the assertion a launch of an assigned app posts, as the browser would send it. */
    private String authnContextClassRefOfLaunch(Http browser) {
        String app = ic.center().services().applications().create("test", new AppInput("external-aws-account", "Prod", "test",
                "https://signin.aws.amazon.com/saml", null, null, null)).app().id();
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, alice.id());
        HttpResponse<String> page = browser.get("/launch/" + app);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher ref = AUTHN_CONTEXT_CLASS_REF.matcher(PostBindingPage.xml(page.body()));
        assertThat(ref.find()).as("the assertion carries an AuthnContextClassRef").isTrue();
        return ref.group(1);
    }

    @Test
    void launchWhenSignedInWithPasswordOnlyThenAssertionSaysPasswordProtectedTransport() {
        String classRef = authnContextClassRefOfLaunch(signedIn("alice"));

        assertThat(classRef).isEqualTo("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
    }

    @Test
    void launchWhenSignedInWithPasswordAndTotpThenAssertionSaysRefedsMfa() {
        Enrolment enrolment = enrol(signedIn("alice"));
        ic.clock().advance(Duration.ofSeconds(30));
        Http browser = passwordStep("/", "alice");
        assertThat(browser.post("/login/mfa", Map.of("code", oathtool(enrolment.secret(), ic.clock().instant()))).statusCode())
                .isEqualTo(303);

        assertThat(authnContextClassRefOfLaunch(browser)).isEqualTo("https://refeds.org/profile/mfa");
    }

    @Test
    void launchWhenSignedInWithPasswordAndRecoveryCodeThenAssertionSaysRefedsMfa() {
        Enrolment enrolment = enrol(signedIn("alice"));
        Http browser = passwordStep("/", "alice");
        assertThat(browser.post("/login/mfa", Map.of("code", enrolment.recoveryCodes().get(0))).statusCode()).isEqualTo(303);

        assertThat(authnContextClassRefOfLaunch(browser)).isEqualTo("https://refeds.org/profile/mfa");
    }

    @Test
    void signInWhenChallengeOlderThanFiveMinutesThenBackToPassword() {
        Enrolment enrolment = enrol(signedIn("alice"));
        Http browser = passwordStep("/", "alice");
        ic.clock().advance(Duration.ofMinutes(6));

        HttpResponse<String> response = browser.post("/login/mfa", Map.of("code", oathtool(enrolment.secret(), ic.clock().instant())));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/");
        assertThat(browser.get("/").body()).contains("id=\"signin-form\"");
    }

    @Test
    void signInWhenFiveWrongCodesThenChallengeDroppedAndAccountThrottled() {
        Enrolment enrolment = enrol(signedIn("alice"));
        Http browser = passwordStep("/", "alice");
        for (int i = 0; i < 5; i++) {
            browser.post("/login/mfa", Map.of("code", "00000" + i));
        }

        HttpResponse<String> after = browser.post("/login/mfa", Map.of("code", oathtool(enrolment.secret(), ic.clock().instant())));
        Http again = Http.browser(ic.baseUrl());
        again.get("/");
        HttpResponse<String> password = again.post("/login", Map.of("username", "alice", "password", ClockedCenter.PASSWORD));

        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValue("/");
        assertThat(password.statusCode()).isEqualTo(401);
        assertThat(ic.audit("SIGN_IN_FAILED").get(0).detail()).contains("reason=throttled");
    }

    @Test
    void codeStepWhenPostedWithoutCsrfTokenThen403() {
        enrol(signedIn("alice"));
        Http browser = passwordStep("/", "alice");

        HttpResponse<String> response = browser.postRaw("/login/mfa", Map.of("code", "123456"));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void disableWhenCurrentCodeGivenThenOffAndAudited() {
        Http browser = signedIn("alice");
        Enrolment enrolment = enrol(browser);
        ic.clock().advance(Duration.ofSeconds(30));
        browser.get("/account/mfa");
        assertThat(browser.post("/account/mfa/disable", Map.of("code", "999999")).statusCode()).isEqualTo(400);

        HttpResponse<String> response = browser.post("/account/mfa/disable",
                Map.of("code", oathtool(enrolment.secret(), ic.clock().instant())));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(browser.get("/account/mfa").body()).contains("data-status=\"NONE\"");
        assertThat(ic.audit("MFA_DISABLED")).hasSize(1);
        assertThat(Http.browser(ic.baseUrl()).signIn("alice", ClockedCenter.PASSWORD)).isNotNull();
    }

    @Test
    void accountPageWhenAnonymousThenSentToSignIn() {
        HttpResponse<String> response = ic.center() == null ? null : Http.browser(ic.baseUrl()).send(
                HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/account/mfa")).GET().build());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElse("")).startsWith("/?next=");
    }
}
