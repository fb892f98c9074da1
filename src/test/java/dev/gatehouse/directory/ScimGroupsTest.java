package dev.gatehouse.directory;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.params.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.TestIdentityCenter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class ScimGroupsTest {
    private TestIdentityCenter ic;
    private TestScim scim;
    private String ada;
    private String bob;

    @Parameter
    TestDatabase.Kind database;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start(database);
        scim = new TestScim(ic);
        ada = scim.createUser("ada", "ada@example.com", null);
        bob = scim.createUser("bob", "bob@example.com", null);
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void createWithMembersThenGroupIdsOfResolvesMembership() {
        HttpResponse<String> created = scim.post("/scim/v2/Groups", groupJson("Engineers", ada));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode group = TestScim.json(created);
        String id = group.get("id").asText();
        assertThat(id).matches("g-[0-9a-f]{24}");
        assertThat(group.at("/meta/resourceType").asText()).isEqualTo("Group");
        assertThat(group.at("/members/0/value").asText()).isEqualTo(ada);
        assertThat(group.at("/members/0/display").asText()).isEqualTo("ada");
        assertThat(ic.center().services().directory().groups().groupIdsOf(ada)).containsExactly(id);
        assertThat(ic.center().services().directory().groups().groupIdsOf(bob)).isEmpty();
    }

    @Test
    void createWhenMemberUnknownThenInvalidValueAndNoGroup() {
        HttpResponse<String> created = scim.post("/scim/v2/Groups", groupJson("Ghosts", "u-000000000000000000000000"));

        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(TestScim.json(created).get("scimType").asText()).isEqualTo("invalidValue");
        assertThat(TestScim.json(scim.get("/scim/v2/Groups")).get("totalResults").asInt()).isZero();
    }

    @Test
    void createWhenNameTakenThenConflict() {
        scim.post("/scim/v2/Groups", groupJson("Ops"));

        HttpResponse<String> again = scim.post("/scim/v2/Groups", groupJson("OPS"));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(TestScim.json(again).get("scimType").asText()).isEqualTo("uniqueness");
    }

    @Test
    void patchAddsAndRemovesMembers() {
        String id = TestScim.json(scim.post("/scim/v2/Groups", groupJson("Admins", ada))).get("id").asText();

        HttpResponse<String> added = scim.patch("/scim/v2/Groups/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(bob));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(memberIds(TestScim.json(scim.get("/scim/v2/Groups/" + id)))).containsExactlyInAnyOrder(ada, bob);

        HttpResponse<String> removed = scim.patch("/scim/v2/Groups/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(ada));
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(memberIds(TestScim.json(scim.get("/scim/v2/Groups/" + id)))).containsExactly(bob);
    }

    @Test
    void patchRemoveOfNonMemberThenNoTargetAndNothingChanged() {
        String id = TestScim.json(scim.post("/scim/v2/Groups", groupJson("Solo", ada))).get("id").asText();

        HttpResponse<String> response = scim.patch("/scim/v2/Groups/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]},
                               {"op":"remove","path":"members[value eq \\"u-nobody\\"]"}]}""".formatted(bob));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestScim.json(response).get("scimType").asText()).isEqualTo("noTarget");
        assertThat(memberIds(TestScim.json(scim.get("/scim/v2/Groups/" + id)))).containsExactly(ada);
    }

    @Test
    void listFiltersByDisplayNameAndCanExcludeMembers() {
        scim.post("/scim/v2/Groups", groupJson("Alpha", ada));
        scim.post("/scim/v2/Groups", groupJson("Beta", bob));

        JsonNode list = TestScim.json(scim.get("/scim/v2/Groups?excludedAttributes=members&filter="
                + URLEncoder.encode("displayName eq \"beta\"", StandardCharsets.UTF_8)));

        assertThat(list.get("totalResults").asInt()).isEqualTo(1);
        assertThat(list.at("/Resources/0/displayName").asText()).isEqualTo("Beta");
        assertThat(list.at("/Resources/0").has("members")).isFalse();
    }

    @Test
    void putReplacesNameAndMembers() {
        String id = TestScim.json(scim.post("/scim/v2/Groups", groupJson("Old", ada))).get("id").asText();

        HttpResponse<String> response = scim.put("/scim/v2/Groups/" + id, groupJson("New", bob));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode group = TestScim.json(scim.get("/scim/v2/Groups/" + id));
        assertThat(group.get("displayName").asText()).isEqualTo("New");
        assertThat(memberIds(group)).containsExactly(bob);
    }

    @Test
    void deletingAUserRemovesItFromGroupsAndDeletingAGroupAnswers204() {
        String id = TestScim.json(scim.post("/scim/v2/Groups", groupJson("Both", ada, bob))).get("id").asText();

        assertThat(scim.delete("/scim/v2/Users/" + ada).statusCode()).isEqualTo(204);
        assertThat(memberIds(TestScim.json(scim.get("/scim/v2/Groups/" + id)))).containsExactly(bob);

        assertThat(scim.delete("/scim/v2/Groups/" + id).statusCode()).isEqualTo(204);
        assertThat(scim.get("/scim/v2/Groups/" + id).statusCode()).isEqualTo(404);
    }

    private static String groupJson(String name, String... members) {
        StringBuilder list = new StringBuilder();
        for (String m : members) {
            list.append(list.isEmpty() ? "" : ",").append("{\"value\":\"").append(m).append("\"}");
        }
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[%s]}"""
                .formatted(name, list);
    }

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        group.path("members").forEach(m -> ids.add(m.get("value").asText()));
        return ids;
    }
}
