package dev.gatehouse.signin.sources;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.Group;
import dev.gatehouse.directory.ListQuery;
import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LDAP source in the running identity center, against the AD-shaped in-memory directory over LDAPS: saved
 * settings, a sync, a portal sign-in by bind, and a launch allowed through a nested LDAP group's assignment.
 */
class LdapSignInJourneyTest {
    @TempDir
    Path dir;

    private TestIdentityCenter ic;
    private AdShapedDirectory ad;
    private ConfiguredLdap ldap;

    @BeforeEach
    void start() throws Exception {
        ad = AdShapedDirectory.start(dir);
        ic = TestIdentityCenter.start();
        ldap = ic.center().services().ldap();
        ldap.settings().save("test", new LdapSettingsStore.Stored(true, 60, ad.ldaps()));
        ldap.syncNow("test");
    }

    @AfterEach
    void stop() {
        ic.close();
        ad.close();
    }

    @Test
    void anLdapUserSignsInByBindAndLaunchesAnAppAssignedToAnOuterGroupOfTheirGroup() {
        String app = ic.center().services().applications().create("test", new AppInput("external-aws-account", "Prod", "test",
                "https://signin.aws.amazon.com/saml", null, null, null)).app().id();
        Group awsAdmins = ic.center().services().directory().groups().list(ListQuery.all()).items().stream()
                .filter(g -> g.displayName().equals("AWS Admins")).findFirst().orElseThrow();
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.GROUP, awsAdmins.id());

        Http alice = Http.browser(ic.baseUrl()).signIn("alice@corp.example", AdShapedDirectory.ALICE_PASSWORD);
        assertThat(alice.get("/launch/" + app).statusCode()).isEqualTo(200);

        Http bob = Http.browser(ic.baseUrl()).signIn("bob", AdShapedDirectory.BOB_PASSWORD);
        assertThat(bob.get("/launch/" + app).statusCode()).isNotEqualTo(200);
    }

    @Test
    void aWrongPasswordGetsTheUsualSingleMessageAndTheAuditLogTheReason() {
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/");
        HttpResponse<String> wrong = browser.post("/login", Map.of("username", "alice", "password", "not-it"));
        browser.get("/");
        HttpResponse<String> unknown = browser.post("/login", Map.of("username", "nobody", "password", "not-it"));

        assertThat(wrong.statusCode()).isEqualTo(unknown.statusCode()).isBetween(400, 499);
        assertThat(wrong.body()).isEqualTo(unknown.body().replace("nobody", "alice"));
        assertThat(ic.center().services().audit().recent(50)).anySatisfy(e ->
                assertThat(e.detail()).contains("wrong-password"));
    }

    @Test
    void scimCannotChangeOrDeleteAnLdapUser() {
        User alice = ic.center().services().directory().users().findByUserName("alice").orElseThrow();

        HttpResponse<String> delete = ic.send(ic.admin("/scim/v2/Users/" + alice.id()).DELETE().build());
        HttpResponse<String> patch = ic.send(ic.admin("/scim/v2/Users/" + alice.id())
                .header("Content-Type", "application/scim+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"replace","path":"active","value":false}]}""")).build());

        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(400);
        assertThat(delete.body()).contains("mutability").contains("read-only");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(400);
        assertThat(ic.center().services().directory().users().find(alice.id()).orElseThrow().active()).isTrue();
    }
}
