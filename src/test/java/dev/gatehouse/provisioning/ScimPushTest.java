package dev.gatehouse.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.Assignments.PrincipalType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditQuery;
import dev.gatehouse.directory.Enterprise;
import dev.gatehouse.directory.Group;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCIM push against a real SCIM server, a second Gatehouse: assignment creates, changes are pushed, unassignment,
 * deactivation and deletion deactivate there; groups fan out; an existing user is matched by userName; the worker
 * is run by the test (no background thread, no sleeps).
 */
class ScimPushTest {
    private PushWorld world;

    @BeforeEach
    void start() {
        world = new PushWorld(TestIdentityCenter.defaultKind());
        world.pointAtTarget();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private User alice() {
        return world.directory().createUser("test", new UserDraft("alice", "alice@example.com", "Alice", "Liddell",
                "Alice L", true, false, "en-GB", new Enterprise("E-17", "CC-9", "Wonderland", "R&D", "Research", null)), null);
    }

    @Test
    void assigningCreatesChangingUpdatesAndDeactivatingOrUnassigningDeactivates() {
        User alice = alice();
        assertThat(world.push().runDue()).as("nothing assigned, nothing to push").isZero();

        world.assignments().assign("test", world.appId, PrincipalType.USER, alice.id());
        assertThat(world.remote("alice")).as("queued, not pushed on the admin's request").isNull();
        assertThat(world.push().runDue()).isEqualTo(1);
        JsonNode remote = world.remote("alice");
        assertThat(remote).isNotNull();
        assertThat(remote.get("externalId").asText()).isEqualTo(alice.id());
        assertThat(remote.at("/emails/0/value").asText()).isEqualTo("alice@example.com");
        assertThat(remote.get("active").asBoolean()).isTrue();
        assertThat(remote.get("locale").asText()).isEqualTo("en-GB");
        assertThat(remote.at("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department").asText()).isEqualTo("Research");
        assertThat(world.pushes().get(0).status()).isEqualTo("DONE");
        assertThat(world.pushes().get(0).action()).isEqualTo("CREATED");
        String remoteId = remote.get("id").asText();

        UserDraft changed = alice.draft().withProfile("en-GB", alice.enterprise().withManagerId(null));
        world.directory().replaceUser("test", alice.id(), new UserDraft("alice", "alice@wonderland.example", "Alice", "Liddell",
                "Alice L", true, false, changed.locale(), new Enterprise("E-17", "CC-9", "Wonderland", "R&D", "Looking-glass", null)), null, null);
        assertThat(world.push().runDue()).isEqualTo(1);
        remote = world.remote("alice");
        assertThat(remote.get("id").asText()).as("the same resource, replaced").isEqualTo(remoteId);
        assertThat(remote.at("/emails/0/value").asText()).isEqualTo("alice@wonderland.example");
        assertThat(remote.at("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department").asText()).isEqualTo("Looking-glass");
        assertThat(world.pushes().get(0).action()).isEqualTo("UPDATED");

        User now = world.directory().users().find(alice.id()).orElseThrow();
        world.directory().replaceUser("test", alice.id(), now.draft().withActive(false), null, null);
        world.push().runDue();
        assertThat(world.remote("alice").get("active").asBoolean()).as("deactivated there").isFalse();
        assertThat(world.pushes().get(0).action()).isEqualTo("DEACTIVATED");

        world.directory().replaceUser("test", alice.id(), now.draft().withActive(true), null, null);
        world.push().runDue();
        assertThat(world.remote("alice").get("active").asBoolean()).as("active again").isTrue();

        world.assignments().remove("test", world.appId, PrincipalType.USER, alice.id());
        world.push().runDue();
        assertThat(world.remote("alice").get("active").asBoolean()).as("unassigned: deactivated, not deleted").isFalse();
        assertThat(world.remoteCount()).isEqualTo(1);

        AuditLog audit = world.source.center().services().audit();
        List<AuditLog.Event> events = audit.search(new AuditQuery(null, world.appId, "SCIM_PUSH_SUCCEEDED", null, null), 20);
        assertThat(events).hasSize(5);
        assertThat(events).allSatisfy(e -> assertThat(e.detail()).doesNotContain(TestIdentityCenter.ADMIN_TOKEN));
        assertThat(events).anySatisfy(e -> assertThat(e.detail()).contains("\"action\":\"CREATED\"").contains("\"user\":\"alice\""));
    }

    @Test
    void assigningAGroupPushesEveryMemberAndLeavingTheGroupDeactivates() {
        User alice = alice();
        User bob = world.directory().createUser("test", new UserDraft("bob", "bob@example.com", "Bob", "B", null, true, false), null);
        Group readers = world.directory().createGroup("test", "Readers", List.of(alice.id(), bob.id()));
        world.assignments().assign("test", world.appId, PrincipalType.GROUP, readers.id());
        assertThat(world.push().runDue()).isEqualTo(2);
        assertThat(world.remote("alice").get("active").asBoolean()).isTrue();
        assertThat(world.remote("bob").get("active").asBoolean()).isTrue();

        world.directory().replaceGroup("test", readers.id(), "Readers", List.of(alice.id()), null);
        assertThat(world.push().runDue()).as("only the member who left").isEqualTo(1);
        assertThat(world.remote("bob").get("active").asBoolean()).isFalse();
        assertThat(world.remote("alice").get("active").asBoolean()).isTrue();

        world.directory().deleteUser("test", alice.id());
        world.push().runDue();
        assertThat(world.remote("alice").get("active").asBoolean()).as("a deleted user is deactivated there").isFalse();
    }

    @Test
    void anExistingUserIsMatchedByUserNameNotDuplicated() {
        world.target.center().services().directory().createUser("test",
                new UserDraft("Carol", "carol@old.example", null, null, null, false, false), null);
        User carol = world.directory().createUser("test", new UserDraft("carol", "carol@example.com", "Carol", "C", null, true, false), null);
        world.assignments().assign("test", world.appId, PrincipalType.USER, carol.id());
        world.push().runDue();
        assertThat(world.remoteCount()).isEqualTo(1);
        JsonNode remote = world.remote("carol");
        assertThat(remote.get("active").asBoolean()).isTrue();
        assertThat(remote.at("/emails/0/value").asText()).isEqualTo("carol@example.com");
        assertThat(world.pushes().get(0).action()).isEqualTo("MATCHED");
    }

    @Test
    void settingTheTargetQueuesEveryoneAlreadyAssigned() {
        world.push().targets().remove("test", world.appId);
        User alice = alice();
        world.assignments().assign("test", world.appId, PrincipalType.USER, alice.id());
        assertThat(world.push().runDue()).as("no target, nothing queued").isZero();
        world.pointAtTarget();
        assertThat(world.push().enqueueAll(world.appId)).isEqualTo(1);
        world.push().runDue();
        assertThat(world.remote("alice")).isNotNull();
    }
}
