package dev.gatehouse.apps;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestIdentityCenter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The applications JSON API over real HTTP: instances, templates, mapping rules and assignments. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AppsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROVIDER = "arn:aws:iam::123456789012:saml-provider/Gatehouse";
    static final String ROLE = "arn:aws:iam::123456789012:role/ReadOnly";
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
    void templatesListBothTemplates() throws Exception {
        JsonNode templates = JSON.readTree(send("GET", "/api/app-templates", null).body());
        assertThat(templates.findValuesAsText("id")).containsExactly("external-aws-account", "aws-account-catalog", "custom-saml");
    }

    @Test
    void createWhenAwsTemplateThenDefaultsAndLifecycle() throws Exception {
        var created = send("POST", "/api/apps", "{\"template\":\"external-aws-account\",\"displayName\":\"Prod\",\"description\":\"d\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode app = JSON.readTree(created.body());
        String id = app.get("id").asText();
        assertThat(app.get("acsUrl").asText()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(app.get("audience").asText()).isEqualTo("urn:amazon:webservices");
        assertThat(app.get("sessionDurationSeconds").asInt()).isEqualTo(3600);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/apps/" + id);

        var patched = send("PATCH", "/api/apps/" + id, "{\"acsUrl\":\"http://localhost:4566/saml\",\"relayState\":\"/console/home\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(patched.body()).get("acsUrl").asText()).isEqualTo("http://localhost:4566/saml");
        assertThat(JSON.readTree(send("GET", "/api/apps/" + id, null).body()).get("relayState").asText()).isEqualTo("/console/home");
        assertThat(JSON.readTree(send("GET", "/api/apps", null).body()).findValuesAsText("id")).contains(id);

        var second = send("POST", "/api/apps", "{\"template\":\"external-aws-account\",\"displayName\":\"Prod\"}");
        assertThat(JSON.readTree(second.body()).get("warnings").get(0).asText()).contains("unique display name");

        assertThat(send("DELETE", "/api/apps/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/apps/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void createWhenInputIsBadThen400AndNothingStored() throws Exception {
        int before = JSON.readTree(send("GET", "/api/apps", null).body()).size();
        assertThat(send("POST", "/api/apps", "{\"template\":\"nope\",\"displayName\":\"X\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/apps", "{\"template\":\"custom-saml\",\"displayName\":\"X\"}").body())
                .contains("acsUrl must be an absolute http or https URL");
        assertThat(send("POST", "/api/apps", "{\"template\":\"external-aws-account\",\"displayName\":\"\",\"sessionDurationSeconds\":60}").body())
                .contains("displayName is required").contains("sessionDurationSeconds must be from 900");
        assertThat(send("POST", "/api/apps", "{not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/apps", "{\"template\":\"custom-saml\",\"colour\":\"red\"}").body()).contains("Unknown field");
        assertThat(send("POST", "/api/apps", "").statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(send("GET", "/api/apps", null).body()).size()).isEqualTo(before);
    }

    @Test
    void mappingsWhenValidThenSavedAndReturned() throws Exception {
        String id = awsApp();
        String rows = "[{\"attribute\":\"Subject\",\"value\":\"${user:email}\",\"format\":\"emailAddress\"},"
                + "{\"attribute\":\"https://aws.amazon.com/SAML/Attributes/Role\",\"value\":\"" + ROLE + "," + PROVIDER + "\",\"format\":\"unspecified\"},"
                + "{\"attribute\":\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\",\"value\":\"${user:preferredUsername}\",\"format\":\"unspecified\"},"
                + "{\"attribute\":\"https://aws.amazon.com/SAML/Attributes/SessionDuration\",\"value\":\"7200\",\"format\":\"unspecified\"}]";
        var saved = send("PUT", "/api/apps/" + id + "/attribute-mappings", rows);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(JSON.readTree(send("GET", "/api/apps/" + id + "/attribute-mappings", null).body()).size()).isEqualTo(4);
    }

    @Test
    void mappingsWhenSecondRoleRowThenRefusedQuotingTheGuideAndUnchanged() throws Exception {
        String id = awsApp();
        String before = send("GET", "/api/apps/" + id + "/attribute-mappings", null).body();
        var response = send("PUT", "/api/apps/" + id + "/attribute-mappings", "["
                + role(PROVIDER + "," + ROLE) + "," + role(PROVIDER + "," + "arn:aws:iam::123456789012:role/Admin") + "]");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("only supports one IAM Role attribute mapping per application instance");
        assertThat(send("GET", "/api/apps/" + id + "/attribute-mappings", null).body()).isEqualTo(before);
    }

    @Test
    void mappingsWhenArnsMalformedThenRefusedNamingWhichOne() throws Exception {
        String id = awsApp();
        assertThat(send("PUT", "/api/apps/" + id + "/attribute-mappings", "[" + role("arn:aws:iam::123:saml-provider/X," + ROLE) + "]").body())
                .contains("no valid SAML provider ARN");
        assertThat(send("PUT", "/api/apps/" + id + "/attribute-mappings", "[" + role(PROVIDER + ",arn:aws:iam::123456789012:user/Bob") + "]").body())
                .contains("no valid role ARN");
        assertThat(send("PUT", "/api/apps/" + id + "/attribute-mappings", "[" + role(ROLE) + "]").body())
                .contains("two ARNs separated by a comma");
    }

    @Test
    void mappingsWhenUnknownPlaceholderOrBadLiteralSessionNameThenRefused() throws Exception {
        String id = awsApp();
        var unknown = send("PUT", "/api/apps/" + id + "/attribute-mappings",
                "[{\"attribute\":\"Subject\",\"value\":\"${user:phone}\",\"format\":\"persistent\"}]");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unknown placeholder ${user:phone}");
        var literal = send("PUT", "/api/apps/" + id + "/attribute-mappings",
                "[{\"attribute\":\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\",\"value\":\"John Smith\",\"format\":\"unspecified\"}]");
        assertThat(literal.statusCode()).isEqualTo(400);
        assertThat(literal.body()).contains("must match [a-zA-Z_0-9+=,.@-]{2,64}");
        var badFormat = send("PUT", "/api/apps/" + id + "/attribute-mappings",
                "[{\"attribute\":\"Subject\",\"value\":\"${user:email}\",\"format\":\"basic\"}]");
        assertThat(badFormat.body()).contains("format \\\"basic\\\" is not allowed for Subject");
    }

    @Test
    void assignmentsWhenPrincipalUnknownThen400WhenKnownThenListedAndRemovable() throws Exception {
        String id = awsApp();
        assertThat(send("POST", "/api/apps/" + id + "/assignments", "{\"principalType\":\"USER\",\"principalId\":\"u-nope\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/apps/" + id + "/assignments", "{\"principalType\":\"ROBOT\",\"principalId\":\"x\"}").statusCode()).isEqualTo(400);
        var user = send("POST", "/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"assignee\"}");
        String userId = JSON.readTree(user.body()).get("id").asText();
        assertThat(send("POST", "/api/apps/" + id + "/assignments", "{\"principalType\":\"USER\",\"principalId\":\"" + userId + "\"}").statusCode()).isEqualTo(201);
        assertThat(send("GET", "/api/apps/" + id + "/assignments", null).body()).contains(userId);
        assertThat(send("DELETE", "/api/apps/" + id + "/assignments/USER/" + userId, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/apps/" + id + "/assignments", null).body()).doesNotContain(userId);
        String body = "{\"principalType\":\"USER\",\"principalId\":\"" + userId + "\"}";
        assertThat(send("POST", "/api/apps/" + id + "/assignments", body).statusCode()).isEqualTo(201);
        assertThat(send("DELETE", "/api/apps/" + id + "/assignments", body).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/apps/" + id + "/assignments", body).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/apps/" + id + "/assignments", null).body()).doesNotContain(userId);
    }

    @Test
    void apiWhenNoTokenThen401AndMetadataStaysPublic() throws Exception {
        String id = awsApp();
        var anonymous = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        var metadata = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps/" + id + "/saml-metadata")).build());
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("IDPSSODescriptor");
    }

    private static String role(String value) {
        return "{\"attribute\":\"https://aws.amazon.com/SAML/Attributes/Role\",\"value\":\"" + value + "\",\"format\":\"unspecified\"}";
    }

    private static String awsApp() throws Exception {
        return JSON.readTree(send("POST", "/api/apps", "{\"template\":\"external-aws-account\",\"displayName\":\"A\"}").body())
                .get("id").asText();
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        return ic.send(ic.admin(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
