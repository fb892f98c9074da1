package dev.gatehouse.provisioning;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.MovableClock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's claim on H2 and PostgreSQL: two nodes claiming at once never get the same row, one user's pushes to
 * one application run one at a time and in order, a waiting row absorbs the next change, and a dead node's lease
 * runs out without letting it overwrite the row later.
 */
class PushQueueTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2031-01-01T00:00:00Z"));
    private TestIdentityCenter ic;
    private String appId;
    private PushQueue nodeA;
    private PushQueue nodeB;

    private void open(TestDatabase.Kind kind) {
        ic = TestIdentityCenter.start(kind, c -> c.withScimPushInterval(Duration.ZERO));
        appId = ic.center().services().applications().create("test",
                new AppInput("custom-saml", "Wiki", null, "https://wiki.example.com/acs", "https://wiki.example.com", null, null)).app().id();
        Jdbi jdbi = ic.center().database().jdbi();
        nodeA = new PushQueue(jdbi, clock);
        nodeB = new PushQueue(jdbi, clock);
    }

    @AfterEach
    void close() {
        if (ic != null) {
            ic.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void twoNodesClaimingAtOnceNeverShareARow(TestDatabase.Kind kind) throws Exception {
        open(kind);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 30; i++) {
                    nodeA.enqueue(appId, "u-" + round + "-" + i, "user" + i, "TEST");
                }
                CyclicBarrier start = new CyclicBarrier(2);
                Future<List<PushQueue.Push>> a = pool.submit(() -> {
                    start.await();
                    return nodeA.claim("node-a", 30);
                });
                Future<List<PushQueue.Push>> b = pool.submit(() -> {
                    start.await();
                    return nodeB.claim("node-b", 30);
                });
                Set<Long> idsA = ids(a.get());
                Set<Long> idsB = ids(b.get());
                Set<Long> both = new HashSet<>(idsA);
                both.retainAll(idsB);
                assertThat(both).as("claimed by both nodes").isEmpty();
                Set<Long> all = new HashSet<>(idsA);
                all.addAll(idsB);
                assertThat(all).as("round " + round).hasSize(30);
                a.get().forEach(p -> nodeA.succeeded(p.id(), "node-a", "NOTHING", null));
                b.get().forEach(p -> nodeB.succeeded(p.id(), "node-b", "NOTHING", null));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(nodeA.recent(appId, 200)).hasSize(150).allSatisfy(p -> assertThat(p.status()).isEqualTo("DONE"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void oneUsersPushesRunOneAtATimeInOrder(TestDatabase.Kind kind) {
        open(kind);
        nodeA.enqueue(appId, "u-1", "alice", "ASSIGNMENT");
        nodeA.enqueue(appId, "u-1", "alice", "USER_CHANGED");
        assertThat(nodeA.recent(appId, 10)).as("a waiting row covers the next change").hasSize(1);

        PushQueue.Push first = nodeA.claim("node-a", 10).get(0);
        nodeA.enqueue(appId, "u-1", "alice", "USER_CHANGED");
        nodeA.enqueue(appId, "u-2", "bob", "ASSIGNMENT");
        List<PushQueue.Push> other = nodeB.claim("node-b", 10);
        assertThat(other).extracting(PushQueue.Push::userId).as("alice's second push waits for her first").containsExactly("u-2");

        PushQueue.Push failed = nodeA.failed(first, "node-a", "HTTP 503");
        assertThat(failed.status()).isEqualTo("PENDING");
        assertThat(nodeB.claim("node-b", 10)).as("a failing push still holds the user's later ones back").isEmpty();
        clock.advance(PushQueue.FIRST_RETRY);
        List<PushQueue.Push> retried = nodeB.claim("node-b", 10);
        assertThat(retried).extracting(PushQueue.Push::id).containsExactly(first.id());
        nodeB.succeeded(first.id(), "node-b", "CREATED", null);
        assertThat(nodeB.claim("node-b", 10)).extracting(PushQueue.Push::reason).containsExactly("USER_CHANGED");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aDeadNodesLeaseRunsOut(TestDatabase.Kind kind) {
        open(kind);
        nodeA.enqueue(appId, "u-1", "alice", "ASSIGNMENT");
        PushQueue.Push claimed = nodeA.claim("node-a", 10).get(0);
        assertThat(nodeB.claim("node-b", 10)).isEmpty();
        clock.advance(PushQueue.LEASE.plusSeconds(1));
        assertThat(nodeB.claim("node-b", 10)).extracting(PushQueue.Push::id).containsExactly(claimed.id());
        nodeA.succeeded(claimed.id(), "node-a", "CREATED", null);
        assertThat(nodeA.recent(appId, 1).get(0).status()).as("the late node cannot finish a row it lost").isEqualTo("PENDING");
        nodeB.succeeded(claimed.id(), "node-b", "CREATED", null);
        assertThat(nodeA.recent(appId, 1).get(0).status()).isEqualTo("DONE");
    }

    private static Set<Long> ids(List<PushQueue.Push> pushes) {
        Set<Long> ids = new HashSet<>();
        pushes.forEach(p -> ids.add(p.id()));
        return ids;
    }
}
