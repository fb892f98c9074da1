package dev.gatehouse.signin.sources;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The LDAP source against a real LDAP server (UnboundID's in-memory directory, AD-shaped) over LDAPS and StartTLS
 * with a self-signed certificate, and the real directory on H2.
 */
class LdapIdentitySourceTest {
    @TempDir
    Path dir;

    private LdapWorld world;
    private AdShapedDirectory ad;
    private Directory directory;
    private AuditLog audit;

    @BeforeEach
    void start() throws Exception {
        world = LdapWorld.start(dir);
        ad = world.ad;
        directory = world.directory;
        audit = world.audit;
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void aBindAsTheUserSignsInBySamAccountNameOrUserPrincipalNameAndBringsTheUserIn() {
        LdapIdentitySource source = new LdapIdentitySource(ad.ldaps(), directory);

        User alice = verified(source.check("alice", AdShapedDirectory.ALICE_PASSWORD));
        User again = verified(source.check("alice@corp.example", AdShapedDirectory.ALICE_PASSWORD));

        assertThat(again.id()).isEqualTo(alice.id());
        assertThat(alice.userName()).isEqualTo("alice");
        assertThat(alice.email()).isEqualTo("alice@corp.example");
        assertThat(alice.displayName()).isEqualTo("Alice Adams");
        assertThat(alice.admin()).isFalse();
        assertThat(directory.users().sourceOf(alice.id())).contains(LdapIdentitySource.SOURCE);
        assertThat(audit.recent(10)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("USER_CREATED");
            assertThat(e.detail()).contains("ldap").contains(AdShapedDirectory.ALICE_DN);
        });
    }

    @Test
    void startTlsWorksLikeLdaps() {
        LdapIdentitySource source = new LdapIdentitySource(ad.startTls(), directory);

        assertThat(verified(source.check("bob", AdShapedDirectory.BOB_PASSWORD)).userName()).isEqualTo("bob");
    }

    @Test
    void aWrongOrEmptyPasswordIsRefusedAndNobodyIsBroughtIn() {
        LdapIdentitySource source = new LdapIdentitySource(ad.ldaps(), directory);

        assertThat(source.check("alice", "wrong")).contains(new IdentitySource.Refused("wrong-password"));
        assertThat(source.check("alice", "")).contains(new IdentitySource.Refused("wrong-password"));
        assertThat(directory.users().findByUserName("alice")).isEmpty();
    }

    @Test
    void anUnknownNameIsLeftToTheNextSource() {
        LdapIdentitySource source = new LdapIdentitySource(ad.ldaps(), directory);

        assertThat(source.check("mallory", "whatever")).isEmpty();
        assertThat(source.check("*", "whatever")).isEmpty();
        assertThat(source.check("alice)(|(sAMAccountName=*", "whatever")).isEmpty();
    }

    @Test
    void gatehousesOwnUsersAreLeftToTheBuiltInDirectoryEvenWhenTheDirectoryKnowsTheName() {
        directory.createUser("test", new UserDraft("alice", null, null, null, null, true, true), "local-password-1");
        LdapIdentitySource source = new LdapIdentitySource(ad.ldaps(), directory);

        assertThat(source.check("alice", AdShapedDirectory.ALICE_PASSWORD)).isEmpty();
    }

    @Test
    void aDeactivatedLdapUserIsRefused() {
        LdapIdentitySource source = new LdapIdentitySource(ad.ldaps(), directory);
        User alice = verified(source.check("alice", AdShapedDirectory.ALICE_PASSWORD));
        directory.updateSourcedUser("test", alice.id(), alice.draft().withActive(false));

        assertThat(source.check("alice", AdShapedDirectory.ALICE_PASSWORD)).contains(new IdentitySource.Refused("inactive"));
    }

    @Test
    void anUnreachableDirectoryRefusesTheSignInWithAReasonForTheAuditLog() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LdapIdentitySource source = new LdapIdentitySource(AdShapedDirectory.settings("ldaps://localhost:" + closedPort,
                LdapIdentitySource.Security.LDAPS, false, ad.caPem(), AdShapedDirectory.SERVICE_PASSWORD), directory);

        assertThat(source.check("alice", AdShapedDirectory.ALICE_PASSWORD)).hasValueSatisfying(v ->
                assertThat(((IdentitySource.Refused) v).reason()).startsWith("ldap-unreachable"));
        assertThatThrownBy(source::testConnection).isInstanceOf(LdapIdentitySource.LdapFailure.class)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void aServerCertificateNotFromTheConfiguredCasIsRefused() {
        LdapIdentitySource source = new LdapIdentitySource(AdShapedDirectory.settings("ldaps://localhost:" + ad.ldapsPort(),
                LdapIdentitySource.Security.LDAPS, false, null, AdShapedDirectory.SERVICE_PASSWORD), directory);

        assertThat(source.check("alice", AdShapedDirectory.ALICE_PASSWORD)).hasValueSatisfying(v ->
                assertThat(v).isInstanceOf(IdentitySource.Refused.class));
        assertThat(directory.users().findByUserName("alice")).isEmpty();
    }

    @Test
    void testConnectionCountsTheUsersOrSaysTheServiceBindWasRefused() throws Exception {
        assertThat(new LdapIdentitySource(ad.ldaps(), directory).testConnection()).contains("2 users");

        LdapIdentitySource badBind = new LdapIdentitySource(AdShapedDirectory.settings("ldaps://localhost:" + ad.ldapsPort(),
                LdapIdentitySource.Security.LDAPS, false, ad.caPem(), "not-the-password"), directory);
        assertThatThrownBy(badBind::testConnection).isInstanceOf(LdapIdentitySource.LdapFailure.class)
                .hasMessageContaining("refused the bind DN and password");
        assertThat(badBind.check("alice", AdShapedDirectory.ALICE_PASSWORD)).hasValueSatisfying(v ->
                assertThat(((IdentitySource.Refused) v).reason()).startsWith("ldap-error"));
    }

    @Test
    void plainLdapIsRefusedUnlessExplicitlyAllowed() {
        String url = "ldap://localhost:" + ad.ldapPort();
        assertThatThrownBy(() -> AdShapedDirectory.settings(url, LdapIdentitySource.Security.PLAIN, false, null,
                AdShapedDirectory.SERVICE_PASSWORD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in the clear");
        assertThatThrownBy(() -> AdShapedDirectory.settings(url, LdapIdentitySource.Security.LDAPS, false, null,
                AdShapedDirectory.SERVICE_PASSWORD)).isInstanceOf(IllegalArgumentException.class);

        LdapIdentitySource allowed = new LdapIdentitySource(AdShapedDirectory.settings(url, LdapIdentitySource.Security.PLAIN,
                true, null, AdShapedDirectory.SERVICE_PASSWORD), directory);
        assertThat(verified(allowed.check("alice", AdShapedDirectory.ALICE_PASSWORD)).userName()).isEqualTo("alice");
    }

    @Test
    void theSettingsNeverPrintTheBindPassword() {
        assertThat(ad.ldaps().toString()).doesNotContain(AdShapedDirectory.SERVICE_PASSWORD);
    }

    private static User verified(java.util.Optional<IdentitySource.Verdict> verdict) {
        assertThat(verdict).hasValueSatisfying(v -> assertThat(v).isInstanceOf(IdentitySource.Verified.class));
        return ((IdentitySource.Verified) verdict.orElseThrow()).user();
    }
}
