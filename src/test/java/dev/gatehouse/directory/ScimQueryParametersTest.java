package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.TestIdentityCenter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** attributes / excludedAttributes (RFC 7644 §3.4.2.5) and startIndex / count paging (§3.4.2.4), over HTTP. */
class ScimQueryParametersTest {
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
    void attributesKeepsOnlyTheNamedOnesAndThoseAlwaysReturned() {
        String ada = scim.createUser("ada", "ada@example.com", null);

        JsonNode user = TestScim.json(scim.get("/scim/v2/Users/" + ada + "?attributes=emails.value,urn:ietf:params:scim:schemas:core:2.0:User:active"));

        assertThat(user.get("id").asText()).isEqualTo(ada);
        assertThat(user.get("userName").asText()).isEqualTo("ada");
        assertThat(user.has("schemas")).isTrue();
        assertThat(user.has("meta")).isTrue();
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.at("/emails/0/value").asText()).isEqualTo("ada@example.com");
        assertThat(user.at("/emails/0").has("type")).isFalse();
        assertThat(user.has("name")).isFalse();
        assertThat(user.has(ScimUserEdit.EXTENSION)).isFalse();
    }

    @Test
    void excludedAttributesDropsThemInListsButNeverTheAlwaysReturnedOnes() {
        scim.createUser("ada", "ada@example.com", null);

        JsonNode list = TestScim.json(scim.get("/scim/v2/Users?excludedAttributes=name,userName,"
                + ScimUserEdit.EXTENSION + ":admin"));

        JsonNode user = list.at("/Resources/0");
        assertThat(user.has("name")).isFalse();
        assertThat(user.get("userName").asText()).isEqualTo("ada");
        assertThat(user.get(ScimUserEdit.EXTENSION).has("admin")).isFalse();
        assertThat(user.has("emails")).isTrue();
    }

    @Test
    void attributesAndExcludedAttributesTogetherAre400() {
        HttpResponse<String> response = scim.get("/scim/v2/Users?attributes=userName&excludedAttributes=name");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestScim.json(response).get("scimType").asText()).isEqualTo("invalidValue");
    }

    @Test
    void startIndexAndCountPageThroughUsersInUserNameOrder() {
        scim.createUser("carol", "carol@example.com", null);
        scim.createUser("ada", "ada@example.com", null);
        scim.createUser("bob", "bob@example.com", null);

        JsonNode page = TestScim.json(scim.get("/scim/v2/Users?startIndex=2&count=1"));

        assertThat(page.get("totalResults").asInt()).isEqualTo(3);
        assertThat(page.get("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(page.get("startIndex").asInt()).isEqualTo(2);
        assertThat(page.at("/Resources/0/userName").asText()).isEqualTo("bob");
        JsonNode none = TestScim.json(scim.get("/scim/v2/Users?startIndex=1&count=0"));
        assertThat(none.get("totalResults").asInt()).isEqualTo(3);
        assertThat(none.get("Resources").size()).isZero();
    }

    @Test
    void groupsListedWithAttributesDisplayNameCarryNoMembers() {
        String ada = scim.createUser("ada", "ada@example.com", null);
        scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ops","members":[{"value":"%s"}]}"""
                .formatted(ada));

        JsonNode group = TestScim.json(scim.get("/scim/v2/Groups?attributes=displayName")).at("/Resources/0");

        assertThat(group.get("displayName").asText()).isEqualTo("Ops");
        assertThat(group.has("members")).isFalse();
    }
}
