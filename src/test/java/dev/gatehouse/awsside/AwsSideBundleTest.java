package dev.gatehouse.awsside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Peers;
import dev.gatehouse.testing.PostBindingPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The target-account bundle, run and validated with the tools a user would use: the AWS CLI script sets up an empty
 * emulated account (twice: the second run updates), after which a launch buys credentials; the CloudFormation
 * template is checked against CloudFormation's resource specification, and the Terraform is parsed by HCL's parser.
 */
class AwsSideBundleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    private static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT + ":saml-provider/GatehouseBundle";
    private static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/sso/BundleReader";
    static TestIdentityCenter ic;
    static TestAwsEmulator aws;
    static User alice;
    static String app;

    @BeforeAll
    static void start() {
        aws = TestAwsEmulator.start();
        ic = TestIdentityCenter.start();
        alice = TestData.user(ic, "alice", "alice@example.com");
        var apps = ic.center().services().applications();
        app = apps.create("test", new AppInput("external-aws-account", "Bundle account", null, aws.baseUrl() + "/saml",
                null, null, null)).app().id();
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, alice.id());
        apps.replaceMappings("test", app, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, ROLE_ARN + "," + PROVIDER_ARN, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified"),
                new AttributeMapping(AwsSamlRules.SESSION_DURATION, "7200", "unspecified")));
    }

    @AfterAll
    static void stop() {
        ic.close();
        aws.close();
    }

    @Test
    void theScriptSetsUpAnEmptyAccountTwiceOverAndALaunchThenBuysCredentials(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("setup.sh");
        Files.writeString(script, bundle("script"));
        String readOnly = json(aws.aws("iam", "create-policy", "--policy-name", "BundleRead", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}").stdout())
                .get("Policy").get("Arn").asText();

        Peers.Output first = runScript(script, readOnly);
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).contains("Created SAML provider " + PROVIDER_ARN).contains("Created role BundleReader")
                .contains("Attached " + readOnly);
        JsonNode role = json(aws.aws("iam", "get-role", "--role-name", "BundleReader").stdout()).get("Role");
        assertThat(role.get("Arn").asText()).isEqualTo(ROLE_ARN);
        assertThat(role.get("MaxSessionDuration").asInt()).isEqualTo(7200);

        Peers.Output second = runScript(script, readOnly);
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stdout()).contains("Updated SAML provider").contains("Updated role BundleReader");

        String assertion = PostBindingPage.samlResponse(Http.browser(ic.baseUrl()).signIn("alice", TestData.PASSWORD)
                .get("/launch/" + app).body());
        JsonNode assumed = json(aws.awsAs(null, null, "sts", "assume-role-with-saml", "--role-arn", ROLE_ARN,
                "--principal-arn", PROVIDER_ARN, "--saml-assertion", assertion, "--duration-seconds", "7200").stdout());
        assertThat(assumed.get("AssumedRoleUser").get("Arn").asText())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/BundleReader/alice@example.com");
    }

    @Test
    void theScriptChangesNothingInAnotherAccount(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("setup.sh");
        Files.writeString(script, bundle("script").replace("account='" + ACCOUNT + "'", "account='210987654321'"));
        Peers.Output run = runScript(script, "");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("These credentials are for account " + ACCOUNT + ", not 210987654321: nothing was changed.");
    }

    @Test
    void theCloudFormationTemplateMatchesCloudFormationsResourceSpecification(@TempDir Path dir) throws Exception {
        String yaml = bundle("cloudformation");
        JsonNode template = new YAMLMapper().readTree(yaml);
        assertThat(template.get("Resources").get("GatehouseSamlProvider").get("Type").asText()).isEqualTo("AWS::IAM::SAMLProvider");
        assertThat(template.at("/Resources/GatehouseSamlProvider/Properties/SamlMetadataDocument").asText())
                .contains("entityID=\"" + ic.baseUrl() + "/saml/assertion/" + app + "\"");
        JsonNode role = template.at("/Resources/GatehouseRole/Properties");
        assertThat(role.get("RoleName").asText()).isEqualTo("BundleReader");
        assertThat(role.get("Path").asText()).isEqualTo("/sso/");
        assertThat(role.get("MaxSessionDuration").asInt()).isEqualTo(7200);
        JsonNode statement = role.at("/AssumeRolePolicyDocument/Statement/0");
        assertThat(statement.at("/Principal/Federated/Ref").asText()).isEqualTo("GatehouseSamlProvider");
        assertThat(statement.get("Action").asText()).isEqualTo("sts:AssumeRoleWithSAML");
        assertThat(statement.at("/Condition/StringEquals/SAML:aud").asText()).isEqualTo("https://signin.aws.amazon.com/saml");

        Path json = dir.resolve("template.json");
        Files.writeString(json, JSON.writeValueAsString(template));
        Peers.Result checked = Peers.run(List.of("/usr/bin/node", Peers.npmToolScript(), "cfn", json.toString()), java.util.Map.of(), null);
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(checked.output().strip()).isEqualTo("ok");

        // the checker is not a rubber stamp: a misspelt property is reported
        ((com.fasterxml.jackson.databind.node.ObjectNode) template.at("/Resources/GatehouseRole/Properties")).put("MaxSessionDurationSeconds", 1);
        Files.writeString(json, JSON.writeValueAsString(template));
        Peers.Result refused = Peers.run(List.of("/usr/bin/node", Peers.npmToolScript(), "cfn", json.toString()), java.util.Map.of(), null);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("AWS::IAM::Role has no property MaxSessionDurationSeconds");
    }

    @Test
    void theTerraformParsesWithItsResourcesAndAttributes(@TempDir Path dir) throws Exception {
        Path tf = dir.resolve("main.tf");
        Files.writeString(tf, bundle("terraform"));
        Peers.Result parsed = Peers.run(List.of("/usr/bin/node", Peers.npmToolScript(), "hcl", tf.toString()), java.util.Map.of(), null);
        assertThat(parsed.exitCode()).as(parsed.output()).isZero();
        JsonNode hcl = JSON.readTree(parsed.output());
        JsonNode provider = hcl.at("/resource/aws_iam_saml_provider/gatehouse/0");
        assertThat(provider.get("name").asText()).isEqualTo("GatehouseBundle");
        assertThat(provider.get("saml_metadata_document").asText()).contains("<md:EntityDescriptor");
        JsonNode role = hcl.at("/resource/aws_iam_role/gatehouse/0");
        assertThat(role.get("name").asText()).isEqualTo("BundleReader");
        assertThat(role.get("path").asText()).isEqualTo("/sso/");
        assertThat(role.get("max_session_duration").asInt()).isEqualTo(7200);
        assertThat(role.get("assume_role_policy").asText()).contains("jsonencode(").contains("${aws_iam_saml_provider.gatehouse.arn}")
                .contains("\"SAML:aud\" = \"https://signin.aws.amazon.com/saml\"");
        JsonNode attachment = hcl.at("/resource/aws_iam_role_policy_attachment/gatehouse/0");
        assertThat(attachment.get("role").asText()).isEqualTo("${aws_iam_role.gatehouse.name}");
        assertThat(hcl.at("/variable/managed_policy_arns/0/default/0").asText()).isEqualTo(TargetBundle.DEFAULT_POLICY);
    }

    @Test
    void aCatalogAccountsScriptSetsUpItsProviderAndEveryRoleAndAPairThenBuysCredentials(@TempDir Path dir) throws Exception {
        var services = ic.center().services();
        String catalog = services.applications().create("test", new AppInput("aws-account-catalog", "Catalog", null, null,
                null, null, null)).app().id();
        services.applications().replaceMappings("test", catalog, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:preferredUsername}", "unspecified"),
                new AttributeMapping(AwsSamlRules.SOURCE_IDENTITY, "${user:preferredUsername}", "unspecified")));
        services.catalog().putAccount("test", catalog, ACCOUNT, new dev.gatehouse.apps.AwsCatalog.AccountInput("Emulated",
                "GatehouseCatalogBundle", aws.baseUrl() + "/saml", null));
        services.catalog().putRole("test", catalog, ACCOUNT, "CatalogReader", new dev.gatehouse.apps.AwsCatalog.RoleInput(null, 3600, null));
        services.catalog().putRole("test", catalog, ACCOUNT, "ops/CatalogOperator", new dev.gatehouse.apps.AwsCatalog.RoleInput(null, 7200, null));
        services.catalog().entitle("test", new dev.gatehouse.apps.Entitlement(catalog, Assignments.PrincipalType.USER, alice.id(),
                ACCOUNT, "ops/CatalogOperator"));

        assertThat(ic.send(ic.admin("/api/apps/" + catalog + "/aws-bundle/script").build()).statusCode())
                .as("a catalog's bundle is per account").isEqualTo(409);
        HttpResponse<String> response = ic.send(ic.admin("/api/apps/" + catalog + "/aws-bundle/script?account=" + ACCOUNT).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Path script = dir.resolve("catalog.sh");
        Files.writeString(script, response.body());
        Peers.Output run = runScript(script, "");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Created SAML provider arn:aws:iam::" + ACCOUNT + ":saml-provider/GatehouseCatalogBundle")
                .contains("Created role CatalogReader").contains("Created role CatalogOperator");
        JsonNode operator = json(aws.aws("iam", "get-role", "--role-name", "CatalogOperator").stdout()).get("Role");
        assertThat(operator.get("Arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/ops/CatalogOperator");
        assertThat(operator.get("MaxSessionDuration").asInt()).isEqualTo(7200);

        String assertion = PostBindingPage.samlResponse(Http.browser(ic.baseUrl()).signIn("alice", TestData.PASSWORD)
                .get("/launch/" + catalog + "/" + ACCOUNT + "/ops/CatalogOperator").body());
        JsonNode assumed = json(aws.awsAs(null, null, "sts", "assume-role-with-saml", "--role-arn",
                "arn:aws:iam::" + ACCOUNT + ":role/ops/CatalogOperator", "--principal-arn",
                "arn:aws:iam::" + ACCOUNT + ":saml-provider/GatehouseCatalogBundle", "--saml-assertion", assertion).stdout());
        assertThat(assumed.get("AssumedRoleUser").get("Arn").asText()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/CatalogOperator/alice");
        assertThat(assumed.get("SourceIdentity").asText()).isEqualTo("alice");

        // the same account as CloudFormation: two roles, each allowed to set the SourceIdentity the catalog sends
        JsonNode template = new YAMLMapper().readTree(ic.send(ic.admin("/api/apps/" + catalog
                + "/aws-bundle/cloudformation?account=" + ACCOUNT).build()).body());
        assertThat(template.at("/Resources/GatehouseRole2/Properties/Path").asText()).isEqualTo("/ops/");
        assertThat(template.at("/Resources/GatehouseRole2/Properties/AssumeRolePolicyDocument/Statement/0/Action").toString())
                .contains("sts:SetSourceIdentity");
        Path json = dir.resolve("catalog.json");
        Files.writeString(json, JSON.writeValueAsString(template));
        Peers.Result checked = Peers.run(List.of("/usr/bin/node", Peers.npmToolScript(), "cfn", json.toString()), java.util.Map.of(), null);
        assertThat(checked.output().strip()).isEqualTo("ok");
    }

    @Test
    void bundlesNeedAnAwsAppWithARolePairAndAKnownFormat() {
        assertThat(ic.send(ic.admin("/api/apps/" + app + "/aws-bundle/pulumi").build()).statusCode()).isEqualTo(404);
        assertThat(ic.send(ic.admin("/api/apps/nope/aws-bundle/script").build()).statusCode()).isEqualTo(404);
        String other = ic.center().services().applications().create("test", new AppInput("external-aws-account", "No role yet",
                null, null, null, null, null)).app().id();
        HttpResponse<String> noRole = ic.send(ic.admin("/api/apps/" + other + "/aws-bundle/script").build());
        assertThat(noRole.statusCode()).isEqualTo(409);
        assertThat(noRole.body()).contains("Map the Role attribute");
    }

    private static String bundle(String format) {
        HttpResponse<String> response = ic.send(ic.admin("/api/apps/" + app + "/aws-bundle/" + format).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        return response.body();
    }

    private static Peers.Output runScript(Path script, String policies) {
        return AwsSideFixtures.runScript(aws, script, policies);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
