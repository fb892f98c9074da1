package dev.gatehouse.directory;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password change ends every session of its user, on SCIM PATCH and PUT and in the admin console, except the
 * session making the change when it is the user's own (an administrator changing their own password stays in).
 */
class PasswordChangeSessionsTest {
    private static final String PASSWORD = "a long first password";
    private static final String NEW_PASSWORD = "a brand new long password";

    private TestIdentityCenter ic;
    private TestScim scim;
    private String patId;
    private String rootId;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start();
        scim = new TestScim(ic);
        Directory directory = ic.center().services().directory();
        rootId = directory.createUser("test", new UserDraft("root", "root@example.com", null, null, null, true, true),
                PASSWORD).id();
        patId = directory.createUser("test", new UserDraft("pat", "pat@example.com", null, null, null, true, false),
                PASSWORD).id();
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    private Http portal(String userName) {
        return Http.browser(ic.baseUrl()).signIn(userName, PASSWORD);
    }

    private Http adminSession(String userName) {
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/admin/login");
        HttpResponse<String> response = browser.post("/admin/login", Map.of("username", userName, "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        return browser;
    }

    /** A signed-in page: 200 while the session lives, a redirect to the sign-in form once it is gone. */
    private static boolean alive(Http browser) {
        return browser.get("/account/mfa").statusCode() == 200;
    }

    @Test
    void scimPatchPasswordEndsEverySessionOfTheUser() {
        Http first = portal("pat");
        Http second = portal("pat");
        Http other = portal("root");
        assertThat(alive(first) && alive(second)).isTrue();

        HttpResponse<String> patched = scim.patch("/scim/v2/Users/" + patId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"password","value":"%s"}]}""".formatted(NEW_PASSWORD));

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(alive(first)).isFalse();
        assertThat(alive(second)).isFalse();
        assertThat(alive(other)).isTrue();
        Http.browser(ic.baseUrl()).signIn("pat", NEW_PASSWORD);
    }

    @Test
    void scimPutWithPasswordEndsEverySessionOfTheUserAndPutWithoutOneEndsNone() {
        Http first = portal("pat");
        Http second = portal("pat");
        String resource = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"pat","active":true,
                 "emails":[{"value":"pat@example.com","primary":true}]%s}""";

        assertThat(scim.put("/scim/v2/Users/" + patId, resource.formatted("")).statusCode()).isEqualTo(200);
        assertThat(alive(first) && alive(second)).isTrue();

        HttpResponse<String> put = scim.put("/scim/v2/Users/" + patId, resource.formatted(",\"password\":\"" + NEW_PASSWORD + "\""));

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(alive(first)).isFalse();
        assertThat(alive(second)).isFalse();
    }

    @Test
    void adminChangingOwnPasswordInTheConsoleKeepsThatSessionAndEndsTheOthers() {
        Http console = adminSession("root");
        Http otherConsole = adminSession("root");
        Http rootPortal = portal("root");
        console.get("/admin/users/" + rootId);

        HttpResponse<String> saved = console.post("/admin/users/" + rootId, Map.of("userName", "root",
                "email", "root@example.com", "active", "true", "admin", "true", "password", NEW_PASSWORD));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(console.get("/admin/users").statusCode()).isEqualTo(200);
        assertThat(otherConsole.get("/admin/users").statusCode()).isEqualTo(303);
        assertThat(alive(rootPortal)).isFalse();
    }

    @Test
    void adminChangingAnotherUsersPasswordInTheConsoleEndsAllOfTheirSessionsNotTheAdmins() {
        Http console = adminSession("root");
        Http pat = portal("pat");
        console.get("/admin/users/" + patId);

        HttpResponse<String> saved = console.post("/admin/users/" + patId, Map.of("userName", "pat",
                "email", "pat@example.com", "active", "true", "password", NEW_PASSWORD));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(alive(pat)).isFalse();
        assertThat(console.get("/admin/users").statusCode()).isEqualTo(200);
    }
}
