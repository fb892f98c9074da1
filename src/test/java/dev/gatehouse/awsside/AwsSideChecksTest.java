package dev.gatehouse.awsside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.directory.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * *Check setup* against an emulated account reached through a connection: each of the mistakes the troubleshooting
 * table comes from (a misspelt role, a provider whose name differs in case, metadata of another instance, a trust
 * policy without SAML:aud or without sts:TagSession) is found with AWS's text, and once fixed nothing is found.
 */
class AwsSideChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    private TestIdentityCenter ic;
    private TestAwsEmulator aws;
    private String app;

    @BeforeEach
    void start() {
        aws = TestAwsEmulator.start();
        ic = TestIdentityCenter.start();
        User alice = TestData.user(ic, "alice", "alice@example.com");
        app = ic.center().services().applications().create("test", new AppInput("external-aws-account", "Checked account",
                null, aws.baseUrl() + "/saml", null, null, null)).app().id();
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, alice.id());
    }

    @AfterEach
    void stop() {
        ic.close();
        aws.close();
    }

    @Test
    void eachMistakeIsFoundWithAwsTextAndNothingOnceFixed(@TempDir Path dir) throws Exception {
        // The account, set up by hand with mistakes: the provider from another instance's metadata, a trust policy
        // without SAML:aud and without sts:TagSession.
        String other = ic.center().services().applications().create("test", new AppInput("external-aws-account", "Another",
                null, aws.baseUrl() + "/saml", null, null, null)).app().id();
        Path otherMetadata = dir.resolve("other.xml");
        Files.writeString(otherMetadata, metadata(other));
        aws.aws("iam", "create-saml-provider", "--name", "Checks", "--saml-metadata-document", "file://" + otherMetadata);
        String providerArn = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Checks";
        Path trust = dir.resolve("trust.json");
        Files.writeString(trust, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}");
        aws.aws("iam", "create-role", "--role-name", "CheckedRole", "--assume-role-policy-document", "file://" + trust);
        String policy = JSON.readTree(aws.aws("iam", "create-policy", "--policy-name", "Read", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}").stdout())
                .get("Policy").get("Arn").asText();
        aws.aws("iam", "attach-role-policy", "--role-name", "CheckedRole", "--policy-arn", policy);

        AwsSideFixtures.connect(ic, aws, app);

        // A misspelt role and a provider name in the wrong case.
        map("arn:aws:iam::" + ACCOUNT + ":role/CheckdRole,arn:aws:iam::" + ACCOUNT + ":saml-provider/checks");
        JsonNode first = checks();
        assertFinding(first, "provider-exists", "ERROR", "as " + providerArn, "InvalidIdentityToken: Specified provider doesn't exist.");
        assertThat(finding(first, "provider-exists").get("message").asText()).contains("differs in case");
        assertFinding(first, "role-exists", "ERROR", "no role arn:aws:iam::" + ACCOUNT + ":role/CheckdRole",
                "AccessDenied: Not authorized to perform sts:AssumeRoleWithSAML");

        // The names fixed: the other instance's metadata, the missing SAML:aud and the missing sts:TagSession show.
        map("arn:aws:iam::" + ACCOUNT + ":role/CheckedRole," + providerArn);
        JsonNode second = checks();
        assertFinding(second, "provider-metadata", "ERROR", "not of this instance",
                "InvalidIdentityToken: Issuer not present in specified provider");
        assertThat(finding(second, "trust-audience").get("severity").asText()).isEqualTo("WARNING");
        assertFinding(second, "trust-session-tags", "ERROR", "does not allow sts:TagSession",
                "AccessDenied: Not authorized to perform sts:AssumeRoleWithSAML");

        // Fixed in the account with what the AWS side shows: this instance's metadata, the generated trust policy.
        Path metadata = dir.resolve("right.xml");
        Files.writeString(metadata, metadata(app));
        aws.aws("iam", "update-saml-provider", "--saml-provider-arn", providerArn, "--saml-metadata-document", "file://" + metadata);
        Path generated = dir.resolve("generated.json");
        Applications apps = ic.center().services().applications();
        Files.writeString(generated, TrustPolicy.json(AwsTarget.ofGuideApp(apps.find(app), apps.mappings(app)).orElseThrow()));
        aws.aws("iam", "update-assume-role-policy", "--role-name", "CheckedRole", "--policy-document", "file://" + generated);
        JsonNode fixed = checks();
        List<String> problems = new ArrayList<>();
        fixed.get("findings").forEach(f -> {
            if (!f.get("severity").asText().equals("OK")) {
                problems.add(f.get("check").asText() + ": " + f.get("message").asText());
            }
        });
        // what remains is the one thing true of every emulated account: it is not AWS's sign-in endpoint
        assertThat(problems).singleElement().asString().startsWith("acs-url: Assertions are posted to " + aws.baseUrl() + "/saml");
        assertThat(finding(fixed, "trust-session-tags").get("severity").asText()).isEqualTo("OK");
        assertThat(finding(fixed, "role-policies").get("message").asText()).contains("1 managed");
    }

    private void map(String role) {
        Applications apps = ic.center().services().applications();
        apps.replaceMappings("test", app, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, role, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified"),
                new AttributeMapping(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "team", "engineering", "unspecified")));
    }

    private JsonNode checks() throws Exception {
        HttpResponse<String> response = ic.send(ic.admin("/api/apps/" + app + "/checks").build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertFinding(JsonNode checks, String check, String severity, String message, String awsError) {
        JsonNode f = finding(checks, check);
        assertThat(f.get("severity").asText()).as(check).isEqualTo(severity);
        assertThat(f.get("message").asText()).as(check).contains(message);
        assertThat(f.get("awsError").asText()).as(check).isEqualTo(awsError);
    }

    private static JsonNode finding(JsonNode checks, String check) {
        for (JsonNode f : checks.get("findings")) {
            if (f.get("check").asText().equals(check)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + check + " in " + checks);
    }

    private String metadata(String appId) {
        HttpResponse<String> response = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps/" + appId + "/saml-metadata")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
