package dev.gatehouse.provisioning;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.Assignments.PrincipalType;
import dev.gatehouse.directory.Group;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two identity-center nodes on one PostgreSQL database run their push workers at the same moment: every user of an
 * assigned group is created at the target exactly once, whichever node ran it.
 */
class ScimPushTwoNodesTest {
    private PushWorld world;
    private IdentityCenter second;

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void twoNodesPushEachUserOnce() throws Exception {
        world = new PushWorld(TestDatabase.Kind.POSTGRESQL);
        world.pointAtTarget();
        // The same database and data directory (so the same master key unseals the token) on another port.
        second = IdentityCenter.start(IdentityCenterConfig.of(0, world.source.dataDir(), world.source.database().url(), null)
                .withAdminToken(TestIdentityCenter.ADMIN_TOKEN).withScimPushInterval(Duration.ZERO), world.clock);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(world.directory().createUser("test", new UserDraft("user" + i, "user" + i + "@example.com", "U", "" + i, null, true, false), null).id());
        }
        Group all = world.directory().createGroup("test", "Everyone", members);
        world.assignments().assign("test", world.appId, PrincipalType.GROUP, all.id());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Integer> first = pool.submit(() -> {
                start.await();
                return world.push().runDue();
            });
            Future<Integer> other = pool.submit(() -> {
                start.await();
                return second.services().scimPush().runDue();
            });
            assertThat(first.get() + other.get()).as("each push ran once, on one node or the other").isEqualTo(12);
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.remoteCount()).isEqualTo(12);
        assertThat(world.pushes()).hasSize(12).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo("DONE");
            assertThat(p.action()).isEqualTo("CREATED");
        });
    }
}
