package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.samlxml.TestSamlResponses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.gatehouse.awsemulator.sts.StsScenario.xml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SAML bindings §3.5.5.2: a Response's Destination, when present, must name the endpoint that received it, here an
 * AWS sign-in URL or the emulator's own {@code /saml}, on AssumeRoleWithSAML and on the console sign-in alike.
 */
class ResponseDestinationTest {
    private static final String MESSAGE = "The Destination of the response is not an AWS sign-in endpoint.";
    private static StsScenario scenario;

    @BeforeAll
    static void start() {
        scenario = StsScenario.start();
    }

    @AfterAll
    static void stop() {
        scenario.close();
    }

    @Test
    void assumeWhenDestinationNamesAnotherEndpointThenInvalidIdentityTokenWhetherOrNotTheResponseIsSigned() {
        for (boolean signResponse : new boolean[]{true, false}) {
            TestSamlResponses.Builder response = scenario.response().destination("https://sp.example/acs");
            if (signResponse) {
                response.signResponse(true);
            }
            HttpResponse<String> r = scenario.assume(response.base64());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(xml(r.body(), "Code")).isEqualTo("InvalidIdentityToken");
            assertThat(xml(r.body(), "Message")).isEqualTo(MESSAGE);
        }
    }

    @Test
    void assumeWhenDestinationIsAbsentOrAnAwsSigninEndpointThenAccepted() {
        HttpResponse<String> absent = scenario.assume(scenario.response().destination(null).signResponse(true).base64());
        HttpResponse<String> aws = scenario.assume(scenario.response().destination(TestSamlResponses.AWS_SIGNIN).base64());
        HttpResponse<String> regional = scenario.assume(scenario.response()
                .destination("https://eu-west-1.signin.aws.amazon.com/saml").base64());
        HttpResponse<String> own = scenario.assume(scenario.response().destination(scenario.aws.baseUrl() + "/saml").base64());

        assertThat(absent.statusCode()).as(absent.body()).isEqualTo(200);
        assertThat(aws.statusCode()).as(aws.body()).isEqualTo(200);
        assertThat(regional.statusCode()).as(regional.body()).isEqualTo(200);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    @Test
    void consoleSignInWhenDestinationNamesAnotherEndpointThenInvalidResponsePageAndNoSession() {
        HttpResponse<String> wrong = scenario.post("/saml", Map.of("SAMLResponse",
                scenario.response().destination("https://sp.example/acs").signResponse(true).base64()), null);
        HttpResponse<String> absent = scenario.post("/saml", Map.of("SAMLResponse",
                scenario.response().destination(null).base64()), null);

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Your request included an invalid SAML response.").contains(MESSAGE);
        assertThat(wrong.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("aws_console="));
        assertThat(absent.statusCode()).as(absent.body()).isEqualTo(303);
        assertThat(absent.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("aws_console="));
    }
}
