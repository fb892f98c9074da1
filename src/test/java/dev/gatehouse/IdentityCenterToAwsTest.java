package dev.gatehouse;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PostBindingPage;
import dev.gatehouse.testing.Peers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.directory.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity center and the emulated External AWS Account together, driven as the guide's reader would drive
 * real AWS: the AWS CLI v2 registers the identity center's metadata, a policy and a role; the portal launches; the
 * AWS CLI and the AWS SDK for Java exchange the launched assertion for credentials and ask who they are.
 */
class IdentityCenterToAwsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    static TestIdentityCenter ic;
    static TestAwsEmulator aws;
    static User alice;

    @BeforeAll
    static void start() {
        aws = TestAwsEmulator.start();
        ic = TestIdentityCenter.start();
        alice = TestData.user(ic, "alice", "alice@example.com");
    }

    @AfterAll
    static void stop() {
        ic.close();
        aws.close();
    }

    @Test
    void assertionLaunchedByTheIdentityCenterBuysCredentialsThroughTheAwsCliAndSdk(@TempDir Path dir) throws Exception {
        String app = awsApp("Guide account");
        Path metadata = dir.resolve("metadata.xml");
        Files.writeString(metadata, metadata(app));
        String providerArn = json(cli("iam", "create-saml-provider", "--name", "GatehouseGuide",
                "--saml-metadata-document", "file://" + metadata)).get("SAMLProviderArn").asText();
        assertThat(providerArn).isEqualTo("arn:aws:iam::" + ACCOUNT + ":saml-provider/GatehouseGuide");
        String readArn = json(cli("iam", "create-policy", "--policy-name", "GuideRead", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}"))
                .get("Policy").get("Arn").asText();
        String listArn = json(cli("iam", "create-policy", "--policy-name", "GuideList", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:List*\",\"Resource\":\"*\"}]}"))
                .get("Policy").get("Arn").asText();
        Path trust = dir.resolve("trust.json");
        Files.writeString(trust, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}}]}");
        String roleArn = json(cli("iam", "create-role", "--role-name", "GuideReader", "--assume-role-policy-document",
                "file://" + trust)).get("Role").get("Arn").asText();
        cli("iam", "attach-role-policy", "--role-name", "GuideReader", "--policy-arn", readArn);
        cli("iam", "attach-role-policy", "--role-name", "GuideReader", "--policy-arn", listArn);
        mapRole(app, providerArn + "," + roleArn);

        String assertion = launch(app);
        JsonNode assumed = json(cli("sts", "assume-role-with-saml", "--role-arn", roleArn, "--principal-arn", providerArn,
                "--saml-assertion", assertion));
        assertThat(assumed.get("AssumedRoleUser").get("Arn").asText())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/GuideReader/alice@example.com");
        assertThat(assumed.get("Subject").asText()).isEqualTo(alice.subject());
        assertThat(assumed.get("SubjectType").asText()).isEqualTo("persistent");
        assertThat(assumed.get("Issuer").asText()).isEqualTo(ic.baseUrl() + "/saml/assertion/" + app);
        assertThat(assumed.get("Audience").asText()).isEqualTo("https://signin.aws.amazon.com/saml");
        JsonNode credentials = assumed.get("Credentials");
        assertThat(credentials.get("AccessKeyId").asText()).startsWith("ASIA");

        JsonNode identity = json(runAws(Map.of("AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", credentials.get("SessionToken").asText()), "sts", "get-caller-identity"));
        assertThat(identity.get("Arn").asText()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/GuideReader/alice@example.com");
        assertThat(identity.get("Account").asText()).isEqualTo(ACCOUNT);

        try (StsClient anonymous = sts(AnonymousCredentialsProvider.create())) {
            AssumeRoleWithSamlResponse sdk = anonymous.assumeRoleWithSAML(r -> r.roleArn(roleArn)
                    .principalArn(providerArn).samlAssertion(assertion).durationSeconds(900));
            try (StsClient federated = sts(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    sdk.credentials().accessKeyId(), sdk.credentials().secretAccessKey(), sdk.credentials().sessionToken())))) {
                assertThat(federated.getCallerIdentity().arn())
                        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/GuideReader/alice@example.com");
            }
        }

        // CloudTrail: the launch's AssumeRoleWithSAML is found by its RoleSessionName (issue 13, Done when).
        JsonNode events = json(cli("cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=Username,AttributeValue=alice@example.com")).get("Events");
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.get("EventName").asText()));
        assertThat(names).contains("AssumeRoleWithSAML", "GetCallerIdentity");
        JsonNode record = null;
        for (JsonNode e : events) {
            if (e.get("EventName").asText().equals("AssumeRoleWithSAML")) {
                record = JSON.readTree(e.get("CloudTrailEvent").asText());
            }
        }
        assertThat(record.at("/userIdentity/type").asText()).isEqualTo("SAMLUser");
        assertThat(record.at("/userIdentity/userName").asText()).isEqualTo(alice.subject());
        assertThat(record.at("/responseElements/issuer").asText()).isEqualTo(ic.baseUrl() + "/saml/assertion/" + app);
    }

    @Test
    void troubleshootingRowsGiveAwsErrorsAndTheFixesWork(@TempDir Path dir) throws Exception {
        String right = awsApp("Right instance");
        String other = awsApp("Other instance");
        Path otherMetadata = dir.resolve("other.xml");
        Files.writeString(otherMetadata, metadata(other));
        String providerArn = json(cli("iam", "create-saml-provider", "--name", "Trouble",
                "--saml-metadata-document", "file://" + otherMetadata)).get("SAMLProviderArn").asText();
        Path trust = dir.resolve("trust.json");
        Files.writeString(trust, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}");
        String roleArn = json(cli("iam", "create-role", "--role-name", "Trouble", "--assume-role-policy-document",
                "file://" + trust)).get("Role").get("Arn").asText();

        // Invalid SAML response: the provider was made from another instance's metadata.
        mapRole(right, providerArn + "," + roleArn);
        Peers.Result wrongMetadata = runAws(Map.of(), "sts", "assume-role-with-saml", "--role-arn", roleArn,
                "--principal-arn", providerArn, "--saml-assertion", launch(right));
        assertThat(wrongMetadata.exitCode()).isEqualTo(254);
        assertThat(wrongMetadata.output()).contains("InvalidIdentityToken");

        Path rightMetadata = dir.resolve("right.xml");
        Files.writeString(rightMetadata, metadata(right));
        cli("iam", "update-saml-provider", "--saml-provider-arn", providerArn, "--saml-metadata-document", "file://" + rightMetadata);

        // Access Denied: the role name's case differs from the role's.
        String wrongCase = roleArn.replace("role/Trouble", "role/trouble");
        mapRole(right, providerArn + "," + wrongCase);
        Peers.Result denied = runAws(Map.of(), "sts", "assume-role-with-saml", "--role-arn", wrongCase,
                "--principal-arn", providerArn, "--saml-assertion", launch(right));
        assertThat(denied.output()).contains("AccessDenied").contains("Not authorized to perform sts:AssumeRoleWithSAML");

        mapRole(right, providerArn + "," + roleArn);
        JsonNode fixed = json(runAws(Map.of(), "sts", "assume-role-with-saml", "--role-arn", roleArn,
                "--principal-arn", providerArn, "--saml-assertion", launch(right)));
        assertThat(fixed.get("AssumedRoleUser").get("Arn").asText()).endsWith("assumed-role/Trouble/alice@example.com");
    }

    private static String awsApp(String name) {
        Applications apps = ic.center().services().applications();
        String id = apps.create("test", new AppInput("external-aws-account", name, null, aws.baseUrl() + "/saml", null, null, null)).app().id();
        ic.center().services().assignments().assign("test", id, Assignments.PrincipalType.USER, alice.id());
        return id;
    }

    private static void mapRole(String app, String roleValue) {
        ic.center().services().applications().replaceMappings("test", app, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, roleValue, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified")));
    }

    private static String metadata(String app) {
        var response = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps/" + app + "/saml-metadata")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String launch(String app) {
        String html = Http.browser(ic.baseUrl()).signIn("alice", TestData.PASSWORD).get("/launch/" + app).body();
        return PostBindingPage.samlResponse(html);
    }

    private static Peers.Result cli(String... args) {
        Peers.Result result = runAws(Map.of("AWS_ACCESS_KEY_ID", TestAwsEmulator.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", TestAwsEmulator.SECRET), args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.output()).isZero();
        return result;
    }

    private static Peers.Result runAws(Map<String, String> credentials, String... args) {
        String awsCli = Peers.awsCli();
        List<String> command = new ArrayList<>(List.of(awsCli));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", aws.baseUrl(), "--region", "us-east-1", "--output", "json"));
        Map<String, String> env = new HashMap<>(credentials);
        env.put("AWS_CONFIG_FILE", "/nonexistent");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        return Peers.run(command, env, null);
    }

    private static JsonNode json(Peers.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.output()).isZero();
        return JSON.readTree(result.output());
    }

    private static StsClient sts(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(URI.create(aws.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }
}
