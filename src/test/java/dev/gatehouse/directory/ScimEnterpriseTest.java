package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.Placeholders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCIM's enterprise extension (RFC 7643 §4.3) and {@code locale} over HTTP: Entra ID's PATCH on the extension's
 * URN paths (the manager as a bare id), Okta's and the RFC's nested object on PUT and on a PATCH without path,
 * returned, filterable, announced in discovery, read by attribute-mapping placeholders; {@code If-None-Match} and
 * {@code If-Match}; bad values refused with 400 and nothing changed.
 */
class ScimEnterpriseTest {
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private TestIdentityCenter ic;
    private TestScim scim;
    private Directory directory;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start();
        scim = new TestScim(ic);
        directory = ic.center().services().directory();
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonNode patch(String id, String operations) {
        HttpResponse<String> r = scim.patch("/scim/v2/Users/" + id, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operations + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestScim.json(r);
    }

    @Test
    void entraPatchesTheExtensionByUrnPathsAndTheManagerAsABareId() {
        String boss = scim.createUser("boss", "boss@example.com", null);
        String id = scim.createUser("Test_User_1", "t1@example.com", null);
        JsonNode out = patch(id, """
                {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Marketing"},
                {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"E-1001"},
                {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter","value":"CC-7"},
                {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"%s"},
                {"op":"Replace","path":"locale","value":"en-US"}""".formatted(boss));
        assertThat(out.get("schemas").toString()).contains(ENTERPRISE);
        assertThat(out.at("/" + ENTERPRISE + "/department").asText()).isEqualTo("Marketing");
        assertThat(out.at("/" + ENTERPRISE + "/manager/value").asText()).isEqualTo(boss);
        assertThat(out.at("/" + ENTERPRISE + "/manager/displayName").asText()).as("no displayName: the userName").isEqualTo("boss");
        assertThat(out.at("/" + ENTERPRISE + "/manager/$ref").asText()).endsWith("/scim/v2/Users/" + boss);
        assertThat(out.get("locale").asText()).isEqualTo("en-US");
        User stored = directory.users().find(id).orElseThrow();
        assertThat(stored.enterprise()).isEqualTo(new Enterprise("E-1001", "CC-7", null, null, "Marketing", boss));

        // Entra's guide: "path": "manager" with a one-element array; then the manager removed.
        patch(id, """
                {"op":"Add","path":"manager","value":[{"$ref":null,"value":"%s"}]}""".formatted(boss));
        assertThat(directory.users().find(id).orElseThrow().enterprise().managerId()).isEqualTo(boss);
        patch(id, """
                {"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}""");
        assertThat(directory.users().find(id).orElseThrow().enterprise().managerId()).isNull();
        JsonNode filtered = TestScim.json(scim.get("/scim/v2/Users?filter=" + encode(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"marketing\"")));
        assertThat(filtered.get("totalResults").asInt()).isEqualTo(1);
        assertThat(filtered.at("/Resources/0/id").asText()).isEqualTo(id);
        assertThat(TestScim.json(scim.get("/scim/v2/Users?filter=" + encode(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"E-1001\" and locale sw \"en\"")))
                .get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void oktaSendsTheExtensionAsANestedObjectOnPutAndOnAPatchWithoutPath() {
        String boss = scim.createUser("boss", "boss@example.com", null);
        HttpResponse<String> created = scim.post("/scim/v2/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
                 "userName":"okta.user@example.com","locale":"de-DE","active":true,
                 "%s":{"employeeNumber":"42","organization":"Example AG","division":"Ops","department":"SRE",
                       "manager":{"value":"%s","displayName":"ignored"}}}""".formatted(ENTERPRISE, ENTERPRISE, boss));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestScim.json(created).get("id").asText();
        assertThat(directory.users().find(id).orElseThrow().enterprise())
                .isEqualTo(new Enterprise("42", null, "Example AG", "Ops", "SRE", boss));

        JsonNode patched = patch(id, """
                {"op":"replace","value":{"%s":{"department":"Platform"},"name":{"givenName":"Okta"}}}""".formatted(ENTERPRISE));
        assertThat(patched.at("/" + ENTERPRISE + "/department").asText()).isEqualTo("Platform");
        assertThat(patched.at("/" + ENTERPRISE + "/organization").asText()).as("untouched").isEqualTo("Example AG");
        JsonNode projected = TestScim.json(scim.get("/scim/v2/Users/" + id + "?attributes=" + encode(ENTERPRISE + ":department")));
        assertThat(projected.get(ENTERPRISE).toString()).isEqualTo("{\"department\":\"Platform\"}");
        assertThat(projected.has("emails")).isFalse();
        JsonNode sorted = TestScim.json(scim.get("/scim/v2/Users?sortBy=" + encode(ENTERPRISE + ":department") + "&sortOrder=ascending"));
        assertThat(sorted.at("/Resources/0/id").asText()).as("the only one with a department: first ascending (missing values last)").isEqualTo(id);

        HttpResponse<String> put = scim.put("/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"okta.user@example.com","active":true}""");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(directory.users().find(id).orElseThrow().enterprise()).as("a PUT replaces everything").isEqualTo(Enterprise.NONE);
        assertThat(TestScim.json(put).get("schemas").toString()).doesNotContain(ENTERPRISE);
    }

    @Test
    void placeholdersReadTheEnterpriseAttributes() {
        String boss = scim.createUser("boss", "boss@example.com", null);
        String id = scim.createUser("worker", "w@example.com", null);
        patch(id, """
                {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","value":
                 {"department":"Finance","costCenter":"CC-1","employeeNumber":"7","organization":"Org","division":"Div","manager":{"value":"%s"}}}"""
                .formatted(boss));
        UserClaims claims = new ActiveUsers(directory.users(), directory.groups()).claims(id).orElseThrow();
        assertThat(Placeholders.substitute("${user:department}/${user:costCenter}/${user:employeeNumber}/${user:organization}/${user:division}/${user:manager}", claims))
                .isEqualTo("Finance/CC-1/7/Org/Div/boss");
        assertThat(Placeholders.problems("${user:department}")).isEmpty();
    }

    @Test
    void discoveryAnnouncesTheExtension() {
        JsonNode type = TestScim.json(scim.get("/scim/v2/ResourceTypes/User"));
        assertThat(type.get("schemaExtensions").toString()).contains(ENTERPRISE);
        HttpResponse<String> schema = scim.get("/scim/v2/Schemas/" + ENTERPRISE);
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("\"costCenter\"").contains("\"manager\"");
        assertThat(TestScim.json(scim.get("/scim/v2/Schemas")).toString()).contains(ENTERPRISE);
    }

    @Test
    void etagsAnswerIfNoneMatchAndIfMatch() {
        String id = scim.createUser("etag", "e@example.com", null);
        HttpResponse<String> read = scim.get("/scim/v2/Users/" + id);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> same = ic.send(ic.admin("/scim/v2/Users/" + id).header("If-None-Match", etag).GET().build());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        HttpResponse<String> stale = ic.send(ic.admin("/scim/v2/Users/" + id).header("If-None-Match", "W/\"999\"").GET().build());
        assertThat(stale.statusCode()).isEqualTo(200);
        HttpResponse<String> conflict = ic.send(ic.admin("/scim/v2/Users/" + id).header("Content-Type", TestScim.SCIM_JSON)
                .header("If-Match", "W/\"999\"").method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"locale\",\"value\":\"fr-FR\"}]}")).build());
        assertThat(conflict.statusCode()).isEqualTo(412);
        assertThat(directory.users().find(id).orElseThrow().locale()).isNull();
    }

    @Test
    void badEnterpriseValuesAre400AndChangeNothing() {
        String id = scim.createUser("strict", "s@example.com", null);
        int version = directory.users().find(id).orElseThrow().version();
        String[] bad = {
                "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\",\"value\":42}",
                "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize\",\"value\":\"9\"}",
                "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\",\"value\":\"flat\"}",
                "{\"op\":\"replace\",\"path\":\"manager\",\"value\":{\"value\":\"x\",\"boss\":true}}",
                "{\"op\":\"replace\",\"path\":\"manager\",\"value\":[{\"value\":\"a\"},{\"value\":\"b\"}]}",
                "{\"op\":\"replace\",\"path\":\"manager\",\"value\":7}",
                "{\"op\":\"replace\",\"path\":\"locale\",\"value\":\"not a locale\"}",
                "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division\",\"value\":\"" + "x".repeat(300) + "\"}"};
        for (String op : bad) {
            HttpResponse<String> r = scim.patch("/scim/v2/Users/" + id, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + op + "]}");
            assertThat(r.statusCode()).as(op + " → " + r.body()).isEqualTo(400);
        }
        assertThat(directory.users().find(id).orElseThrow().version()).isEqualTo(version);
        HttpResponse<String> badFilter = scim.get("/scim/v2/Users?filter=" + encode(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize eq \"9\""));
        assertThat(badFilter.statusCode()).isEqualTo(400);
    }
}
