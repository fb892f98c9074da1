package dev.gatehouse.admin;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.signin.sources.AdShapedDirectory;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /admin/ldap} against the AD-shaped in-memory directory over LDAPS: save, test, sync, and their errors. */
class LdapAdminPageTest {
    @TempDir
    Path dir;

    private TestIdentityCenter ic;
    private AdShapedDirectory ad;
    private Http admin;

    @BeforeEach
    void start() throws Exception {
        ad = AdShapedDirectory.start(dir);
        ic = TestIdentityCenter.start();
        ic.center().services().directory().createUser("test",
                new UserDraft("root", null, null, null, null, true, true), UsersAdminTest.PASSWORD);
        admin = UsersAdminTest.adminSession(ic, "root");
    }

    @AfterEach
    void stop() {
        ic.close();
        ad.close();
    }

    private Map<String, String> form(String url, String password) {
        Map<String, String> f = new HashMap<>();
        f.put("_csrf", admin.csrf());
        f.put("enabled", "true");
        f.put("url", url);
        f.put("security", "LDAPS");
        f.put("caCertificates", ad.caPem());
        f.put("bindDn", AdShapedDirectory.SERVICE_DN);
        f.put("bindPassword", password);
        f.put("userBaseDn", "ou=People," + AdShapedDirectory.BASE);
        f.put("userFilter", "(objectClass=user)");
        f.put("groupBaseDn", "ou=Groups," + AdShapedDirectory.BASE);
        f.put("groupFilter", "(objectClass=group)");
        f.put("membershipAttribute", "member");
        f.put("userNameAttribute", "sAMAccountName");
        f.put("userPrincipalNameAttribute", "userPrincipalName");
        f.put("emailAttribute", "mail");
        f.put("givenNameAttribute", "givenName");
        f.put("familyNameAttribute", "sn");
        f.put("displayNameAttribute", "displayName");
        f.put("syncIntervalMinutes", "60");
        return f;
    }

    @Test
    void saveTestAndSyncShowWhatHappenedAndThePasswordIsNeverShown() {
        HttpResponse<String> page = admin.get("/admin/ldap");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"ldap-form\"").contains("not set yet");

        HttpResponse<String> saved = admin.post("/admin/ldap", form("ldaps://localhost:" + ad.ldapsPort(), AdShapedDirectory.SERVICE_PASSWORD));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved.").contains("stored, never shown")
                .doesNotContain(AdShapedDirectory.SERVICE_PASSWORD);

        HttpResponse<String> tested = admin.post("/admin/ldap/test", Map.of("_csrf", admin.csrf()));
        assertThat(tested.body()).contains("2 users under");

        HttpResponse<String> synced = admin.post("/admin/ldap/sync", Map.of("_csrf", admin.csrf()));
        assertThat(synced.statusCode()).isEqualTo(200);
        assertThat(synced.body()).contains("Synced: 2 users created");

        // Synced users and groups are marked where the administrator would try to edit them.
        String users = admin.get("/admin/users").body();
        assertThat(users).containsPattern("(?s)>alice</a>.*?title=\"Synced from LDAP[^\"]*\">LDAP</span>");
        assertThat(users).doesNotContainPattern("(?s)>root</a>.{0,400}>LDAP</span>");
        assertThat(admin.get("/admin/groups").body()).containsPattern("(?s)>AWS Admins</a> <span class=\"badge\"[^>]*>LDAP</span>");
    }

    @Test
    void badValuesAreA400AndAnUnreachableDirectoryOrARefusedBindAClearMessage() throws Exception {
        admin.get("/admin/ldap");
        Map<String, String> plain = form("ldap://localhost:" + ad.ldapsPort(), "x");
        plain.put("security", "PLAIN");
        HttpResponse<String> refused = admin.post("/admin/ldap", plain);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Nothing was saved").contains("in the clear");
        Map<String, String> garbage = form("not a url", "x");
        garbage.put("syncIntervalMinutes", "soon");
        assertThat(admin.post("/admin/ldap", garbage).statusCode()).isEqualTo(400);

        HttpResponse<String> notYet = admin.post("/admin/ldap/sync", Map.of("_csrf", admin.csrf()));
        assertThat(notYet.statusCode()).isEqualTo(409);
        assertThat(notYet.body()).contains("No LDAP settings are saved yet");

        admin.post("/admin/ldap", form("ldaps://localhost:" + ad.ldapsPort(), "not-the-password"));
        HttpResponse<String> badBind = admin.post("/admin/ldap/test", Map.of("_csrf", admin.csrf()));
        assertThat(badBind.statusCode()).isEqualTo(502);
        assertThat(badBind.body()).contains("refused the bind DN and password");

        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        admin.post("/admin/ldap", form("ldaps://localhost:" + closed, ""));
        HttpResponse<String> unreachable = admin.post("/admin/ldap/sync", Map.of("_csrf", admin.csrf()));
        assertThat(unreachable.statusCode()).isEqualTo(502);
        assertThat(unreachable.body()).contains("cannot be reached");
    }

    @Test
    void anLdapUserCannotBeEditedOrDeletedInTheConsole() {
        admin.get("/admin/ldap");
        admin.post("/admin/ldap", form("ldaps://localhost:" + ad.ldapsPort(), AdShapedDirectory.SERVICE_PASSWORD));
        admin.post("/admin/ldap/sync", Map.of("_csrf", admin.csrf()));
        User alice = ic.center().services().directory().users().findByUserName("alice").orElseThrow();

        admin.get("/admin/users/" + alice.id());
        HttpResponse<String> delete = admin.post("/admin/users/" + alice.id() + "/delete", Map.of("_csrf", admin.csrf()));

        assertThat(delete.statusCode()).as(delete.body()).isBetween(400, 499);
        assertThat(delete.body()).contains("read-only");
        assertThat(ic.center().services().directory().users().find(alice.id())).isPresent();

        String groupId = ic.center().services().directory().groups().groupIdsOf(alice.id()).iterator().next();
        admin.get("/admin/groups/" + groupId);
        HttpResponse<String> deleteGroup = admin.post("/admin/groups/" + groupId + "/delete", Map.of("_csrf", admin.csrf()));
        assertThat(deleteGroup.statusCode()).as(deleteGroup.body()).isEqualTo(409);
        assertThat(ic.center().services().directory().groups().find(groupId)).isPresent();
    }
}
