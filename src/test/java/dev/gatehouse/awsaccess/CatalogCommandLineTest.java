package dev.gatehouse.awsaccess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.apps.Entitlement;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.devicelogin.DeviceFlow;
import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's API for "AWS accounts" pairs: {@code /api/me/aws-roles} lists each entitled (account, role) with
 * its ARNs and STS endpoint; {@code /api/me/aws-assertion} signs one Role value that the emulated account's STS
 * exchanges for that role's credentials; a pair not entitled gets 403 and nothing is signed.
 */
class CatalogCommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    private TestIdentityCenter ic;
    private TestAwsEmulator aws;
    private String app;

    @BeforeEach
    void start() {
        aws = TestAwsEmulator.start();
        ic = TestIdentityCenter.start();
        var services = ic.center().services();
        User dana = TestData.user(ic, "dana", "dana@example.com");
        app = services.applications().create("test", new AppInput("aws-account-catalog", "AWS", null, null, null, null, null)).app().id();
        services.applications().replaceMappings("test", app, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:preferredUsername}", "unspecified")));
        AwsCatalog catalog = services.catalog();
        catalog.putAccount("test", app, ACCOUNT, new AwsCatalog.AccountInput("Emulated", "GatehouseCatalog", aws.baseUrl() + "/saml", null));
        catalog.putRole("test", app, ACCOUNT, "team/Deployer", new AwsCatalog.RoleInput(null, 3600, null));
        catalog.putRole("test", app, ACCOUNT, "Auditor", new AwsCatalog.RoleInput(null, 3600, null));
        catalog.entitle("test", new Entitlement(app, Assignments.PrincipalType.USER, dana.id(), ACCOUNT, "team/Deployer"));
    }

    @AfterEach
    void stop() {
        ic.close();
        aws.close();
    }

    @Test
    void anEntitledPairIsListedSignedAndExchangedAndAnotherIsRefused(@TempDir Path dir) throws Exception {
        Path metadata = dir.resolve("metadata.xml");
        Files.writeString(metadata, Http.get(ic.baseUrl() + "/api/apps/" + app + "/saml-metadata", "").body());
        aws.aws("iam", "create-saml-provider", "--name", "GatehouseCatalog", "--saml-metadata-document", "file://" + metadata);
        String providerArn = "arn:aws:iam::" + ACCOUNT + ":saml-provider/GatehouseCatalog";
        Path trust = dir.resolve("trust.json");
        Files.writeString(trust, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}}]}");
        aws.aws("iam", "create-role", "--role-name", "Deployer", "--path", "/team/", "--assume-role-policy-document", "file://" + trust);
        String access = DeviceFlow.tokens(ic.baseUrl(), Http.browser(ic.baseUrl()).signIn("dana", TestData.PASSWORD)).get("access_token").asText();

        JsonNode roles = JSON.readTree(call(access, "/api/me/aws-roles", null).body()).get("roles");
        assertThat(roles).hasSize(1);
        JsonNode role = roles.get(0);
        assertThat(role.get("appId").asText()).isEqualTo(app);
        assertThat(role.get("roleName").asText()).isEqualTo("team/Deployer");
        assertThat(role.get("roleArn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/team/Deployer");
        assertThat(role.get("providerArn").asText()).isEqualTo(providerArn);
        assertThat(role.get("stsEndpoint").asText()).isEqualTo(aws.baseUrl() + "/");

        HttpResponse<String> signed = call(access, "/api/me/aws-assertion",
                "{\"appId\":\"" + app + "\",\"accountId\":\"" + ACCOUNT + "\",\"roleName\":\"team/Deployer\"}");
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(signed.body());
        JsonNode assumed = JSON.readTree(aws.awsAs(null, null, "sts", "assume-role-with-saml", "--role-arn",
                answer.get("roleArn").asText(), "--principal-arn", answer.get("providerArn").asText(),
                "--saml-assertion", answer.get("samlResponse").asText()).stdout());
        assertThat(assumed.get("AssumedRoleUser").get("Arn").asText()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Deployer/dana");
        assertThat(ic.center().services().audit().recent(20)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("CLI_ASSERTION");
            assertThat(e.detail()).contains("role=arn:aws:iam::" + ACCOUNT + ":role/team/Deployer");
        });

        int auditBefore = ic.center().services().audit().recent(200).size();
        HttpResponse<String> refused = call(access, "/api/me/aws-assertion",
                "{\"appId\":\"" + app + "\",\"accountId\":\"" + ACCOUNT + "\",\"roleName\":\"Auditor\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("samlResponse");
        assertThat(ic.center().services().audit().recent(200)).hasSize(auditBefore + 1)
                .first().satisfies(e -> assertThat(e.type()).isEqualTo("CLI_ASSERTION_REFUSED"));
    }

    @Test
    void withAnEncryptionCertificateTheCommandLinesAssertionIsEncryptedAndTheAccountsStsDecryptsIt(@TempDir Path dir) throws Exception {
        Path metadata = dir.resolve("metadata.xml");
        Files.writeString(metadata, Http.get(ic.baseUrl() + "/api/apps/" + app + "/saml-metadata", "").body());
        aws.aws("iam", "create-saml-provider", "--name", "GatehouseCatalog", "--saml-metadata-document", "file://" + metadata);
        String providerArn = "arn:aws:iam::" + ACCOUNT + ":saml-provider/GatehouseCatalog";
        Path trust = dir.resolve("trust.json");
        Files.writeString(trust, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}");
        aws.aws("iam", "create-role", "--role-name", "Deployer", "--path", "/team/", "--assume-role-policy-document", "file://" + trust);
        // The provider's key put there by hand; the catalog encrypts to its uploaded certificate.
        var recipient = dev.gatehouse.samlxml.TestEncryption.keyPair("Catalog account key");
        aws.iam().updateSamlProvider(providerArn, null, "Allowed", dev.gatehouse.samlxml.TestEncryption.privateKeyPem(recipient), null);
        HttpResponse<String> uploaded = Http.exchange(ic.admin("/api/apps/" + app + "/aws-encryption").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                        .put("certificatePem", dev.gatehouse.samlxml.TestEncryption.certificatePem(recipient)).toString())).build());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String access = DeviceFlow.tokens(ic.baseUrl(), Http.browser(ic.baseUrl()).signIn("dana", TestData.PASSWORD)).get("access_token").asText();

        HttpResponse<String> signed = call(access, "/api/me/aws-assertion",
                "{\"appId\":\"" + app + "\",\"accountId\":\"" + ACCOUNT + "\",\"roleName\":\"team/Deployer\"}");
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(signed.body());
        String xml = new String(java.util.Base64.getDecoder().decode(answer.get("samlResponse").asText()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains("EncryptedAssertion").doesNotContain("team/Deployer");
        var assumed = aws.awsAs(null, null, "sts", "assume-role-with-saml", "--role-arn", answer.get("roleArn").asText(),
                "--principal-arn", providerArn, "--saml-assertion", answer.get("samlResponse").asText());
        assertThat(assumed.exitCode()).as(assumed.stderr()).isZero();
        assertThat(JSON.readTree(assumed.stdout()).get("AssumedRoleUser").get("Arn").asText())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Deployer/dana");
    }

    private HttpResponse<String> call(String accessToken, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ic.baseUrl() + path)).header("Authorization", "Bearer " + accessToken);
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return Http.exchange(request.build());
    }
}
