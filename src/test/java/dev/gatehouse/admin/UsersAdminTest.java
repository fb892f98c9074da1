package dev.gatehouse.admin;

import dev.gatehouse.testing.Http;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UsersAdminTest {
    static final String PASSWORD = "a long admin password";

    private TestIdentityCenter ic;
    private Directory directory;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start();
        directory = ic.center().services().directory();
        directory.createUser("test", new UserDraft("root", "root@example.com", null, null, null, true, true), PASSWORD);
        directory.createUser("test", new UserDraft("pat", "pat@example.com", null, null, null, true, false), PASSWORD);
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    /** Signs in through the admin form and fails the test unless the console lets the user in. */
    static Http adminSession(TestIdentityCenter ic, String userName) {
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/admin/login");
        HttpResponse<String> response = browser.post("/admin/login", Map.of("username", userName, "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        return browser;
    }

    @Test
    void usersPageWhenAnonymousThenRedirectToAdminLogin() {
        HttpResponse<String> response = Http.browser(ic.baseUrl()).get("/admin/users");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/admin/login?next=%2Fadmin%2Fusers");
    }

    @Test
    void usersPageWhenSignedInAsNonAdminThenForbidden() {
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/");
        browser.post("/login", Map.of("username", "pat", "password", PASSWORD));

        assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);
    }

    @Test
    void usersPageWhenAdminThenListsUsersWithNavigation() {
        HttpResponse<String> response = adminSession(ic, "root").get("/admin/users");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Gatehouse Admin").contains("pat@example.com")
                .contains("href=\"/admin/groups\"").contains("href=\"/admin/apps\"").contains("href=\"/admin/tokens\"")
                .contains("aria-current=\"page\"");
    }

    @Test
    void adminLoginWhenNonAdminThenSameMessageAsWrongPassword() {
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/admin/login");
        HttpResponse<String> nonAdmin = browser.post("/admin/login", Map.of("username", "pat", "password", PASSWORD));
        browser.get("/admin/login");
        HttpResponse<String> wrongPassword = browser.post("/admin/login", Map.of("username", "root", "password", "not the password"));

        assertThat(nonAdmin.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(nonAdmin.body()).contains("Incorrect username or password.");
        assertThat(wrongPassword.body()).contains("Incorrect username or password.");
        assertThat(browser.get("/admin/users").statusCode()).isEqualTo(303);
    }

    @Test
    void adminLoginHonoursRelativeNextButNotAnotherSite() {
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/admin/login?next=%2Fadmin%2Fgroups");
        HttpResponse<String> relative = browser.post("/admin/login",
                Map.of("username", "root", "password", PASSWORD, "next", "/admin/groups"));
        assertThat(relative.headers().firstValue("Location")).hasValue("/admin/groups");

        Http other = Http.browser(ic.baseUrl());
        other.get("/admin/login");
        HttpResponse<String> offsite = other.post("/admin/login",
                Map.of("username", "root", "password", PASSWORD, "next", "//evil.example/x"));
        assertThat(offsite.headers().firstValue("Location")).hasValue("/admin/users");
    }

    @Test
    void createFormPostWithoutCsrfThenForbiddenAndNothingCreated() {
        Http browser = adminSession(ic, "root");

        HttpResponse<String> response = browser.postRaw("/admin/users", Map.of("userName", "sneaky", "active", "true"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(directory.users().findByUserName("sneaky")).isEmpty();
    }

    @Test
    void createFormMakesAUserWhoCanSignInWithThePassword() {
        Http browser = adminSession(ic, "root");
        browser.get("/admin/users/new");

        HttpResponse<String> response = browser.post("/admin/users", Map.of("userName", "quinn", "email", "quinn@example.com",
                "givenName", "Quinn", "familyName", "Q", "displayName", "", "password", "quinn's long password",
                "active", "true", "admin", "true"));

        assertThat(response.statusCode()).isEqualTo(303);
        User quinn = directory.users().findByUserName("quinn").orElseThrow();
        assertThat(quinn.admin()).isTrue();
        assertThat(quinn.email()).isEqualTo("quinn@example.com");
        Http asQuinn = Http.browser(ic.baseUrl());
        asQuinn.get("/admin/login");
        assertThat(asQuinn.post("/admin/login", Map.of("username", "quinn", "password", "quinn's long password")).statusCode())
                .isEqualTo(303);
    }

    @Test
    void createFormWhenInvalidThenErrorsShownFormKeptAndNothingCreated() {
        Http browser = adminSession(ic, "root");
        browser.get("/admin/users/new");

        HttpResponse<String> taken = browser.post("/admin/users", Map.of("userName", "PAT", "email", "typed@example.com",
                "password", "a valid long password", "active", "true"));
        HttpResponse<String> invalid = browser.post("/admin/users", Map.of("userName", "new user", "email", "nope",
                "password", "short", "active", "true"));

        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("alert error").contains("already taken").contains("value=\"typed@example.com\"");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("userName must be").contains("email must").contains("password must");
        assertThat(directory.users().list(dev.gatehouse.directory.ListQuery.all()).totalResults()).isEqualTo(2);
    }

    @Test
    void deactivatingAUserEndsTheirSessions() {
        Http asPat = Http.browser(ic.baseUrl());
        asPat.get("/");
        asPat.post("/login", Map.of("username", "pat", "password", PASSWORD));
        String patId = directory.users().findByUserName("pat").orElseThrow().id();
        Http admin = adminSession(ic, "root");
        admin.get("/admin/users");

        assertThat(admin.post("/admin/users/" + patId + "/active", Map.of("active", "false")).statusCode()).isEqualTo(303);

        assertThat(directory.users().find(patId).orElseThrow().active()).isFalse();
        int sessions = ic.center().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM web_sessions WHERE user_id = :u")
                .bind("u", patId).mapTo(Integer.class).one());
        assertThat(sessions).isZero();
    }

    @Test
    void adminCannotDeleteThemselves() {
        Http admin = adminSession(ic, "root");
        String rootId = directory.users().findByUserName("root").orElseThrow().id();
        admin.get("/admin/users/" + rootId);

        HttpResponse<String> response = admin.post("/admin/users/" + rootId + "/delete", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(directory.users().find(rootId)).isPresent();
    }

    @Test
    void deleteFormRemovesAnotherUser() {
        Http admin = adminSession(ic, "root");
        String patId = directory.users().findByUserName("pat").orElseThrow().id();
        admin.get("/admin/users/" + patId);

        assertThat(admin.post("/admin/users/" + patId + "/delete", Map.of()).statusCode()).isEqualTo(303);
        assertThat(directory.users().find(patId)).isEmpty();
        assertThat(admin.get("/admin/users/" + patId).statusCode()).isEqualTo(404);
    }
}
