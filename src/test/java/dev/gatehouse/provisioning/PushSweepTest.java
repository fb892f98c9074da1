package dev.gatehouse.provisioning;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.Assignments.PrincipalType;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep under the outbox, against a real SCIM target (a second Gatehouse): push rows lost between a change and
 * its row (a node stopped in between, simulated by deleting the rows) are found from the directory and queued again;
 * a user already up to date there is left alone.
 */
class PushSweepTest {
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

    @Test
    void lostPushesAreFoundAndQueuedAgainAndUpToDateUsersLeftAlone() {
        User alice = world.directory().createUser("test", new UserDraft("alice", "alice@example.com", "Alice", "A", null, true, false), null);
        User bob = world.directory().createUser("test", new UserDraft("bob", "bob@example.com", "Bob", "B", null, true, false), null);
        world.assignments().assign("test", world.appId, PrincipalType.USER, alice.id());
        world.assignments().assign("test", world.appId, PrincipalType.USER, bob.id());
        assertThat(world.push().runDue()).isEqualTo(2);
        assertThat(world.push().sweep(world.appId)).as("both up to date there").isZero();

        // A change whose row is lost, an assignment whose row is lost, an unassignment whose row is lost.
        world.clock.advance(java.time.Duration.ofSeconds(1));
        world.directory().replaceUser("test", alice.id(), new UserDraft("alice", "alice@wonderland.example", "Alice", "A", null, true, false), null, null);
        User carol = world.directory().createUser("test", new UserDraft("carol", "carol@example.com", "Carol", "C", null, true, false), null);
        world.assignments().assign("test", world.appId, PrincipalType.USER, carol.id());
        world.assignments().remove("test", world.appId, PrincipalType.USER, bob.id());
        loseWaitingRows();
        assertThat(world.push().runDue()).as("the rows are gone").isZero();

        assertThat(world.push().sweep(world.appId)).isEqualTo(3);
        assertThat(world.push().sweep(world.appId)).as("already queued: not twice").isZero();
        assertThat(world.push().runDue()).isEqualTo(3);
        assertThat(world.remote("alice").at("/emails/0/value").asText()).isEqualTo("alice@wonderland.example");
        assertThat(world.remote("carol").get("active").asBoolean()).isTrue();
        assertThat(world.remote("bob").get("active").asBoolean()).isFalse();
        assertThat(world.push().sweep(world.appId)).as("everything caught up").isZero();
    }

    private void loseWaitingRows() {
        world.source.center().database().jdbi().useHandle(h -> h.createUpdate("DELETE FROM scim_push_queue WHERE status = 'PENDING'").execute());
    }
}
