package dev.gatehouse.admin;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator's own account offers only what they may do to it: no deactivate, delete or demote. */
class OwnAccountActionsTest {
    private TestIdentityCenter ic;
    private User root;
    private User pat;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start();
        Directory directory = ic.center().services().directory();
        root = directory.createUser("test", new UserDraft("root", "root@example.com", null, null, null, true, true), UsersAdminTest.PASSWORD);
        pat = directory.createUser("test", new UserDraft("pat", "pat@example.com", null, null, null, true, false), UsersAdminTest.PASSWORD);
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void theOwnRowOffersNoDeactivateWhileOtherRowsDo() {
        String page = UsersAdminTest.adminSession(ic, "root").get("/admin/users").body();

        assertThat(page).contains("action=\"/admin/users/" + pat.id() + "/active\"")
                .doesNotContain("action=\"/admin/users/" + root.id() + "/active\"")
                .doesNotContain("aria-label=\"Deactivate root\"")
                .contains("aria-label=\"Deactivate pat\"");
    }

    @Test
    void theOwnEditPageOffersNeitherDeleteNorDeactivateNorDemote() {
        Http browser = UsersAdminTest.adminSession(ic, "root");
        String own = browser.get("/admin/users/" + root.id()).body();
        String other = browser.get("/admin/users/" + pat.id()).body();

        assertThat(other).contains("id=\"delete-user-form\"").containsPattern("<input type=\"checkbox\" id=\"active\"[^>]*>");
        assertThat(own).doesNotContain("id=\"delete-user-form\"", "/delete\"")
                .containsPattern("<input type=\"checkbox\" id=\"active\"[^>]* disabled[^>]*>")
                .containsPattern("<input type=\"checkbox\" id=\"admin\"[^>]* disabled[^>]*>")
                .contains("your own account");
    }

    @Test
    void savingTheOwnFormKeepsTheAdministratorActive() {
        Http browser = UsersAdminTest.adminSession(ic, "root");
        String form = browser.get("/admin/users/" + root.id()).body();
        // what the browser sends: the disabled boxes are not submitted, the hidden fields that stand for them are
        Map<String, String> fields = new java.util.HashMap<>(Map.of("userName", "root", "email", "root@example.com",
                "displayName", "Root Renamed"));
        java.util.regex.Matcher hidden = java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"(active|admin)\" value=\"(true)\">")
                .matcher(form);
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2));
        }
        HttpResponse<String> saved = browser.post("/admin/users/" + root.id(), fields);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        User after = ic.center().services().directory().users().find(root.id()).orElseThrow();
        assertThat(after.displayName()).isEqualTo("Root Renamed");
        assertThat(after.active()).isTrue();
        assertThat(after.admin()).isTrue();
    }
}
