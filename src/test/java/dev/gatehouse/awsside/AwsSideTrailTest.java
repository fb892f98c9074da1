package dev.gatehouse.awsside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PostBindingPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "What happened in AWS": a launch's audit entry leads to the CloudTrail events of the session it started (the
 * AssumeRoleWithSAML for its role and NameID, the calls made with the keys it issued), read through the account
 * connection from the emulated account's CloudTrail; another user's session in the same role stays out.
 */
class AwsSideTrailTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    private static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Trail";
    private static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/TrailRole";
    private TestIdentityCenter ic;
    private TestAwsEmulator aws;
    private String app;

    @BeforeEach
    void start() {
        aws = TestAwsEmulator.start();
        ic = TestIdentityCenter.start();
        User alice = TestData.user(ic, "alice", "alice@example.com");
        User bob = TestData.user(ic, "bob", "bob@example.com");
        TestData.admin(ic, "root");
        var apps = ic.center().services().applications();
        app = apps.create("test", new AppInput("external-aws-account", "Trail account", null, aws.baseUrl() + "/saml",
                null, null, null)).app().id();
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, alice.id());
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, bob.id());
        apps.replaceMappings("test", app, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, ROLE_ARN + "," + PROVIDER_ARN, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified")));
    }

    @AfterEach
    void stop() {
        ic.close();
        aws.close();
    }

    @Test
    void aLaunchesAuditEntryShowsItsSessionsCloudTrailEvents(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("setup.sh");
        Files.writeString(script, ic.send(ic.admin("/api/apps/" + app + "/aws-bundle/script").build()).body());
        assertThat(AwsSideFixtures.runScript(aws, script, "").exitCode()).isZero();
        AwsSideFixtures.connect(ic, aws, app);

        String aliceKey = useSession("alice");
        String bobKey = useSession("bob");

        AuditLog.Event launch = ic.center().services().audit().recent(50).stream()
                .filter(e -> e.type().equals("SSO_LAUNCH") && e.actor().equals("alice")).findFirst().orElseThrow();
        Http admin = Http.browser(ic.baseUrl());
        admin.get("/admin/login");
        assertThat(admin.post("/admin/login", Map.of("username", "root", "password", TestData.PASSWORD)).statusCode()).isEqualTo(303);
        assertThat(admin.get("/admin/audit").body()).contains("href=\"/admin/audit/" + launch.id() + "/aws\"");

        String page = admin.get("/admin/audit/" + launch.id() + "/aws").body();
        assertThat(page).contains("alice@example.com in " + ROLE_ARN);
        assertThat(page).containsPattern("(?s)<td class=\"event-name\">AssumeRoleWithSAML</td>.*<td class=\"event-name\">GetCallerIdentity</td>");
        assertThat(page).contains(aliceKey).doesNotContain(bobKey);
        assertThat(admin.get("/admin/audit/999999/aws").statusCode()).isEqualTo(404);
        assertThat(admin.get("/admin/audit/not-a-number/aws").statusCode()).isEqualTo(404);
    }

    /** Launches as {@code user}, buys credentials with the assertion and asks who they are with them. */
    private String useSession(String user) throws Exception {
        String assertion = PostBindingPage.samlResponse(Http.browser(ic.baseUrl()).signIn(user, TestData.PASSWORD)
                .get("/launch/" + app).body());
        JsonNode credentials = JSON.readTree(aws.awsAs(null, null, "sts", "assume-role-with-saml", "--role-arn", ROLE_ARN,
                "--principal-arn", PROVIDER_ARN, "--saml-assertion", assertion).stdout()).get("Credentials");
        String key = credentials.get("AccessKeyId").asText();
        assertThat(aws.awsWithSession(key, credentials.get("SecretAccessKey").asText(), credentials.get("SessionToken").asText(),
                "sts", "get-caller-identity").exitCode()).isZero();
        return key;
    }
}
