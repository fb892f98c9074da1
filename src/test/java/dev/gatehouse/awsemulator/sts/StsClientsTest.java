package dev.gatehouse.awsemulator.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.AwsEmulator;
import dev.gatehouse.awsemulator.EmulatorConfig;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.MovableClock;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.gatehouse.awsemulator.sts.StsScenario.PROVIDER_ARN;
import static dev.gatehouse.awsemulator.sts.StsScenario.ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real AWS CLI v2 and AWS SDK for Java v2 as clients of the emulator's STS. */
class StsClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void cliAssumeRoleWithSamlThenGetCallerIdentityPrintsTheAssumedRole() throws IOException {
        Peers.Output assumed = scenario.aws.awsWithSession(null, null, null, "sts", "assume-role-with-saml",
                "--role-arn", ROLE_ARN, "--principal-arn", PROVIDER_ARN,
                "--saml-assertion", scenario.response().sessionName("alice@example.com").base64());
        assertThat(assumed.exitCode()).as(assumed.stderr()).isZero();
        JsonNode credentials = JSON.readTree(assumed.stdout()).get("Credentials");
        assertThat(JSON.readTree(assumed.stdout()).at("/AssumedRoleUser/Arn").asText())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/Demo/alice@example.com");

        Peers.Output who = scenario.aws.awsWithSession(credentials.get("AccessKeyId").asText(),
                credentials.get("SecretAccessKey").asText(), credentials.get("SessionToken").asText(), "sts", "get-caller-identity");

        assertThat(who.exitCode()).as(who.stderr()).isZero();
        JsonNode identity = JSON.readTree(who.stdout());
        assertThat(identity.get("Arn").asText()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Demo/alice@example.com");
        assertThat(identity.get("Account").asText()).isEqualTo("123456789012");
        assertThat(identity.get("UserId").asText()).matches("AROA[A-Z0-9]+:alice@example.com");
    }

    @Test
    void cliAssumeWithUnsignedAssertionThenExit254WithAwsMessage() {
        Peers.Output r = scenario.aws.awsWithSession(null, null, null, "sts", "assume-role-with-saml",
                "--role-arn", ROLE_ARN, "--principal-arn", PROVIDER_ARN, "--saml-assertion", scenario.response().unsigned().base64());

        assertThat(r.exitCode()).isEqualTo(254);
        assertThat(r.stderr()).contains("An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithSAML operation: Response signature invalid");
    }

    @Test
    void cliGetCallerIdentityWithRootKeysThenAccountRoot() throws IOException {
        Peers.Output r = scenario.aws.aws("sts", "get-caller-identity");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode identity = JSON.readTree(r.stdout());
        assertThat(identity.get("Arn").asText()).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(identity.get("UserId").asText()).isEqualTo("123456789012");
    }

    @Test
    void sdkAssumeRoleWithSamlAnonymouslyThenGetCallerIdentityWithSessionCredentials() {
        try (StsClient anonymous = client(AnonymousCredentialsProvider.create())) {
            AssumeRoleWithSamlResponse assumed = anonymous.assumeRoleWithSAML(b -> b.roleArn(ROLE_ARN).principalArn(PROVIDER_ARN)
                    .samlAssertion(scenario.response().sessionName("bob").base64()).durationSeconds(3600));
            assertThat(assumed.subjectType()).isEqualTo("persistent");
            assertThat(assumed.audience()).isEqualTo("https://signin.aws.amazon.com/saml");
            assertThat(assumed.credentials().expiration()).isAfter(Instant.now().plus(Duration.ofMinutes(55)));

            var c = assumed.credentials();
            try (StsClient session = client(StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))) {
                GetCallerIdentityResponse identity = session.getCallerIdentity();
                assertThat(identity.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Demo/bob");
                assertThat(identity.account()).isEqualTo("123456789012");
            }
        }
    }

    @Test
    void sessionTokenIsStoredOnlyAsItsSha256YetStillSignsCalls() throws Exception {
        try (StsClient anonymous = client(AnonymousCredentialsProvider.create())) {
            var c = anonymous.assumeRoleWithSAML(b -> b.roleArn(ROLE_ARN).principalArn(PROVIDER_ARN)
                    .samlAssertion(scenario.response().sessionName("carol").base64())).credentials();

            String stored = scenario.aws.emulator().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT * FROM sts_session_credential").mapToMap().list()).toString();
            String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(c.sessionToken().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(stored).contains(c.accessKeyId()).contains(sha256).doesNotContain(c.sessionToken())
                    .doesNotContain(c.sessionToken().substring(4, 40));

            try (StsClient session = client(StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))) {
                assertThat(session.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Demo/carol");
            }
            try (StsClient hashInstead = client(StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), sha256)))) {
                assertThatThrownBy(hashInstead::getCallerIdentity).isInstanceOf(StsException.class);
            }
        }
    }

    @Test
    void sdkAssumeWithWrongIssuerThenInvalidIdentityTokenException() {
        try (StsClient anonymous = client(AnonymousCredentialsProvider.create())) {
            assertThatThrownBy(() -> anonymous.assumeRoleWithSAML(b -> b.roleArn(ROLE_ARN).principalArn(PROVIDER_ARN)
                    .samlAssertion(scenario.response().issuer("https://other.test").base64())))
                    .isInstanceOf(InvalidIdentityTokenException.class)
                    .hasMessageContaining("Issuer not present in specified provider");
        }
    }

    @Test
    void sdkGetCallerIdentityWithSessionTokenOfAnotherSessionThenRefused() {
        try (StsClient anonymous = client(AnonymousCredentialsProvider.create())) {
            var c = anonymous.assumeRoleWithSAML(b -> b.roleArn(ROLE_ARN).principalArn(PROVIDER_ARN)
                    .samlAssertion(scenario.response().base64())).credentials();
            try (StsClient forged = client(StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), "GHEMnot-the-token")))) {
                assertThatThrownBy(forged::getCallerIdentity).isInstanceOf(StsException.class)
                        .satisfies(e -> assertThat(((StsException) e).statusCode()).isBetween(400, 403));
            }
            try (StsClient noToken = client(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))) {
                assertThatThrownBy(noToken::getCallerIdentity).isInstanceOf(StsException.class);
            }
        }
    }

    @Test
    void getCallerIdentityWhenSessionCredentialsExpiredThenExpiredToken() throws IOException {
        MovableClock clock = new MovableClock(Instant.now());
        Path dir = Files.createTempDirectory("aws-emulator-expiry");
        AwsEmulator emulator = AwsEmulator.start(EmulatorConfig.of(0, dir, null, null, List.of(TestAwsEmulator.ROOT)), clock);
        try {
            emulator.iam().createSamlProvider("123456789012", "Gatehouse", StsScenario.IDP.metadataXml());
            emulator.iam().createRole("123456789012", "Demo", "/", StsScenario.trust(PROVIDER_ARN, "\"sts:AssumeRoleWithSAML\"", null), null, null);
            URI endpoint = URI.create("http://localhost:" + emulator.port());
            AssumeRoleWithSamlResponse assumed;
            try (StsClient anonymous = client(endpoint, AnonymousCredentialsProvider.create())) {
                assumed = anonymous.assumeRoleWithSAML(b -> b.roleArn(ROLE_ARN).principalArn(PROVIDER_ARN).durationSeconds(900)
                        .samlAssertion(StsScenario.IDP.response().recipient(endpoint + "/saml").role(ROLE_ARN, PROVIDER_ARN).base64()));
            }
            var c = assumed.credentials();
            // The SDK signs with the real time, so move only past the session's end and stay inside the SigV4 window.
            clock.set(c.expiration().plusSeconds(1));
            try (StsClient session = client(endpoint, StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))) {
                assertThatThrownBy(session::getCallerIdentity).isInstanceOf(StsException.class)
                        .satisfies(e -> {
                            StsException sts = (StsException) e;
                            assertThat(sts.statusCode()).isEqualTo(403);
                            assertThat(sts.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                            assertThat(sts.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is expired");
                        });
            }
        } finally {
            emulator.close();
        }
    }

    private static StsClient client(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        return client(URI.create(scenario.aws.baseUrl()), credentials);
    }

    private static StsClient client(URI endpoint, software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials).build();
    }

}
