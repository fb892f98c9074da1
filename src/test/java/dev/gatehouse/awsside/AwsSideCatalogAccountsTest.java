package dev.gatehouse.awsside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.apps.Entitlement;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A catalog's accounts, each connected on its own: one with its own key, the other through a role that a key of the
 * first account assumes (sts:AssumeRole, as a tooling account would). *Check setup* reads each account through its
 * connection, over the users entitled to that account; bad account parameters are refused and change nothing.
 */
class AwsSideCatalogAccountsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRST = TestAwsEmulator.ACCOUNT_ID;
    private static final String SECOND = "210987654321";
    private TestIdentityCenter ic;
    private TestAwsEmulator aws;
    private RootCredential second;
    private String app;

    @BeforeEach
    void start() {
        TestAwsEmulator.requireAwsCli();
        aws = TestAwsEmulator.start();
        second = aws.emulator().accounts().create(SECOND);
        ic = TestIdentityCenter.start();
        User alice = TestData.user(ic, "alice", "alice@example.com");
        app = ic.center().services().applications().create("test", new AppInput("aws-account-catalog", "Accounts",
                null, null, null, null, null)).app().id();
        AwsCatalog catalog = ic.center().services().catalog();
        for (String account : new String[] {FIRST, SECOND}) {
            catalog.putAccount("test", app, account, new AwsCatalog.AccountInput("Account " + account, "Gatehouse",
                    aws.baseUrl() + "/saml", null));
            catalog.putRole("test", app, account, "Reader", new AwsCatalog.RoleInput("Read only", 3600, null));
        }
        catalog.entitle("test", new Entitlement(app, Assignments.PrincipalType.USER, alice.id(), FIRST, "Reader"));
    }

    @AfterEach
    void stop() {
        ic.close();
        aws.close();
    }

    @Test
    void eachAccountIsConnectedAndCheckedOnItsOwn(@TempDir Path dir) throws Exception {
        Path metadata = dir.resolve("metadata.xml");
        Files.writeString(metadata, get("/api/apps/" + app + "/saml-metadata").body());
        AwsCatalog catalog = ic.center().services().catalog();
        for (String account : new String[] {FIRST, SECOND}) {
            RootCredential root = account.equals(FIRST) ? TestAwsEmulator.ROOT : second;
            ok(aws.awsAs(root.accessKeyId(), root.secretAccessKey(), "iam", "create-saml-provider", "--name", "Gatehouse",
                    "--saml-metadata-document", "file://" + metadata));
            Path trust = dir.resolve("trust-" + account + ".json");
            Files.writeString(trust, catalog.trustPolicy(app, catalog.accounts(app).stream()
                    .filter(a -> a.accountId().equals(account)).findFirst().orElseThrow()));
            ok(aws.awsAs(root.accessKeyId(), root.secretAccessKey(), "iam", "create-role", "--role-name", "Reader",
                    "--assume-role-policy-document", "file://" + trust));
            ok(aws.awsAs(root.accessKeyId(), root.secretAccessKey(), "iam", "attach-role-policy", "--role-name", "Reader",
                    "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        }
        // The second account lets the first account's key in through a role, as a tooling account's would be.
        ok(aws.awsAs(second.accessKeyId(), second.secretAccessKey(), "iam", "create-role", "--role-name", "GatehouseConnection",
                "--assume-role-policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + FIRST + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        ok(aws.awsAs(second.accessKeyId(), second.secretAccessKey(), "iam", "attach-role-policy", "--role-name", "GatehouseConnection",
                "--policy-arn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"));

        // Before any connection, each account's checks say the account itself was not read.
        assertThat(finding(checks(FIRST), "connection").get("severity").asText()).isEqualTo("WARNING");

        assertThat(put(FIRST, connection(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET, null)).statusCode()).isEqualTo(200);
        HttpResponse<String> viaRole = put(SECOND, connection(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET,
                "arn:aws:iam::" + SECOND + ":role/GatehouseConnection"));
        assertThat(viaRole.statusCode()).as(viaRole.body()).isEqualTo(200);
        assertThat(viaRole.body()).contains("GatehouseConnection").doesNotContain(TestAwsEmulator.SECRET);

        JsonNode first = checks(FIRST);
        assertThat(first.get("accountId").asText()).isEqualTo(FIRST);
        assertThat(finding(first, "provider-metadata").get("severity").asText()).isEqualTo("OK");
        assertThat(finding(first, "role-exists").get("message").asText()).contains("arn:aws:iam::" + FIRST + ":role/Reader");
        assertThat(finding(first, "trust-audience").get("severity").asText()).isEqualTo("OK");
        assertThat(first.toString()).doesNotContain("\"check\":\"connection\"").doesNotContain("\"check\":\"assignments\"");

        // The second account is read through the assumed role: its provider and role are found there.
        JsonNode secondChecks = checks(SECOND);
        assertThat(finding(secondChecks, "role-exists").get("message").asText()).contains("arn:aws:iam::" + SECOND + ":role/Reader");
        assertThat(finding(secondChecks, "provider-metadata").get("severity").asText()).isEqualTo("OK");
        assertThat(finding(secondChecks, "assignments").get("message").asText()).contains("No active user is entitled");
        // The caller's account recorded the assumption the connection made.
        String trail = ok(aws.aws("cloudtrail", "lookup-events",
                "--lookup-attributes", "AttributeKey=EventName,AttributeValue=AssumeRole"));
        assertThat(trail).contains("GatehouseConnection");

        // A launch into the first account is followed into its CloudTrail through its connection.
        String assertion = dev.gatehouse.testing.PostBindingPage.samlResponse(dev.gatehouse.testing.Http.browser(ic.baseUrl())
                .signIn("alice", TestData.PASSWORD).get("/launch/" + app + "/" + FIRST + "/Reader").body());
        JsonNode credentials = JSON.readTree(ok(aws.awsAs(null, null, "sts", "assume-role-with-saml", "--role-arn",
                "arn:aws:iam::" + FIRST + ":role/Reader", "--principal-arn", "arn:aws:iam::" + FIRST + ":saml-provider/Gatehouse",
                "--saml-assertion", assertion))).get("Credentials");
        ok(aws.awsWithSession(credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
                credentials.get("SessionToken").asText(), "sts", "get-caller-identity"));
        long launchId = ic.center().services().audit().recent(50).stream()
                .filter(e -> e.type().equals("SSO_LAUNCH") && e.actor().equals("alice")).findFirst().orElseThrow().id();
        TestData.admin(ic, "root");
        dev.gatehouse.testing.Http admin = dev.gatehouse.testing.Http.browser(ic.baseUrl());
        admin.get("/admin/login");
        assertThat(admin.post("/admin/login", java.util.Map.of("username", "root", "password", TestData.PASSWORD)).statusCode()).isEqualTo(303);
        String happened = admin.get("/admin/audit/" + launchId + "/aws").body();
        assertThat(happened).contains("alice in arn:aws:iam::" + FIRST + ":role/Reader")
                .containsPattern("(?s)<td class=\"event-name\">AssumeRoleWithSAML</td>.*<td class=\"event-name\">GetCallerIdentity</td>")
                .contains(credentials.get("AccessKeyId").asText());

        // A role the key may not assume: the checks say the account could not be read, with AWS's text.
        assertThat(put(SECOND, connection(TestAwsEmulator.ACCESS_KEY_ID, "", "arn:aws:iam::" + SECOND + ":role/Reader")).statusCode()).isEqualTo(200);
        assertThat(finding(checks(SECOND), "connection").get("message").asText()).contains("AccessDenied").contains("sts:AssumeRole");
    }

    @Test
    void accountParametersThatNameNoCatalogAccountAreRefusedAndChangeNothing() {
        assertThat(get("/api/apps/" + app + "/checks").statusCode()).isEqualTo(409);
        assertThat(get("/api/apps/" + app + "/checks?account=999999999999").statusCode()).isEqualTo(409);
        assertThat(put("999999999999", connection(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET, null)).statusCode()).isEqualTo(409);
        HttpResponse<String> badRole = put(FIRST, connection(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET, "arn:aws:iam::1:user/x"));
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("roleArn must be an IAM role ARN");
        assertThat(get("/api/apps/" + app + "/aws-connection?account=" + FIRST).statusCode()).isEqualTo(404);
        int rows = ic.center().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM aws_account_connections")
                .mapTo(Integer.class).one());
        assertThat(rows).isZero();
    }

    private String connection(String key, String secret, String roleArn) {
        return "{\"accessKeyId\":\"" + key + "\",\"secretAccessKey\":\"" + secret + "\","
                + (roleArn == null ? "" : "\"roleArn\":\"" + roleArn + "\",")
                + "\"iamEndpoint\":\"" + aws.baseUrl() + "\",\"stsEndpoint\":\"" + aws.baseUrl() + "\",\"cloudTrailEndpoint\":\"" + aws.baseUrl() + "\"}";
    }

    private HttpResponse<String> put(String account, String body) {
        return ic.send(ic.admin("/api/apps/" + app + "/aws-connection?account=" + account).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode checks(String account) throws Exception {
        HttpResponse<String> response = get("/api/apps/" + app + "/checks?account=" + account);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) {
        return ic.send(path.endsWith("saml-metadata") ? HttpRequest.newBuilder(URI.create(ic.baseUrl() + path)).build() : ic.admin(path).build());
    }

    private static JsonNode finding(JsonNode checks, String check) {
        for (JsonNode f : checks.get("findings")) {
            if (f.get("check").asText().equals(check)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + check + " in " + checks);
    }

    private static String ok(Peers.Output out) {
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        return out.stdout();
    }
}
