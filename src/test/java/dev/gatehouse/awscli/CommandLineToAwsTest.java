package dev.gatehouse.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestData;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gatehouse aws} end to end with real clients: the device flow approved in the portal, profiles written by
 * {@code configure} and used by the real AWS CLI v2 and boto3 as credential_process, the cache, silent refresh,
 * revocation and deactivation, and a role the user may not use.
 */
class CommandLineToAwsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ASSUMED = "arn:aws:sts::" + TestAwsEmulator.ACCOUNT_ID + ":assumed-role/Developer/alice@example.com";

    @Test
    void configuredProfileWorksInTheAwsCliAndBoto3AndTheCacheServesTheSecondCall(@TempDir Path home) throws Exception {
        try (CliWorld w = new CliWorld(home)) {
            CliWorld.Run login = w.login(w.decides(Http.browser(w.ic.baseUrl()).signIn("alice", TestData.PASSWORD), true));
            assertThat(login.exitCode()).as(login.err()).isZero();
            Path session = home.resolve("cache/gatehouse/session.properties");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session.getParent()))).isEqualTo("rwx------");

            CliWorld.Run roles = w.cli("roles");
            assertThat(roles.out()).contains("Sandbox-Developer").contains(TestAwsEmulator.ACCOUNT_ID);

            Files.writeString(home.resolve("aws-config"), "[profile mine]\nregion = eu-west-1\n# keep me\n");
            CliWorld.Run configure = w.cli("configure", "--command", CliWorld.launcher(), "--region", "us-east-1");
            assertThat(configure.exitCode()).as(configure.err()).isZero();
            String config = Files.readString(home.resolve("aws-config"));
            assertThat(config).startsWith("[profile mine]\nregion = eu-west-1\n# keep me\n")
                    .contains("[profile Sandbox-Developer]").contains("aws credentials --account " + TestAwsEmulator.ACCOUNT_ID + " --role Developer");
            assertThat(w.cli("configure", "--command", CliWorld.launcher(), "--region", "us-east-1").exitCode()).isZero();
            assertThat(Files.readString(home.resolve("aws-config"))).isEqualTo(config); // idempotent

            Peers.Output identity = awsCli(w, "Sandbox-Developer");
            assertThat(identity.exitCode()).as(identity.stderr()).isZero();
            assertThat(JSON.readTree(identity.stdout()).get("Arn").asText()).isEqualTo(ASSUMED);
            assertThat(assertions(w)).isEqualTo(1);

            // The second call is served from the cache: the sign-in now points nowhere, and still it works.
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(session)) {
                p.load(r);
            }
            String portal = p.getProperty("portal");
            p.setProperty("portal", "http://127.0.0.1:9");
            try (var out = Files.newBufferedWriter(session)) {
                p.store(out, null);
            }
            Peers.Output cached = awsCli(w, "Sandbox-Developer");
            assertThat(cached.exitCode()).as(cached.stderr()).isZero();
            assertThat(JSON.readTree(cached.stdout()).get("Arn").asText()).isEqualTo(ASSUMED);
            assertThat(assertions(w)).isEqualTo(1);
            p.setProperty("portal", portal);
            try (var out = Files.newBufferedWriter(session)) {
                p.store(out, null);
            }

            String python = Peers.python3With("boto3", "python3-boto3");
            Peers.Output boto = Peers.runApart(List.of(python, "-c", "import boto3\n"
                    + "s = boto3.Session(profile_name='Sandbox-Developer')\n"
                    + "print(s.client('sts', endpoint_url='" + w.aws.baseUrl() + "').get_caller_identity()['Arn'])"), env -> isolate(env, w));
            assertThat(boto.exitCode()).as(boto.stderr()).isZero();
            assertThat(boto.stdout().trim()).isEqualTo(ASSUMED);
        }
    }

    @Test
    void expiredAccessTokenIsRefreshedSilentlyAndRevocationOrDeactivationStopsTheCli(@TempDir Path home) throws Exception {
        try (CliWorld w = new CliWorld(home)) {
            Http browser = Http.browser(w.ic.baseUrl()).signIn("alice", TestData.PASSWORD);
            CliWorld.Run denied = w.login(w.decides(browser, false));
            assertThat(denied.exitCode()).isEqualTo(3);
            assertThat(denied.err()).contains("The sign-in was denied in the browser.");
            assertThat(w.login(w.decides(browser, true)).exitCode()).isZero();
            CliWorld.Run first = w.cli("credentials", "--account", TestAwsEmulator.ACCOUNT_ID, "--role", "Developer");
            assertThat(first.exitCode()).as(first.err()).isZero();
            JsonNode creds = JSON.readTree(first.out());
            assertThat(creds.get("Version").asInt()).isEqualTo(1);
            assertThat(creds.get("AccessKeyId").asText()).startsWith("ASIA");

            // An hour later the credentials and the access token have expired: the refresh token buys new ones.
            w.clock.advance(Duration.ofMinutes(61));
            CliWorld.Run later = w.cli("credentials", "--account", TestAwsEmulator.ACCOUNT_ID, "--role", "Developer");
            assertThat(later.exitCode()).as(later.err()).isZero();
            assertThat(JSON.readTree(later.out()).get("AccessKeyId").asText()).isNotEqualTo(creds.get("AccessKeyId").asText());
            assertThat(w.ic.center().services().audit().recent(200)).anyMatch(e -> e.type().equals("DEVICE_TOKEN_REFRESH"));

            // Not entitled: 403 from Gatehouse, nothing signed.
            long signed = assertions(w);
            CliWorld.Run other = w.cli("credentials", "--account", "999999999999", "--role", "Admin");
            assertThat(other.exitCode()).isNotZero();
            assertThat(other.err()).contains("not assigned to role Admin in account 999999999999");
            assertThat(assertions(w)).isEqualTo(signed);

            // Logout revokes the refresh token at Gatehouse and clears the cache.
            String refreshToken = sessionProperty(home, "refresh_token");
            assertThat(w.cli("logout").exitCode()).isZero();
            assertThat(home.resolve("cache/gatehouse/session.properties")).doesNotExist();
            assertThat(dev.gatehouse.devicelogin.DeviceFlow.post(w.ic.baseUrl(), "/oauth2/token", Map.of("grant_type", "refresh_token",
                    "client_id", "gatehouse-cli", "refresh_token", refreshToken)).statusCode()).isEqualTo(400);
            CliWorld.Run out = w.cli("credentials", "--account", TestAwsEmulator.ACCOUNT_ID, "--role", "Developer");
            assertThat(out.exitCode()).isEqualTo(3);
            assertThat(out.err()).contains("Not signed in");

            // Deactivated: the next uncached call tells the user to sign in again.
            assertThat(w.login(w.decides(browser, true)).exitCode()).isZero();
            assertThat(w.cli("credentials", "--account", TestAwsEmulator.ACCOUNT_ID, "--role", "Developer").exitCode()).isZero();
            w.ic.center().services().directory().replaceUser("test", w.alice.id(),
                    new dev.gatehouse.directory.UserDraft(w.alice.userName(), w.alice.email(), w.alice.givenName(), w.alice.familyName(),
                            w.alice.displayName(), false, false), null, null);
            w.clock.advance(Duration.ofMinutes(61));
            CliWorld.Run refused = w.cli("credentials", "--account", TestAwsEmulator.ACCOUNT_ID, "--role", "Developer");
            assertThat(refused.exitCode()).isEqualTo(3);
            assertThat(refused.err()).contains("Sign in again: gatehouse aws login");
            assertThat(refused.out()).isEmpty();
        }
    }

    private static String sessionProperty(Path home, String name) throws java.io.IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(home.resolve("cache/gatehouse/session.properties"))) {
            p.load(r);
        }
        return p.getProperty(name);
    }

    private static long assertions(CliWorld w) {
        return w.ic.center().services().audit().recent(500).stream().filter(e -> e.type().equals("CLI_ASSERTION")).count();
    }

    private static Peers.Output awsCli(CliWorld w, String profile) {
        List<String> command = new ArrayList<>(List.of(Peers.awsCli(), "sts", "get-caller-identity", "--profile", profile,
                "--endpoint-url", w.aws.baseUrl(), "--output", "json"));
        return Peers.runApart(command, env -> isolate(env, w));
    }

    private static void isolate(Map<String, String> env, CliWorld w) {
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", w.home.toString());
        env.putAll(w.env());
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
    }
}
