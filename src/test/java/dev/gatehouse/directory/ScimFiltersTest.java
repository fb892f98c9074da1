package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every RFC 7644 §3.4.2.2 filter operator against the running server, on H2 and on PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class ScimFiltersTest {
    private TestIdentityCenter ic;
    private TestScim scim;
    private String ada;
    private String bob;
    private String carol;

    @Parameter
    TestDatabase.Kind database;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start(database);
        scim = new TestScim(ic);
        ada = scim.createUser("ada", "ada@example.com", null);
        bob = scim.createUser("bob", "bob@work.test", null);
        carol = TestScim.json(scim.post("/scim/v2/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"Carol_50%","externalId":"X-1",
                 "displayName":"Carol C","active":false}""")).get("id").asText();
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void comparisonOperators() {
        assertThat(users("userName eq \"ADA\"")).containsExactly("ada");
        assertThat(users("userName ne \"ada\"")).containsExactly("bob", "Carol_50%");
        assertThat(users("userName co \"a\"")).containsExactly("ada", "Carol_50%");
        assertThat(users("userName co \"50%\"")).as("% is literal").containsExactly("Carol_50%");
        assertThat(users("userName co \"l_5\"")).as("_ is literal").containsExactly("Carol_50%");
        assertThat(users("userName sw \"b\"")).containsExactly("bob");
        assertThat(users("emails.value ew \"@EXAMPLE.COM\"")).containsExactly("ada");
        assertThat(users("userName gt \"b\"")).containsExactly("bob", "Carol_50%");
        assertThat(users("userName ge \"bob\"")).containsExactly("bob", "Carol_50%");
        assertThat(users("userName lt \"bob\"")).containsExactly("ada");
        assertThat(users("userName le \"bob\"")).containsExactly("ada", "bob");
        assertThat(users("active eq false")).containsExactly("Carol_50%");
        assertThat(users("externalId eq \"X-1\"")).containsExactly("Carol_50%");
        assertThat(users("externalId eq \"x-1\"")).as("externalId is case-exact").isEmpty();
        assertThat(users("meta.created gt \"2000-01-01T00:00:00Z\"")).hasSize(3);
        assertThat(users("meta.lastModified lt \"2000-01-01T00:00:00Z\"")).isEmpty();
    }

    @Test
    void presenceLogicAndGrouping() {
        assertThat(users("emails pr")).containsExactly("ada", "bob");
        assertThat(users("displayName pr")).containsExactly("Carol_50%");
        assertThat(users("not (emails pr)")).containsExactly("Carol_50%");
        assertThat(users("not (displayName eq \"Carol C\")")).as("absent values are not equal").containsExactly("ada", "bob");
        assertThat(users("userName eq \"ada\" or userName eq \"bob\"")).containsExactly("ada", "bob");
        assertThat(users("active eq true and (userName sw \"a\" or emails co \"work\")")).containsExactly("ada", "bob");
        assertThat(users("emails[type eq \"work\" and value co \"@work\"]")).containsExactly("bob");
        assertThat(users("emails[type eq \"home\"]")).isEmpty();
    }

    @Test
    void groupsByNameExternalIdAndMember() {
        scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ops","externalId":"g-ext",
                 "members":[{"value":"%s"},{"value":"%s"}]}""".formatted(ada, bob));
        scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Finance","members":[{"value":"%s"}]}"""
                .formatted(carol));

        assertThat(groups("displayName eq \"ops\"")).containsExactly("Ops");
        assertThat(groups("externalId eq \"g-ext\"")).containsExactly("Ops");
        assertThat(groups("members[value eq \"" + carol + "\"]")).containsExactly("Finance");
        assertThat(groups("members.value eq \"" + ada + "\" or displayName sw \"F\"")).containsExactly("Finance", "Ops");
        assertThat(groups("not (members eq \"" + ada + "\")")).containsExactly("Finance");
    }

    @Test
    void sortByAndSortOrder() {
        assertThat(users("userName pr&sortBy=displayName")).as("missing values last").containsExactly("Carol_50%", "ada", "bob");
        assertThat(users("userName pr&sortBy=emails.value&sortOrder=descending")).containsExactly("Carol_50%", "bob", "ada");
        assertThat(users("userName pr&sortBy=urn:ietf:params:scim:schemas:core:2.0:User:userName&sortOrder=DESCENDING"))
                .containsExactly("Carol_50%", "bob", "ada");
        for (String bad : List.of("sortBy=nickName", "sortBy=userName&sortOrder=sideways")) {
            HttpResponse<String> response = scim.get("/scim/v2/Users?" + bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(TestScim.json(response).get("scimType").asText()).isEqualTo("invalidValue");
        }
    }

    @Test
    void invalidFilterIs400InvalidFilter() {
        HttpResponse<String> response = scim.get("/scim/v2/Users?filter=" + encode("userName eq"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestScim.json(response).get("scimType").asText()).isEqualTo("invalidFilter");
    }

    private List<String> users(String filter) {
        return names("/scim/v2/Users", filter, "userName");
    }

    private List<String> groups(String filter) {
        return names("/scim/v2/Groups", filter, "displayName");
    }

    private List<String> names(String path, String filter, String field) {
        int query = filter.indexOf('&');
        String rest = query < 0 ? "" : filter.substring(query);
        HttpResponse<String> response = scim.get(path + "?filter=" + encode(query < 0 ? filter : filter.substring(0, query)) + rest);
        assertThat(response.statusCode()).as(filter + ": " + response.body()).isEqualTo(200);
        JsonNode list = TestScim.json(response);
        List<String> out = new ArrayList<>();
        list.get("Resources").forEach(r -> out.add(r.get(field).asText()));
        assertThat(list.get("totalResults").asInt()).isEqualTo(out.size());
        return out;
    }

    private static String encode(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }
}
