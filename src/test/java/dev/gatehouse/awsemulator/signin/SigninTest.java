package dev.gatehouse.awsemulator.signin;

import dev.gatehouse.testing.Http;
import dev.gatehouse.awsemulator.sts.StsScenario;
import dev.gatehouse.samlxml.TestSamlResponses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.gatehouse.awsemulator.sts.StsScenario.PROVIDER_ARN;
import static dev.gatehouse.awsemulator.sts.StsScenario.READONLY_ARN;
import static dev.gatehouse.awsemulator.sts.StsScenario.ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

/** Console sign-in through {@code POST /saml}, as a browser posting an IdP's form would do it. */
class SigninTest {
    private static final String INVALID = "Your request included an invalid SAML response. To logout, <a href=\"/console/signin\">click here</a>.";
    private static StsScenario scenario;

    @BeforeAll
    static void start() {
        scenario = StsScenario.start();
    }

    @AfterAll
    static void stop() {
        scenario.close();
    }

    private static HttpResponse<String> postSaml(String samlResponse, String relayState, String roleIndex) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SAMLResponse", samlResponse);
        if (relayState != null) {
            form.put("RelayState", relayState);
        }
        if (roleIndex != null) {
            form.put("roleIndex", roleIndex);
        }
        return scenario.post("/saml", form, null);
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("aws_console="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    private static String byId(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
        return m.find() ? m.group(1).trim() : null;
    }

    @Test
    void samlWhenOneRoleThenSignsStraightInAndHomeShowsTheSession() {
        HttpResponse<String> posted = postSaml(scenario.response().sessionName("alice@example.com").base64(), null, null);

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location")).hasValue("/console/home");
        assertThat(posted.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("aws_console=").contains("HttpOnly"));

        HttpResponse<String> home = scenario.get("/console/home", sessionCookie(posted));
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(byId(home.body(), "assumed-role-arn")).isEqualTo("arn:aws:sts::123456789012:assumed-role/Demo/alice@example.com");
        assertThat(byId(home.body(), "session-name")).isEqualTo("alice@example.com");
        assertThat(byId(home.body(), "account-id")).isEqualTo("123456789012");
        assertThat(byId(home.body(), "session-expiry")).endsWith("UTC");
        assertThat(home.body()).contains("DemoS3Read").contains("DemoEc2Describe").contains("Sign out");
    }

    @Test
    void samlWhenTwoRolesThenChooserLikeAwsAndRepostWithRoleIndexSignsIn() {
        String assertion = scenario.response().role(READONLY_ARN, PROVIDER_ARN).base64();

        HttpResponse<String> chooser = postSaml(assertion, "/console/home?from=idp", null);

        assertThat(chooser.statusCode()).isEqualTo(200);
        String html = chooser.body();
        assertThat(html).contains("<form id=\"saml_form\" name=\"saml_form\" action=\"/saml\" method=\"post\">");
        assertThat(html).contains("<div class=\"saml-account-name\">Account: 123456789012</div>");
        assertThat(html).contains("<input type=\"radio\" name=\"roleIndex\" value=\"" + ROLE_ARN + "\" id=\"" + ROLE_ARN + "\"");
        assertThat(html).contains("<input type=\"radio\" name=\"roleIndex\" value=\"" + READONLY_ARN + "\" id=\"" + READONLY_ARN + "\"");
        assertThat(html).contains("<label for=\"" + READONLY_ARN + "\" class=\"saml-role-description\">ReadOnly</label>");
        assertThat(html).contains("id=\"signin_button\">Sign In</button>");
        assertThat(html).contains("name=\"SAMLResponse\" value=\"" + assertion + "\"");

        HttpResponse<String> chosen = postSaml(assertion, "/console/home?from=idp", READONLY_ARN);

        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(303);
        assertThat(chosen.headers().firstValue("Location")).hasValue("/console/home?from=idp");
        HttpResponse<String> home = scenario.get("/console/home", sessionCookie(chosen));
        assertThat(byId(home.body(), "assumed-role-arn")).isEqualTo("arn:aws:sts::123456789012:assumed-role/ReadOnly/alice@example.com");
    }

    @Test
    void samlWhenSessionDurationAboveRoleMaximumThenSignsInCappedAtTheMaximum() {
        HttpResponse<String> posted = postSaml(scenario.response().role(READONLY_ARN, PROVIDER_ARN)
                .attribute(TestSamlResponses.SESSION_DURATION, "43200").base64(), null, READONLY_ARN);

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
        String expiry = byId(scenario.get("/console/home", sessionCookie(posted)).body(), "session-expiry");
        Instant expires = java.time.LocalDateTime.parse(expiry.replace(" UTC", "").replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
        assertThat(expires).isBefore(Instant.now().plus(61, ChronoUnit.MINUTES));
    }

    @Test
    void samlWhenRelayStateIsAnotherSiteThenHomeInstead() {
        HttpResponse<String> posted = postSaml(scenario.response().base64(), "//evil.example/steal", null);

        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location")).hasValue("/console/home");
        assertThat(SigninHandlers.safeRelayState("https://evil.example/")).isEmpty();
        assertThat(SigninHandlers.safeRelayState("/\\evil.example")).isEmpty();
    }

    @Test
    void samlWhenNoRoleAttributeOrGarbageThenAwsInvalidResponsePage() {
        for (String bad : new String[]{IdpOnly.noRole(), "not base64 at all", "", TestSamlResponses.base64("<x/>")}) {
            HttpResponse<String> r = postSaml(bad, null, null);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).contains(INVALID).contains("id=\"error-message\"");
        }
        HttpResponse<String> missing = scenario.post("/saml", Map.of("RelayState", "/x"), null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains(INVALID);
    }

    @Test
    void samlWhenBodyIsNotAFormThenFourHundredNotFiveHundred() {
        for (String type : new String[]{"multipart/form-data; boundary=x", "application/json", "application/x-www-form-urlencoded"}) {
            HttpResponse<String> r = scenario.aws.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(scenario.aws.baseUrl() + "/saml"))
                    .header("Content-Type", type).POST(java.net.http.HttpRequest.BodyPublishers.ofString("garbage%zz&=")).build());
            assertThat(r.statusCode()).as(type).isBetween(400, 499);
        }
    }

    @Test
    void samlWhenSignatureInvalidThenInvalidResponsePageWithStsReason() {
        HttpResponse<String> r = postSaml(scenario.response().unsigned().base64(), null, null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains(INVALID);
        assertThat(byId(r.body(), "error-detail")).isEqualTo("Response signature invalid");
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("aws_console="));
    }

    @Test
    void samlWhenStsRefusesThenAwsTextWithServiceAndCode() {
        String wrongCase = "arn:aws:iam::123456789012:role/demo";
        HttpResponse<String> denied = postSaml(StsScenario.IDP.response().recipient(scenario.aws.baseUrl() + "/saml")
                .role(wrongCase, PROVIDER_ARN).base64(), null, null);

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(byId(denied.body(), "error-message")).startsWith("Not authorized to perform sts:AssumeRoleWithSAML "
                + "(Service: AWSSecurityTokenService; Status Code: 403; Error Code: AccessDenied; Request ID: ").endsWith("). Please try again.");

        HttpResponse<String> expired = postSaml(scenario.response().now(Instant.now().minus(3, ChronoUnit.HOURS)).base64(), null, null);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(byId(expired.body(), "error-message")).startsWith("Response has expired (Service: AWSSecurityTokenService; "
                + "Status Code: 400; Error Code: ExpiredTokenException; Request ID: ");
    }

    @Test
    void samlWhenRoleIndexNotAmongTheRolesThenInvalidResponsePage() {
        HttpResponse<String> r = postSaml(scenario.response().base64(), null, "arn:aws:iam::123456789012:role/Admin");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains(INVALID);
    }

    @Test
    void homeWhenSignedOutThenBackToSignIn() {
        HttpResponse<String> posted = postSaml(scenario.response().base64(), null, null);
        String cookie = sessionCookie(posted);
        HttpResponse<String> home = scenario.get("/console/home", cookie);
        HttpResponse<String> out = scenario.post("/console/logout", Map.of("_csrf", Http.csrfOf(home.body())), cookie);

        assertThat(out.statusCode()).isEqualTo(303);
        HttpResponse<String> after = scenario.get("/console/home", cookie);
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/console/signin"));
    }

    /** Responses without the Role attribute. */
    private static final class IdpOnly {
        static String noRole() {
            return StsScenario.IDP.response().recipient(scenario.aws.baseUrl() + "/saml").base64();
        }
    }
}
