package dev.gatehouse.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS accounts catalog's JSON API over real HTTP on each database: every endpoint, and every refusal a 4xx
 * naming the field with nothing changed.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class CatalogApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "111122223333";
    static final String ACCOUNT_BODY = "{\"displayName\":\"Prod\",\"samlProviderName\":\"Gatehouse\",\"signInUrl\":\"https://us-east-2.signin.aws.amazon.com/saml\"}";
    static TestIdentityCenter ic;

    @Parameter
    TestDatabase.Kind database;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase.Kind database) {
        ic = TestIdentityCenter.start(database);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        ic.close();
    }

    @Test
    void accountsWhenPutThenListedReplacedAndDeleted() throws Exception {
        String id = catalog();
        var created = send("PUT", "/api/apps/" + id + "/accounts/" + ACCOUNT, ACCOUNT_BODY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("samlProviderArn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":saml-provider/Gatehouse");
        var replaced = send("PUT", "/api/apps/" + id + "/accounts/" + ACCOUNT,
                "{\"displayName\":\"Production\",\"samlProviderName\":\"Gatehouse\",\"signInUrl\":\"https://signin.aws.amazon.com/saml\","
                + "\"stsEndpoint\":\"https://sts.eu-west-1.amazonaws.com\"}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(send("GET", "/api/apps/" + id + "/accounts", null).body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("displayName").asText()).isEqualTo("Production");
        assertThat(list.get(0).get("signInUrl").asText()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(list.get(0).get("stsEndpoint").asText()).isEqualTo("https://sts.eu-west-1.amazonaws.com");
        assertThat(send("DELETE", "/api/apps/" + id + "/accounts/" + ACCOUNT, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/apps/" + id + "/accounts/" + ACCOUNT, null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(send("GET", "/api/apps/" + id + "/accounts", null).body())).isEmpty();
    }

    @Test
    void accountsWhenBadThen400NamingTheFieldAndNothingStored() throws Exception {
        String id = catalog();
        assertRefused(id, "PUT", "/accounts/12345", ACCOUNT_BODY, "accountId must be 12 digits");
        assertRefused(id, "PUT", "/accounts/" + ACCOUNT, "{\"displayName\":\"\",\"samlProviderName\":\"Gatehouse\"}", "displayName is required");
        assertRefused(id, "PUT", "/accounts/" + ACCOUNT, "{\"displayName\":\"P\",\"samlProviderName\":\"has space\"}", "samlProviderName must be");
        assertRefused(id, "PUT", "/accounts/" + ACCOUNT, "{\"displayName\":\"P\",\"samlProviderName\":\"G\",\"signInUrl\":\"https://evil.example/acs\"}", "signInUrl must be");
        assertRefused(id, "PUT", "/accounts/" + ACCOUNT, "{\"displayName\":\"P\",\"samlProviderName\":\"G\",\"colour\":\"red\"}", "Unknown field");
        assertRefused(id, "PUT", "/accounts/" + ACCOUNT, "{\"displayName\":\"P\",\"samlProviderName\":\"G\",\"stsEndpoint\":\"sts here\"}", "stsEndpoint, when given");
        assertRefused(id, "PUT", "/accounts/" + ACCOUNT, "{not json", "not valid JSON");
        assertThat(JSON.readTree(send("GET", "/api/apps/" + id + "/accounts", null).body())).isEmpty();
        // Not a catalog, or no such instance: 404, whatever the body.
        String guide = TestData.awsApp(ic, "Guide", "https://signin.aws.amazon.com/saml");
        assertThat(send("PUT", "/api/apps/" + guide + "/accounts/" + ACCOUNT, ACCOUNT_BODY).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/apps/app-nope/accounts", null).statusCode()).isEqualTo(404);
    }

    @Test
    void rolesWhenPutThenListedWithTrustPolicyReplacedAndDeleted() throws Exception {
        String id = catalogWithAccount();
        var created = send("PUT", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles/team/Deployer",
                "{\"description\":\"Deploys\",\"sessionDurationSeconds\":7200,\"relayState\":\"/console/home\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode role = JSON.readTree(created.body());
        assertThat(role.get("roleArn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/team/Deployer");
        JsonNode policy = JSON.readTree(role.get("trustPolicy").asText());
        JsonNode statement = policy.get("Statement").get(0);
        assertThat(statement.get("Principal").get("Federated").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":saml-provider/Gatehouse");
        // SourceIdentity is mapped by default; no tags yet, so no sts:TagSession.
        assertThat(statement.get("Action").toString()).isEqualTo("[\"sts:AssumeRoleWithSAML\",\"sts:SetSourceIdentity\"]");
        assertThat(statement.get("Condition").get("StringEquals").get("SAML:aud").asText()).isEqualTo("https://us-east-2.signin.aws.amazon.com/saml");

        assertThat(send("PUT", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles/team/Deployer", "{\"sessionDurationSeconds\":900}").statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles/ReadOnly", "{}").statusCode()).isEqualTo(201);
        JsonNode roles = JSON.readTree(send("GET", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles", null).body());
        assertThat(roles.findValuesAsText("roleName")).containsExactly("ReadOnly", "team/Deployer");
        assertThat(roles.get(1).get("sessionDurationSeconds").asInt()).isEqualTo(900);
        assertThat(roles.get(0).get("sessionDurationSeconds").asInt()).isEqualTo(3600);

        // Tags mapped: the trust policy asks for sts:TagSession too.
        var mapped = send("PUT", "/api/apps/" + id + "/attribute-mappings", "[" + row("Subject", "${user:subject}", "persistent") + ","
                + row(AwsSamlRules.ROLE_SESSION_NAME, "${user:preferredUsername}", "unspecified") + ","
                + row(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "Email", "${user:email}", "unspecified") + "]");
        assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(200);
        String tagged = JSON.readTree(send("GET", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles", null).body()).get(0).get("trustPolicy").asText();
        assertThat(JSON.readTree(tagged).get("Statement").get(0).get("Action").toString()).isEqualTo("[\"sts:AssumeRoleWithSAML\",\"sts:TagSession\"]");

        assertThat(send("DELETE", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles/team/Deployer", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles/team/Deployer", null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(send("GET", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles", null).body()).findValuesAsText("roleName"))
                .containsExactly("ReadOnly");
    }

    @Test
    void rolesWhenBadThen4xxNamingTheFieldAndNothingStored() throws Exception {
        String id = catalogWithAccount();
        assertRefused(id, "PUT", "/accounts/" + ACCOUNT + "/roles/has%20space", "{}", "roleName");
        assertRefused(id, "PUT", "/accounts/" + ACCOUNT + "/roles/" + "x".repeat(65), "{}", "is not an IAM role name");
        assertRefused(id, "PUT", "/accounts/" + ACCOUNT + "/roles/Admin", "{\"sessionDurationSeconds\":60}", "sessionDurationSeconds must be from 900");
        assertRefused(id, "PUT", "/accounts/" + ACCOUNT + "/roles/Admin", "{\"relayState\":\"" + "r".repeat(241) + "\"}", "relayState is limited");
        assertThat(send("PUT", "/api/apps/" + id + "/accounts/999999999999/roles/Admin", "{}").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/apps/" + id + "/accounts/999999999999/roles", null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(send("GET", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles", null).body())).isEmpty();
    }

    @Test
    void entitlementsWhenPostedThenListedAndDeletable() throws Exception {
        String id = catalogWithAccount();
        send("PUT", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles/Admin", "{}");
        String userId = TestData.user(ic, "ent-" + database.name().toLowerCase() + "-" + id, null).id();
        String groupId = ic.center().services().directory().createGroup("test", "Ops " + id, List.of(userId)).id();
        String userBody = "{\"principalType\":\"USER\",\"principalId\":\"" + userId + "\",\"accountId\":\"" + ACCOUNT + "\",\"roleName\":\"Admin\"}";
        String groupBody = "{\"principalType\":\"GROUP\",\"principalId\":\"" + groupId + "\",\"accountId\":\"" + ACCOUNT + "\",\"roleName\":\"Admin\"}";
        assertThat(send("POST", "/api/apps/" + id + "/entitlements", userBody).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/apps/" + id + "/entitlements", userBody).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/apps/" + id + "/entitlements", groupBody).statusCode()).isEqualTo(201);
        JsonNode list = JSON.readTree(send("GET", "/api/apps/" + id + "/entitlements", null).body());
        assertThat(list.findValuesAsText("principalType")).containsExactly("USER", "GROUP");
        assertThat(ic.center().services().catalog().entitledAwsRoles(userId)).hasSize(1);

        assertThat(send("DELETE", "/api/apps/" + id + "/entitlements", userBody).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/apps/" + id + "/entitlements", userBody).statusCode()).isEqualTo(404);
        assertThat(ic.center().services().catalog().entitledAwsRoles(userId)).hasSize(1); // still through the group
        // Deleting the role takes its entitlements with it.
        assertThat(send("DELETE", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles/Admin", null).statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(send("GET", "/api/apps/" + id + "/entitlements", null).body())).isEmpty();
        assertThat(ic.center().services().catalog().entitledAwsRoles(userId)).isEmpty();
    }

    @Test
    void entitlementsWhenBadThen400NamingTheFieldAndNothingStored() throws Exception {
        String id = catalogWithAccount();
        send("PUT", "/api/apps/" + id + "/accounts/" + ACCOUNT + "/roles/Admin", "{}");
        String userId = TestData.user(ic, "bad-" + database.name().toLowerCase() + "-" + id, null).id();
        assertRefused(id, "POST", "/entitlements", "{\"principalType\":\"USER\",\"principalId\":\"u-nope\",\"accountId\":\"" + ACCOUNT + "\",\"roleName\":\"Admin\"}", "principalId: no user with id u-nope");
        assertRefused(id, "POST", "/entitlements", "{\"principalType\":\"ROBOT\",\"principalId\":\"" + userId + "\",\"accountId\":\"" + ACCOUNT + "\",\"roleName\":\"Admin\"}", "principalType must be USER or GROUP");
        assertRefused(id, "POST", "/entitlements", "{\"principalType\":\"USER\",\"principalId\":\"" + userId + "\",\"accountId\":\"" + ACCOUNT + "\",\"roleName\":\"Nope\"}", "roleName: role Nope is not in the catalog");
        assertRefused(id, "POST", "/entitlements", "{\"principalType\":\"USER\",\"principalId\":\"" + userId + "\",\"accountId\":\"444455556666\",\"roleName\":\"Admin\"}", "accountId: account 444455556666 is not in this catalog");
        assertRefused(id, "POST", "/entitlements", "{\"principalType\":\"USER\",\"principalId\":\"" + userId + "\",\"accountId\":\"" + ACCOUNT + "\"}", "roleName is required");
        assertRefused(id, "POST", "/entitlements", "", "empty");
        assertThat(JSON.readTree(send("GET", "/api/apps/" + id + "/entitlements", null).body())).isEmpty();
        assertThat(send("DELETE", "/api/apps/" + id + "/entitlements", "{\"principalType\":\"USER\",\"principalId\":\"" + userId
                + "\",\"accountId\":\"" + ACCOUNT + "\",\"roleName\":\"Admin\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void mappingsWhenCatalogThenAwsTagLimitsCheckedAtSave() throws Exception {
        String id = catalog();
        String path = "/api/apps/" + id + "/attribute-mappings";
        assertThat(JSON.readTree(send("GET", path, null).body()).findValuesAsText("attribute"))
                .containsExactly("Subject", AwsSamlRules.ROLE_SESSION_NAME, AwsSamlRules.SOURCE_IDENTITY);
        String before = send("GET", path, null).body();
        assertRefused(id, "PUT", "/attribute-mappings", "[" + row(AwsSamlRules.ROLE, TestData.PROVIDER_ARN + "," + TestData.ROLE_ARN, "unspecified") + "]", "sends the Role of the (account, role) pair");
        assertRefused(id, "PUT", "/attribute-mappings", "[" + row(AwsSamlRules.SOURCE_IDENTITY, "aws:me", "unspecified") + "]", "SourceIdentity \\\"aws:me\\\" must match");
        assertRefused(id, "PUT", "/attribute-mappings", "[" + row(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "aws:team", "x", "unspecified") + "]", "Session tag key \\\"aws:team\\\" must be");
        assertRefused(id, "PUT", "/attribute-mappings", "[" + row(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "Team", "a;b", "unspecified") + "]", "Session tag Team: the value must be");
        assertRefused(id, "PUT", "/attribute-mappings", "[" + row(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "Team", "a", "unspecified") + ","
                + row(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "team", "b", "unspecified") + "]", "case-insensitive");
        assertRefused(id, "PUT", "/attribute-mappings", "[" + row(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "Team", "a", "unspecified") + ","
                + row(AwsSamlRules.TRANSITIVE_TAG_KEYS, "Project", "unspecified") + "]", "TransitiveTagKeys names \\\"Project\\\"");
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            tooMany.append(i == 0 ? "" : ",").append(row(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "k" + i, "v", "unspecified"));
        }
        tooMany.append(",").append(row("Subject", "${user:subject}", "persistent")).append("]");
        assertThat(send("PUT", path, tooMany.toString()).statusCode()).isEqualTo(400); // 51 rows: over MAX_ROWS as well
        assertThat(send("GET", path, null).body()).isEqualTo(before);
        var ok = send("PUT", path, "[" + row("Subject", "${user:subject}", "persistent") + ","
                + row(AwsSamlRules.ROLE_SESSION_NAME, "${user:preferredUsername}", "unspecified") + ","
                + row(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "Team", "Platform Engineering", "unspecified") + ","
                + row(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "Email", "${user:email}", "unspecified") + ","
                + row(AwsSamlRules.TRANSITIVE_TAG_KEYS, "Team", "unspecified") + ","
                + row(AwsSamlRules.TRANSITIVE_TAG_KEYS, "Email", "unspecified") + "]");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void catalogApiWhenNoTokenThen401() {
        String id = catalog();
        var anonymous = ic.send(HttpRequest.newBuilder(java.net.URI.create(ic.baseUrl() + "/api/apps/" + id + "/accounts")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static void assertRefused(String appId, String method, String path, String body, String message) throws Exception {
        var response = send(method, "/api/apps/" + appId + path, body);
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.body()).contains(message);
    }

    static String row(String attribute, String value, String format) {
        return "{\"attribute\":\"" + attribute + "\",\"value\":\"" + value + "\",\"format\":\"" + format + "\"}";
    }

    private static String catalog() {
        try {
            return JSON.readTree(send("POST", "/api/apps", "{\"template\":\"aws-account-catalog\",\"displayName\":\"AWS\"}").body())
                    .get("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String catalogWithAccount() {
        String id = catalog();
        assertThat(send("PUT", "/api/apps/" + id + "/accounts/" + ACCOUNT, ACCOUNT_BODY).statusCode()).isEqualTo(201);
        return id;
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        return ic.send(ic.admin(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
