package dev.gatehouse.awsside;

import dev.gatehouse.TestIdentityCenter;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The error decoder reads AWS's own words: the guide's two troubleshooting rows and the STS refusals. */
class AwsErrorDecoderTest {

    @Test
    void theGuidesTroubleshootingRowsAndStsRefusalsNameTheirCausesAndChecks() {
        assertThat(checks("An error occurred (AccessDenied) when calling the AssumeRoleWithSAML operation: Not authorized to perform sts:AssumeRoleWithSAML"))
                .contains("role-exists", "trust-provider", "trust-audience", "trust-session-tags");
        assertThat(checks("Your request included an invalid SAML response. To logout, click here."))
                .contains("provider-metadata", "provider-certificate");
        assertThat(checks("InvalidIdentityToken: Specified provider doesn't exist.")).contains("provider-exists");
        assertThat(checks("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}")).containsExactly("role-session-name");
        assertThat(checks("ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role."))
                .contains("max-session-duration");
        assertThat(checks("InvalidClientTokenId: The security token included in the request is invalid.")).containsExactly("connection");
        // The emulator's two refusals of encrypted assertions (awsemulator.sts.AssumeRoleWithSaml).
        assertThat(checks("InvalidIdentityToken: Unable to decrypt the encrypted SAML assertion with the provider's private keys."))
                .contains("encryption");
        assertThat(checks("The SAML provider requires encrypted assertions; the response carries a plaintext assertion."))
                .contains("encryption", "acs-url");
        assertThat(AwsErrorDecoder.decode("The weather is fine today.")).isEmpty();
        assertThat(AwsErrorDecoder.decode("   ")).isEmpty();
    }

    @Test
    void theDecoderPageAndApiAnswerAndRefuseAnEmptyQuestion() {
        try (TestIdentityCenter ic = TestIdentityCenter.start()) {
            HttpResponse<String> json = ic.send(ic.admin("/api/aws-errors?text=" + URLEncoder.encode(
                    "Response signature invalid", StandardCharsets.UTF_8)).build());
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.body()).contains("\"check\":\"provider-certificate\"");
            assertThat(ic.send(ic.admin("/api/aws-errors").build()).statusCode()).isEqualTo(400);
            assertThat(ic.send(ic.admin("/api/aws-errors?text=" + "x".repeat(20_000)).build()).statusCode()).isLessThan(500);
        }
    }

    private static List<String> checks(String text) {
        return AwsErrorDecoder.decode(text).stream().flatMap(d -> d.causes().stream()).map(AwsErrorDecoder.Cause::check).toList();
    }
}
