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

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class ScimUsersTest {
    private TestIdentityCenter ic;
    private TestScim scim;

    @Parameter
    TestDatabase.Kind database;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start(database);
        scim = new TestScim(ic);
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void createThenGetReturnsTheUserWithMetaAndWithoutPassword() {
        HttpResponse<String> created = scim.post("/scim/v2/Users", TestScim.userJson("ada", "ada@example.com", "correct horse battery"));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/scim+json"));
        JsonNode user = TestScim.json(created);
        String id = user.get("id").asText();
        assertThat(id).matches("u-[0-9a-f]{24}");
        assertThat(created.headers().firstValue("Location")).hasValue(ic.baseUrl() + "/scim/v2/Users/" + id);
        assertThat(user.get("userName").asText()).isEqualTo("ada");
        assertThat(user.at("/name/formatted").asText()).isEqualTo("Ada Lovelace");
        assertThat(user.at("/emails/0/value").asText()).isEqualTo("ada@example.com");
        assertThat(user.at("/emails/0/primary").asBoolean()).isTrue();
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.at("/urn:gatehouse:scim:schemas:extension:2.0:User/admin").asBoolean(true)).isFalse();
        assertThat(user.at("/meta/resourceType").asText()).isEqualTo("User");
        assertThat(user.at("/meta/version").asText()).isEqualTo("W/\"1\"");
        assertThat(user.at("/meta/location").asText()).isEqualTo(ic.baseUrl() + "/scim/v2/Users/" + id);
        assertThat(user.at("/meta/created").asText()).isNotEmpty();
        assertThat(created.body()).doesNotContain("password").doesNotContain("correct horse").doesNotContain("argon2");

        HttpResponse<String> fetched = scim.get("/scim/v2/Users/" + id);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(TestScim.json(fetched).get("userName").asText()).isEqualTo("ada");
        assertThat(fetched.body()).doesNotContain("password").doesNotContain("argon2");
    }

    @Test
    void createWhenUserNameTakenIgnoringCaseThenConflictUniqueness() {
        scim.createUser("grace", "grace@example.com", null);

        HttpResponse<String> again = scim.post("/scim/v2/Users", TestScim.userJson("GRACE", "other@example.com", null));

        assertThat(again.statusCode()).isEqualTo(409);
        JsonNode error = TestScim.json(again);
        assertThat(error.at("/schemas/0").asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.get("status").asText()).isEqualTo("409");
        assertThat(error.get("scimType").asText()).isEqualTo("uniqueness");
        assertThat(TestScim.json(scim.get("/scim/v2/Users")).get("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void createWhenBodyIsNotJsonThenInvalidSyntaxAndNothingStored() {
        HttpResponse<String> response = scim.post("/scim/v2/Users", "{\"userName\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = TestScim.json(response);
        assertThat(error.at("/schemas/0").asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.get("scimType").asText()).isEqualTo("invalidSyntax");
        assertThat(TestScim.json(scim.get("/scim/v2/Users")).get("totalResults").asInt()).isZero();
    }

    @Test
    void createWhenValuesInvalidThenInvalidValueNamingEachProblem() {
        HttpResponse<String> response = scim.post("/scim/v2/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"has space",
                 "emails":[{"value":"not-an-email"}],"password":"short"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = TestScim.json(response);
        assertThat(error.get("scimType").asText()).isEqualTo("invalidValue");
        assertThat(error.get("detail").asText()).contains("userName").contains("email").contains("password");
    }

    @Test
    void createWhenBodyTooLargeThenBadRequest() {
        String huge = TestScim.userJson("big", "big@example.com", null).replace("\"Ada\"", "\"" + "a".repeat(300_000) + "\"");

        HttpResponse<String> response = scim.post("/scim/v2/Users", huge);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestScim.json(response).get("scimType").asText()).isEqualTo("invalidSyntax");
    }

    @Test
    void listWithUserNameFilterFindsOnlyThatUser() {
        scim.createUser("alice", "alice@example.com", null);
        String bob = scim.createUser("bob", "bob@example.com", null);

        HttpResponse<String> response = scim.get("/scim/v2/Users?filter=" + url("userName eq \"BOB\""));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = TestScim.json(response);
        assertThat(list.at("/schemas/0").asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(list.get("totalResults").asInt()).isEqualTo(1);
        assertThat(list.at("/Resources/0/id").asText()).isEqualTo(bob);

        JsonNode byEmail = TestScim.json(scim.get("/scim/v2/Users?filter=" + url("emails.value eq \"alice@example.com\"")));
        assertThat(byEmail.get("totalResults").asInt()).isEqualTo(1);
        assertThat(byEmail.at("/Resources/0/userName").asText()).isEqualTo("alice");
    }

    @Test
    void listWhenFilterUnsupportedThenInvalidFilter() {
        HttpResponse<String> response = scim.get("/scim/v2/Users?filter=" + url("nickName co \"a\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestScim.json(response).get("scimType").asText()).isEqualTo("invalidFilter");
    }

    @Test
    void listPagesWithStartIndexAndCount() {
        for (String name : new String[] {"u1", "u2", "u3", "u4", "u5"}) {
            scim.createUser(name, name + "@example.com", null);
        }

        JsonNode page = TestScim.json(scim.get("/scim/v2/Users?startIndex=2&count=2"));

        assertThat(page.get("totalResults").asInt()).isEqualTo(5);
        assertThat(page.get("itemsPerPage").asInt()).isEqualTo(2);
        assertThat(page.get("startIndex").asInt()).isEqualTo(2);
        assertThat(page.at("/Resources/0/userName").asText()).isEqualTo("u2");
        assertThat(page.at("/Resources/1/userName").asText()).isEqualTo("u3");
    }

    @Test
    void patchActiveFalseDeactivatesAndBumpsVersion() {
        String id = scim.createUser("carol", "carol@example.com", null);

        HttpResponse<String> response = scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false},
                               {"op":"replace","path":"name.givenName","value":"Caroline"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode user = TestScim.json(scim.get("/scim/v2/Users/" + id));
        assertThat(user.get("active").asBoolean()).isFalse();
        assertThat(user.at("/name/givenName").asText()).isEqualTo("Caroline");
        assertThat(user.at("/name/familyName").asText()).isEqualTo("Lovelace");
        assertThat(user.at("/meta/version").asText()).isEqualTo("W/\"2\"");
    }

    @Test
    void patchPasswordIsStoredAsArgon2idAndNeverReturned() {
        String id = scim.createUser("paula", "paula@example.com", "the first password");

        HttpResponse<String> response = scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"password":"the second password"}}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("password").doesNotContain("argon2");
        assertThat(TestScim.json(response).at("/meta/version").asText()).isEqualTo("W/\"2\"");
        String hash = ic.center().database().jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        PasswordHasher hasher = new PasswordHasher(new java.security.SecureRandom());
        assertThat(hash).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(hasher.verify("the second password", hash)).isTrue();
        assertThat(hasher.verify("the first password", hash)).isFalse();
    }

    @Test
    void patchWhenPathUnknownThenInvalidPathAndNothingChanged() {
        String id = scim.createUser("dave", "dave@example.com", null);

        HttpResponse<String> response = scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false},
                               {"op":"replace","path":"shoeSize","value":42}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestScim.json(response).get("scimType").asText()).isEqualTo("invalidPath");
        assertThat(TestScim.json(scim.get("/scim/v2/Users/" + id)).get("active").asBoolean()).isTrue();
    }

    @Test
    void patchWhenIdTargetedThenMutability() {
        String id = scim.createUser("erin", "erin@example.com", null);

        HttpResponse<String> response = scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"id","value":"u-mine"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestScim.json(response).get("scimType").asText()).isEqualTo("mutability");
    }

    @Test
    void putReplacesAllAttributes() {
        String id = scim.createUser("frank", "frank@example.com", null);

        HttpResponse<String> response = scim.put("/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"franklin",
                 "displayName":"Franklin","active":true,
                 "urn:gatehouse:scim:schemas:extension:2.0:User":{"admin":true}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode user = TestScim.json(scim.get("/scim/v2/Users/" + id));
        assertThat(user.get("userName").asText()).isEqualTo("franklin");
        assertThat(user.get("displayName").asText()).isEqualTo("Franklin");
        assertThat(user.has("emails")).isFalse();
        assertThat(user.has("name")).isFalse();
        assertThat(user.at("/urn:gatehouse:scim:schemas:extension:2.0:User/admin").asBoolean()).isTrue();
    }

    @Test
    void putWhenIfMatchStaleThenPreconditionFailed() {
        String id = scim.createUser("gina", "gina@example.com", null);
        scim.patch("/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"G"}]}""");

        HttpResponse<String> response = ic.send(ic.admin("/scim/v2/Users/" + id).header("Content-Type", "application/scim+json")
                .header("If-Match", "W/\"1\"")
                .PUT(HttpRequest.BodyPublishers.ofString(TestScim.userJson("gina", "new@example.com", null))).build());

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(TestScim.json(scim.get("/scim/v2/Users/" + id)).at("/emails/0/value").asText()).isEqualTo("gina@example.com");
    }

    @Test
    void deleteRemovesTheUserThenGetIs404() {
        String id = scim.createUser("hank", "hank@example.com", null);

        assertThat(scim.delete("/scim/v2/Users/" + id).statusCode()).isEqualTo(204);

        HttpResponse<String> gone = scim.get("/scim/v2/Users/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(TestScim.json(gone).at("/schemas/0").asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(scim.delete("/scim/v2/Users/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void requestWithoutTokenThen401() {
        HttpResponse<String> response = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/scim/v2/Users")).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestScim.json(response).get("status").asText()).isEqualTo("401");
    }

    @Test
    void requestWithWrongTokenThen401AndNothingCreated() {
        HttpResponse<String> response = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/scim/v2/Users"))
                .header("Authorization", "Bearer not-the-token").header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(TestScim.userJson("mallory", "m@example.com", null))).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestScim.json(scim.get("/scim/v2/Users")).get("totalResults").asInt()).isZero();
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
