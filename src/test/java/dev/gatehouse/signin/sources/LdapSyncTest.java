package dev.gatehouse.signin.sources;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.DirectoryException;
import dev.gatehouse.directory.Group;
import dev.gatehouse.directory.ListQuery;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.gatehouse.storage.TestDatabase;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The LDAP sync against the AD-shaped in-memory directory over LDAPS, into the real directory on H2 and PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class LdapSyncTest {
    private static final String PEOPLE = "ou=People," + AdShapedDirectory.BASE;

    @TempDir
    Path dir;

    private LdapWorld world;
    private AdShapedDirectory ad;
    private Directory directory;
    private AuditLog audit;

    @Parameter
    TestDatabase.Kind database;

    @BeforeEach
    void start() throws Exception {
        world = LdapWorld.start(dir, database);
        ad = world.ad;
        directory = world.directory;
        audit = world.audit;
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void aSyncBringsUsersAndGroupsInWithNestedGroupsFlattened() throws Exception {
        LdapSync.Summary summary = sync(ad.ldaps()).run("admin");

        assertThat(summary.usersCreated()).isEqualTo(2);
        assertThat(summary.groupsCreated()).isEqualTo(4);
        assertThat(summary.skipped()).isEmpty();
        User alice = directory.users().findByUserName("alice").orElseThrow();
        User bob = directory.users().findByUserName("bob").orElseThrow();
        assertThat(directory.users().sourceOf(alice.id())).contains("ldap");
        assertThat(memberNames("AWS Admins")).containsExactly("alice");
        assertThat(memberNames("Staff")).containsExactly("alice");
        assertThat(memberNames("Engineers")).containsExactly("alice");
        assertThat(memberNames("Sales")).containsExactly("bob");
        // What assignments read: alice is in AWS Admins through Staff and Engineers.
        assertThat(directory.groups().groupIdsOf(alice.id())).contains(group("AWS Admins").id());
        assertThat(directory.groups().groupIdsOf(bob.id())).doesNotContain(group("AWS Admins").id());
        assertThat(audit.recent(50)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("LDAP_SYNC");
            assertThat(e.detail()).startsWith("2 users created");
        });
    }

    @Test
    void memberOfOnUsersAndGroupsGivesTheSameFlattenedGroups() throws Exception {
        sync(ad.ldapsByMemberOf()).run("admin");

        assertThat(memberNames("AWS Admins")).containsExactly("alice");
        assertThat(memberNames("Sales")).containsExactly("bob");
    }

    @Test
    void laterSyncsUpdateWhatChangedAndDeactivateWhoLeftWithoutDeletingAnyone() throws Exception {
        LdapSync sync = sync(ad.ldaps());
        sync.run("admin");

        LdapSync.Summary unchanged = sync.run("admin");
        assertThat(List.of(unchanged.usersCreated(), unchanged.usersUpdated(), unchanged.usersDeactivated(),
                unchanged.groupsCreated(), unchanged.groupsUpdated())).containsOnly(0);

        ad.server.modify("cn=Bob Brown," + PEOPLE, new Modification(ModificationType.REPLACE, "mail", "robert@corp.example"));
        ad.server.delete("cn=Alice Adams," + PEOPLE);
        LdapSync.Summary changed = sync.run("admin");

        assertThat(changed.usersUpdated()).isEqualTo(1);
        assertThat(changed.usersDeactivated()).isEqualTo(1);
        assertThat(directory.users().findByUserName("bob").orElseThrow().email()).isEqualTo("robert@corp.example");
        User alice = directory.users().findByUserName("alice").orElseThrow();
        assertThat(alice.active()).isFalse();
        assertThat(memberNames("AWS Admins")).isEmpty();
        assertThat(audit.recent(100)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("USER_DEACTIVATED");
            assertThat(e.target()).isEqualTo(alice.id());
        });

        AdShapedDirectory.addUser(ad.server, "Alice Adams", "alice", "Alice", "Adams", "back-again-1", "Engineers");
        assertThat(sync.run("admin").usersUpdated()).isEqualTo(1);
        assertThat(directory.users().findByUserName("alice").orElseThrow().active()).isTrue();
    }

    @Test
    void ldapUsersAndGroupsAreReadOnlyInTheDirectory() throws Exception {
        sync(ad.ldaps()).run("admin");
        User alice = directory.users().findByUserName("alice").orElseThrow();
        Group admins = group("AWS Admins");

        assertReadOnly(() -> directory.replaceUser("admin", alice.id(), alice.draft().withAdmin(true), null, null));
        assertReadOnly(() -> directory.setPassword("admin", alice.id(), "a-local-password-1"));
        assertReadOnly(() -> directory.deleteUser("admin", alice.id()));
        assertReadOnly(() -> directory.replaceGroup("admin", admins.id(), "Renamed", List.of(), null));
        assertReadOnly(() -> directory.deleteGroup("admin", admins.id()));
        assertThat(directory.users().find(alice.id()).orElseThrow()).isEqualTo(alice);
        assertThat(memberNames("AWS Admins")).containsExactly("alice");
    }

    @Test
    void aNameTakenByALocalUserIsSkippedAndLeftAlone() throws Exception {
        User local = directory.createUser("admin", new UserDraft("bob", null, null, null, null, true, true), "local-password-1");

        LdapSync.Summary summary = sync(ad.ldaps()).run("admin");

        assertThat(summary.usersCreated()).isEqualTo(1);
        assertThat(summary.skipped()).singleElement().asString().contains("bob");
        assertThat(directory.users().find(local.id()).orElseThrow()).isEqualTo(local);
        assertThat(directory.users().sourceOf(local.id())).isEmpty();
    }

    @Test
    void anUnreachableDirectoryFailsTheSyncWithAnAdminMessageAndChangesNothing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LdapSync sync = sync(AdShapedDirectory.settings("ldaps://localhost:" + closedPort, LdapIdentitySource.Security.LDAPS,
                false, ad.caPem(), AdShapedDirectory.SERVICE_PASSWORD));

        assertThatThrownBy(() -> sync.run("admin")).isInstanceOf(LdapIdentitySource.LdapFailure.class)
                .hasMessageContaining("cannot be reached");
        assertThat(directory.users().count()).isZero();
        assertThat(audit.recent(10)).anySatisfy(e -> assertThat(e.type()).isEqualTo("LDAP_SYNC_FAILED"));
    }

    private LdapSync sync(LdapIdentitySource.Settings settings) {
        return new LdapSync(new LdapIdentitySource(settings, directory), directory, audit);
    }

    private Group group(String name) {
        return directory.groups().list(ListQuery.all()).items().stream()
                .filter(g -> g.displayName().equals(name)).findFirst().orElseThrow();
    }

    private List<String> memberNames(String groupName) {
        return group(groupName).members().stream().map(Group.Member::userName).sorted().toList();
    }

    private static void assertReadOnly(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(DirectoryException.class)
                .satisfies(e -> assertThat(((DirectoryException) e).code()).isEqualTo(DirectoryException.Code.READ_ONLY))
                .hasMessageContaining("read-only");
    }
}
