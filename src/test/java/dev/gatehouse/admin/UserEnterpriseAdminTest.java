package dev.gatehouse.admin;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.Enterprise;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user page's organization fields (SCIM's enterprise extension and locale): saved, shown again, the manager by
 * user name; a manager who does not exist or a bad locale refused with 400 and nothing saved; a value a
 * provisioning client set (a manager id unknown here) survives an edit of other fields.
 */
class UserEnterpriseAdminTest {
    private TestIdentityCenter ic;
    private Directory directory;
    private User pat;
    private User boss;
    private Http browser;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start();
        directory = ic.center().services().directory();
        directory.createUser("test", new UserDraft("root", "root@example.com", null, null, null, true, true), UsersAdminTest.PASSWORD);
        pat = directory.createUser("test", new UserDraft("pat", "pat@example.com", null, null, null, true, false), null);
        boss = directory.createUser("test", new UserDraft("boss", "boss@example.com", null, null, null, true, false), null);
        browser = UsersAdminTest.adminSession(ic, "root");
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    private Map<String, String> form(String manager, String locale) {
        Map<String, String> f = new HashMap<>(Map.of("userName", "pat", "email", "pat@example.com", "active", "true",
                "department", "Finance", "division", "EMEA", "organization", "Example Ltd", "costCenter", "CC-3",
                "employeeNumber", "1042", "manager", manager));
        f.put("locale", locale);
        return f;
    }

    @Test
    void organizationFieldsAreSavedAndShown() {
        browser.get("/admin/users/" + pat.id());
        HttpResponse<String> saved = browser.post("/admin/users/" + pat.id(), form("boss", "en-GB"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        User stored = directory.users().find(pat.id()).orElseThrow();
        assertThat(stored.enterprise()).isEqualTo(new Enterprise("1042", "CC-3", "Example Ltd", "EMEA", "Finance", boss.id()));
        assertThat(stored.locale()).isEqualTo("en-GB");
        String page = browser.get("/admin/users/" + pat.id()).body();
        assertThat(page).contains("value=\"Finance\"").contains("id=\"manager\" name=\"manager\"").contains("value=\"boss\"");
    }

    @Test
    void anUnknownManagerOrABadLocaleIsRefusedAndNothingSaved() {
        browser.get("/admin/users/" + pat.id());
        HttpResponse<String> noManager = browser.post("/admin/users/" + pat.id(), form("nobody", ""));
        assertThat(noManager.statusCode()).isEqualTo(400);
        assertThat(noManager.body()).contains("There is no user named");
        HttpResponse<String> badLocale = browser.post("/admin/users/" + pat.id(), form("", "not a locale"));
        assertThat(badLocale.statusCode()).isEqualTo(400);
        assertThat(directory.users().find(pat.id()).orElseThrow().enterprise()).isEqualTo(Enterprise.NONE);
    }

    @Test
    void aManagerIdAProvisioningClientSetSurvivesAnEdit() {
        User current = directory.users().find(pat.id()).orElseThrow();
        directory.replaceUser("test", pat.id(), current.draft().withProfile(null, new Enterprise(null, null, null, null, "Ops", "entra-object-id")), null, null);
        String page = browser.get("/admin/users/" + pat.id()).body();
        assertThat(page).contains("value=\"entra-object-id\"");
        HttpResponse<String> saved = browser.post("/admin/users/" + pat.id(), form("entra-object-id", ""));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(directory.users().find(pat.id()).orElseThrow().enterprise().managerId()).isEqualTo("entra-object-id");
    }
}
