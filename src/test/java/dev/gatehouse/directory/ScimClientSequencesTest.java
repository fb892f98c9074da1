package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.audit.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PATCH requests Microsoft Entra ID's and Okta's SCIM guides print, replayed against the running server in
 * the order the clients send them, each step checked in the response and in the directory (Okta's create body
 * with its {@code "locale"}).
 */
class ScimClientSequencesTest {
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private TestIdentityCenter ic;
    private TestScim scim;
    private Directory directory;
    private AuditLog audit;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start();
        scim = new TestScim(ic);
        directory = ic.center().services().directory();
        audit = ic.center().services().audit();
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void entraUserLifecycle() {
        String userName = "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1";
        HttpResponse<String> none = scim.get("/scim/v2/Users?filter=" + encode("userName eq \"" + userName + "\""));
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(TestScim.json(none).get("totalResults").asInt()).isZero();

        HttpResponse<String> created = scim.post("/scim/v2/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"Test_User_fd0ea19b@testuser.com"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
                 "roles":[]}"""
                .formatted(userName));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = TestScim.json(created).get("id").asText();

        JsonNode found = TestScim.json(scim.get("/scim/v2/Users?filter=" + encode("userName eq \"" + userName + "\"")));
        assertThat(found.get("totalResults").asInt()).isEqualTo(1);
        assertThat(found.at("/Resources/0/id").asText()).isEqualTo(id);
        assertThat(directory.users().find(id).orElseThrow().externalId()).isEqualTo("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef");
        JsonNode byExternalId = TestScim.json(scim.get("/scim/v2/Users?filter=" + encode("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"")));
        assertThat(byExternalId.at("/Resources/0/externalId").asText()).isEqualTo("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef");
        assertThat(byExternalId.at("/Resources/0/id").asText()).isEqualTo(id);
        // externalId is case-exact (RFC 7643 §3.1).
        assertThat(TestScim.json(scim.get("/scim/v2/Users?filter=" + encode("externalId eq \"0A21F0F2-8D2A-4F8E-BF98-7363C4AED4EF\"")))
                .get("totalResults").asInt()).isZero();

        HttpResponse<String> multi = scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["%s"],"Operations":[
                 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updatedEmail@microsoft.com"},
                 {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]}""".formatted(PATCH_OP));
        assertThat(multi.statusCode()).isEqualTo(200);
        User updated = directory.users().find(id).orElseThrow();
        assertThat(updated.email()).isEqualTo("updatedEmail@microsoft.com");
        assertThat(updated.familyName()).isEqualTo("updatedFamilyName");

        HttpResponse<String> renamed = scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["%s"],"Operations":[
                 {"op":"Replace","path":"userName","value":"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]}"""
                .formatted(PATCH_OP));
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(directory.users().find(id).orElseThrow().userName()).isEqualTo("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com");

        // Entra without the "aadOptscim062020" flag: the boolean as a capitalised string.
        HttpResponse<String> disabled = scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""".formatted(PATCH_OP));
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(TestScim.json(disabled).get("active").asBoolean(true)).isFalse();
        assertThat(directory.users().find(id).orElseThrow().active()).isFalse();

        assertThat(scim.delete("/scim/v2/Users/" + id).statusCode()).isEqualTo(204);
        assertThat(directory.users().find(id)).isEmpty();
    }

    @Test
    void entraGroupLifecycle() {
        String ada = scim.createUser("ada", "ada@example.com", null);
        String bob = scim.createUser("bob", "bob@example.com", null);
        HttpResponse<String> created = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                            "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"displayName","meta":{"resourceType":"Group"}}""");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = TestScim.json(created).get("id").asText();
        assertThat(directory.groups().find(id).orElseThrow().externalId()).isEqualTo("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");
        assertThat(TestScim.json(scim.get("/scim/v2/Groups?filter=" + encode("externalId eq \"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159\"")))
                .at("/Resources/0/id").asText()).isEqualTo(id);

        JsonNode got = TestScim.json(scim.get("/scim/v2/Groups/" + id + "?excludedAttributes=members"));
        assertThat(got.get("displayName").asText()).isEqualTo("displayName");
        assertThat(got.has("members")).isFalse();
        JsonNode byName = TestScim.json(scim.get("/scim/v2/Groups?excludedAttributes=members&filter="
                + encode("displayName eq \"displayName\"")));
        assertThat(byName.get("totalResults").asInt()).isEqualTo(1);

        assertThat(scim.patch("/scim/v2/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"Replace","path":"displayName","value":"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}]}"""
                .formatted(PATCH_OP)).statusCode()).isEqualTo(200);
        assertThat(directory.groups().find(id).orElseThrow().displayName()).isEqualTo("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");

        assertThat(scim.patch("/scim/v2/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"},{"$ref":null,"value":"%s"}]}]}"""
                .formatted(PATCH_OP, ada, bob)).statusCode()).isEqualTo(200);
        assertThat(directory.groups().find(id).orElseThrow().memberIds()).containsExactlyInAnyOrder(ada, bob);

        assertThat(scim.patch("/scim/v2/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"Remove","path":"members","value":[{"$ref":null,"value":"%s"}]}]}"""
                .formatted(PATCH_OP, ada)).statusCode()).isEqualTo(200);
        assertThat(directory.groups().find(id).orElseThrow().memberIds()).containsExactly(bob);

        assertThat(scim.delete("/scim/v2/Groups/" + id).statusCode()).isEqualTo(204);
        assertThat(directory.groups().find(id)).isEmpty();
    }

    @Test
    void oktaUserLifecycle() {
        HttpResponse<String> lookup = scim.get("/scim/v2/Users?filter=" + encode("userName eq \"test.user@okta.local\"")
                + "&startIndex=1&count=100");
        assertThat(lookup.statusCode()).isEqualTo(200);
        assertThat(TestScim.json(lookup).get("Resources").size()).isZero();

        HttpResponse<String> created = scim.post("/scim/v2/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"test.user@okta.local","name":{"givenName":"Test","familyName":"User"},
                 "emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],
                 "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq-long-enough","active":true}""");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = TestScim.json(created).get("id").asText();
        assertThat(TestScim.json(created).get("externalId").asText()).isEqualTo("00ujl29u0le5T6Aj10h7");
        assertThat(directory.users().find(id).orElseThrow().externalId()).isEqualTo("00ujl29u0le5T6Aj10h7");
        assertThat(directory.users().find(id).orElseThrow().locale()).isEqualTo("en-US");

        // Okta's profile update: op without path, the changed attributes in an object.
        HttpResponse<String> renamed = scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"name":{"givenName":"Another"}}}]}"""
                .formatted(PATCH_OP));
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(directory.users().find(id).orElseThrow().givenName()).isEqualTo("Another");

        // Okta's deactivation.
        HttpResponse<String> deactivated = scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"active":false}}]}""".formatted(PATCH_OP));
        assertThat(deactivated.statusCode()).isEqualTo(200);
        assertThat(directory.users().find(id).orElseThrow().active()).isFalse();
        assertThat(audit.recent(1).get(0).type()).isEqualTo("USER_DEACTIVATED");

        // Reactivation, as Okta sends it when the user is assigned again.
        assertThat(scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"active":true}}]}""".formatted(PATCH_OP))
                .statusCode()).isEqualTo(200);
        assertThat(directory.users().find(id).orElseThrow().active()).isTrue();
    }

    @Test
    void oktaGroupPushMembership() {
        String ada = scim.createUser("ada", "ada@example.com", null);
        String bob = scim.createUser("bob", "bob@example.com", null);
        HttpResponse<String> created = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[]}""");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = TestScim.json(created).get("id").asText();

        assertThat(scim.patch("/scim/v2/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"id":"%s","displayName":"Test SCIMv2 renamed"}}]}"""
                .formatted(PATCH_OP, id)).statusCode()).isEqualTo(200);
        assertThat(directory.groups().find(id).orElseThrow().displayName()).isEqualTo("Test SCIMv2 renamed");

        assertThat(scim.patch("/scim/v2/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[{"value":"%s","display":"ada"},{"value":"%s","display":"bob"}]}]}"""
                .formatted(PATCH_OP, ada, bob)).statusCode()).isEqualTo(200);
        assertThat(directory.groups().find(id).orElseThrow().memberIds()).containsExactlyInAnyOrder(ada, bob);

        assertThat(scim.patch("/scim/v2/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}"""
                .formatted(PATCH_OP, ada)).statusCode()).isEqualTo(200);
        assertThat(directory.groups().find(id).orElseThrow().memberIds()).containsExactly(bob);

        // Okta replaces the whole member list with "replace" and path "members".
        assertThat(scim.patch("/scim/v2/Groups/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"members","value":[{"value":"%s","display":"ada"}]}]}"""
                .formatted(PATCH_OP, ada)).statusCode()).isEqualTo(200);
        assertThat(directory.groups().find(id).orElseThrow().memberIds()).containsExactly(ada);
    }

    @Test
    void noOpPatchesChangeNothingAndLeaveNoAuditEntry() {
        String ada = scim.createUser("ada", "ada@example.com", null);
        String group = TestScim.json(scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ops","members":[{"value":"%s"}]}"""
                .formatted(ada))).get("id").asText();
        long lastEvent = audit.recent(1).get(0).id();

        HttpResponse<String> user = scim.patch("/scim/v2/Users/" + ada, """
                {"schemas":["%s"],"Operations":[{"op":"Replace","path":"active","value":"True"},
                 {"op":"Replace","path":"userName","value":"ada"}]}""".formatted(PATCH_OP));
        HttpResponse<String> members = scim.patch("/scim/v2/Groups/" + group, """
                {"schemas":["%s"],"Operations":[{"op":"Add","path":"members","value":[{"value":"%s"}]},
                 {"op":"Replace","path":"displayName","value":"Ops"}]}""".formatted(PATCH_OP, ada));

        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(members.statusCode()).isEqualTo(200);
        assertThat(user.headers().firstValue("ETag")).hasValue("W/\"1\"");
        assertThat(members.headers().firstValue("ETag")).hasValue("W/\"1\"");
        assertThat(directory.users().find(ada).orElseThrow().version()).isEqualTo(1);
        assertThat(directory.groups().find(group).orElseThrow().version()).isEqualTo(1);
        assertThat(audit.recent(1).get(0).id()).isEqualTo(lastEvent);
    }

    @Test
    void externalIdIsReplacedAndRemovedByPatchAndAudited() {
        String ada = scim.createUser("ada", "ada@example.com", null);

        assertThat(scim.patch("/scim/v2/Users/" + ada, """
                {"schemas":["%s"],"Operations":[{"op":"Add","path":"externalId","value":"ext-1"}]}""".formatted(PATCH_OP))
                .statusCode()).isEqualTo(200);
        assertThat(directory.users().find(ada).orElseThrow().externalId()).isEqualTo("ext-1");
        assertThat(audit.recent(1).get(0).detail()).contains("\"externalId\":\"ext-1\"");

        assertThat(scim.patch("/scim/v2/Users/" + ada, """
                {"schemas":["%s"],"Operations":[{"op":"Remove","path":"externalId"}]}""".formatted(PATCH_OP))
                .statusCode()).isEqualTo(200);
        assertThat(directory.users().find(ada).orElseThrow().externalId()).isNull();

        HttpResponse<String> blank = scim.patch("/scim/v2/Users/" + ada, """
                {"schemas":["%s"],"Operations":[{"op":"Replace","path":"externalId","value":" "}]}""".formatted(PATCH_OP));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(TestScim.json(blank).get("scimType").asText()).isEqualTo("invalidValue");
    }

    @Test
    void noOpPatchWithAStaleIfMatchIsStill412() {
        String ada = scim.createUser("ada", "ada@example.com", null);
        scim.patch("/scim/v2/Users/" + ada, """
                {"schemas":["%s"],"Operations":[{"op":"Replace","path":"displayName","value":"Ada"}]}""".formatted(PATCH_OP));

        HttpResponse<String> stale = ic.send(ic.admin("/scim/v2/Users/" + ada).header("Content-Type", TestScim.SCIM_JSON)
                .header("If-Match", "W/\"1\"").method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"schemas":["%s"],"Operations":[{"op":"Replace","path":"displayName","value":"Ada"}]}""".formatted(PATCH_OP))).build());

        assertThat(stale.statusCode()).isEqualTo(412);
    }

    private static String encode(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }
}
