package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.TestIdentityCenter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The discovery endpoints (RFC 7644 §4) as a provisioning client reads them before its first change. */
class ScimDiscoveryTest {
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private TestIdentityCenter ic;
    private TestScim scim;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start();
        scim = new TestScim(ic);
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void serviceProviderConfigSaysWhatIsSupported() {
        HttpResponse<String> response = scim.get("/scim/v2/ServiceProviderConfig");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/scim+json"));
        JsonNode config = TestScim.json(response);
        assertThat(config.at("/schemas/0").asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        assertThat(config.at("/patch/supported").asBoolean()).isTrue();
        assertThat(config.at("/etag/supported").asBoolean()).isTrue();
        assertThat(config.at("/filter/supported").asBoolean()).isTrue();
        assertThat(config.at("/filter/maxResults").asInt()).isEqualTo(ListQuery.MAX_COUNT);
        assertThat(config.at("/bulk/supported").asBoolean(true)).isFalse();
        assertThat(config.at("/sort/supported").asBoolean()).isTrue();
        assertThat(config.at("/authenticationSchemes/0/type").asText()).isEqualTo("oauthbearertoken");
        assertThat(config.at("/meta/location").asText()).isEqualTo(ic.baseUrl() + "/scim/v2/ServiceProviderConfig");
    }

    @Test
    void resourceTypesListUsersWithTheirExtensionAndGroups() {
        JsonNode list = TestScim.json(scim.get("/scim/v2/ResourceTypes"));

        assertThat(list.at("/schemas/0").asText()).isEqualTo(ScimJson.LIST_RESPONSE);
        assertThat(list.get("totalResults").asInt()).isEqualTo(2);
        assertThat(texts(list.get("Resources"), "id")).containsExactly("User", "Group");
        JsonNode user = TestScim.json(scim.get("/scim/v2/ResourceTypes/User"));
        assertThat(user.get("endpoint").asText()).isEqualTo("/Users");
        assertThat(user.get("schema").asText()).isEqualTo(USER);
        assertThat(user.at("/schemaExtensions/0/schema").asText()).isEqualTo(ScimUserEdit.EXTENSION);
        assertThat(user.at("/schemaExtensions/1/schema").asText()).isEqualTo(ScimUserEdit.ENTERPRISE);
        assertThat(TestScim.json(scim.get("/scim/v2/ResourceTypes/Group")).get("schema").asText())
                .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Group");
    }

    @Test
    void schemasDescribeEveryAttributeTheServerKeeps() {
        JsonNode list = TestScim.json(scim.get("/scim/v2/Schemas"));

        assertThat(texts(list.get("Resources"), "id")).containsExactly(USER, ScimUserEdit.EXTENSION, ScimUserEdit.ENTERPRISE,
                "urn:ietf:params:scim:schemas:core:2.0:Group");
        HttpResponse<String> response = scim.get("/scim/v2/Schemas/" + USER);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode user = TestScim.json(response);
        assertThat(texts(user.get("attributes"), "name"))
                .containsExactly("userName", "name", "displayName", "emails", "active", "password", "locale");
        JsonNode password = user.at("/attributes/5");
        assertThat(password.get("mutability").asText()).isEqualTo("writeOnly");
        assertThat(password.get("returned").asText()).isEqualTo("never");
        assertThat(user.at("/attributes/0/uniqueness").asText()).isEqualTo("server");
        assertThat(user.at("/attributes/0/required").asBoolean()).isTrue();
    }

    @Test
    void unknownSchemaOrResourceTypeIs404InScimsErrorShape() {
        for (String path : List.of("/scim/v2/Schemas/urn:nope", "/scim/v2/ResourceTypes/Printer")) {
            HttpResponse<String> response = scim.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/scim+json"));
            assertThat(TestScim.json(response).at("/schemas/0").asText()).isEqualTo(ScimHandlers.ERROR_SCHEMA);
        }
    }

    @Test
    void discoveryNeedsTheAdminToken() {
        HttpResponse<String> response = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/scim/v2/ServiceProviderConfig")).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.get(field).asText()));
        return out;
    }
}
