package dev.gatehouse.awsemulator.signin;

import dev.gatehouse.awsemulator.sts.StsScenario;
import dev.gatehouse.samlxml.TestSamlResponses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console sign-in's RelayState when it holds an AWS console URL, and the headings of AWS's troubleshooting
 * guide on the pages of InvalidIdentityToken refusals.
 */
class ConsoleRelayStateTest {
    private static StsScenario scenario;

    @BeforeAll
    static void start() {
        scenario = StsScenario.start();
    }

    @AfterAll
    static void stop() {
        scenario.close();
    }

    private static HttpResponse<String> signIn(TestSamlResponses.Builder response, String relayState) {
        return scenario.post("/saml", relayState == null ? Map.of("SAMLResponse", response.base64())
                : Map.of("SAMLResponse", response.base64(), "RelayState", relayState), null);
    }

    private static String cookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("aws_console="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    private static String byId(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
        return m.find() ? m.group(1).trim() : null;
    }

    @Test
    void regionalConsoleUrlLandsOnAPageNamingTheConsoleAwsWouldOpen() {
        String url = "https://eu-west-1.console.aws.amazon.com/s3/buckets/reports?region=eu-west-1&tab=objects";
        HttpResponse<String> posted = signIn(scenario.response(), url);

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location"))
                .hasValue("/console/destination?relayState=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
        HttpResponse<String> page = scenario.get(posted.headers().firstValue("Location").orElseThrow(), cookie(posted));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(byId(page.body(), "destination-service")).isEqualTo("Amazon S3");
        assertThat(byId(page.body(), "destination-region")).isEqualTo("eu-west-1");
        assertThat(byId(page.body(), "destination-path")).isEqualTo("/s3/buckets/reports?region=eu-west-1&amp;tab=objects");
        assertThat(byId(page.body(), "assumed-role-arn")).startsWith("arn:aws:sts::123456789012:assumed-role/Demo/");
        assertThat(page.body()).doesNotContain("href=\"https://eu-west-1.console");
    }

    @Test
    void globalConsoleUrlTakesTheRegionFromItsQuery() {
        HttpResponse<String> posted = signIn(scenario.response(), "https://console.aws.amazon.com/ec2/home?region=us-west-2#Instances:");
        HttpResponse<String> page = scenario.get(posted.headers().firstValue("Location").orElseThrow(), cookie(posted));

        assertThat(byId(page.body(), "destination-service")).isEqualTo("Amazon EC2");
        assertThat(byId(page.body(), "destination-region")).isEqualTo("us-west-2");
        assertThat(ConsoleDestination.parse("https://console.aws.amazon.com/").orElseThrow().service()).isEqualTo("Console Home");
        assertThat(ConsoleDestination.parse("https://console.aws.amazon.com/iam/home#/roles").orElseThrow().region()).isNull();
    }

    @Test
    void otherRelayStatesAreIgnoredForConsoleHome() {
        for (String other : new String[]{"https://console.aws.amazon.com.evil.example/s3/", "http://console.aws.amazon.com/s3/",
                "https://evil.example/?next=https://console.aws.amazon.com/", "https://user@console.aws.amazon.com/s3/",
                "https://console.aws.amazon.com:8443/s3/", "javascript:alert(1)", "https://signin.aws.amazon.com/saml"}) {
            HttpResponse<String> posted = signIn(scenario.response(), other);
            assertThat(posted.statusCode()).as(other).isEqualTo(303);
            assertThat(posted.headers().firstValue("Location")).as(other).hasValue("/console/home");
        }
    }

    @Test
    void destinationPageWithoutAConsoleUrlGoesHomeAndWithoutASessionToSignIn() {
        String session = cookie(signIn(scenario.response(), null));
        HttpResponse<String> garbage = scenario.get("/console/destination?relayState=not%20a%20url", session);
        assertThat(garbage.statusCode()).isEqualTo(303);
        HttpResponse<String> foreign = scenario.get("/console/destination?relayState=https%3A%2F%2Fevil.example%2F", session);
        assertThat(foreign.statusCode()).isEqualTo(303);
        assertThat(foreign.headers().firstValue("Location")).hasValue("/console/home");
        HttpResponse<String> anonymous = scenario.get("/console/destination?relayState=https%3A%2F%2Fconsole.aws.amazon.com%2F", null);
        assertThat(anonymous.statusCode()).isBetween(300, 403);
    }

    @Test
    void invalidIdentityTokenPagesCarryAwsDocumentedHeadings() {
        HttpResponse<String> unsigned = signIn(scenario.response().unsigned(), null);
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(byId(unsigned.body(), "error-heading")).isEqualTo(
                "Error: Response signature invalid (Service: AWSSecurityTokenService; Status Code: 400; Error Code: InvalidIdentityToken)");

        HttpResponse<String> noSessionName = signIn(scenario.response().attribute(TestSamlResponses.ROLE_SESSION_NAME), null);
        assertThat(byId(noSessionName.body(), "error-heading")).isEqualTo(
                "Error: RoleSessionName is required in AuthnResponse (Service: AWSSecurityTokenService; Status Code: 400; Error Code: InvalidIdentityToken)");

        HttpResponse<String> badSessionName = signIn(scenario.response().sessionName("a b"), null);
        assertThat(byId(badSessionName.body(), "error-heading")).isEqualTo("Error: RoleSessionName in AuthnResponse must match "
                + "[a-zA-Z_0-9+=,.@-]{2,64} (Service: AWSSecurityTokenService; Status Code: 400; Error Code: InvalidIdentityToken)");

        HttpResponse<String> otherIssuer = signIn(scenario.response().issuer("https://other.example/idp"), null);
        assertThat(byId(otherIssuer.body(), "error-heading")).startsWith("Error: Failed to assume role: Issuer not present in specified "
                + "provider (Service: AWSOpenIdDiscoveryService; Status Code: 400; Error Code: AuthSamlInvalidSamlResponseException");
        assertThat(otherIssuer.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("aws_console="));
    }
}
