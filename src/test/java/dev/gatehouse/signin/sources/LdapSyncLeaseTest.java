package dev.gatehouse.signin.sources;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One LDAP sync at a time across nodes: several nodes (each its own {@link ConfiguredLdap} and lease, one shared
 * database) whose schedules fall due together sync once; "Sync now" is refused while a sync runs; a node that died
 * mid-sync leaves a claim that is taken over once stale. On H2 and PostgreSQL.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class LdapSyncLeaseTest {
    private static final int NODES = 6;

    @TempDir
    Path dir;

    @Parameter
    TestDatabase.Kind database;

    private LdapWorld world;
    private final List<ConfiguredLdap> nodes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        world = LdapWorld.start(dir, database);
        LdapSettingsStore settings = new LdapSettingsStore(world.database.jdbi(),
                MasterKey.of(new byte[32], new SecureRandom(), "test"), world.audit, world.clock);
        settings.save("admin", new LdapSettingsStore.Stored(true, 60, world.ad.ldaps()));
        for (int i = 0; i < NODES; i++) {
            nodes.add(new ConfiguredLdap(settings, world.directory, world.audit, lease("node-" + i)));
        }
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    private LdapSyncLease lease(String node) {
        return new LdapSyncLease(world.database.jdbi(), world.clock, node);
    }

    private long syncs() {
        return world.audit.recent(500).stream().filter(e -> e.type().equals("LDAP_SYNC")).count();
    }

    @Test
    void settingsSavedOnManyNodesAtOnceAllSaveAndLeaveOneRow() throws Exception {
        LdapSettingsStore settings = new LdapSettingsStore(world.database.jdbi(),
                MasterKey.of(new byte[32], new SecureRandom(), "test"), world.audit, world.clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> saves = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int interval = 30 + i;
            saves.add(pool.submit(() -> {
                go.await();
                settings.save("admin", new LdapSettingsStore.Stored(true, interval, world.ad.ldaps()));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> save : saves) {
            save.get(60, TimeUnit.SECONDS); // throws if any save failed
        }
        pool.shutdown();
        int rows = world.database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ldap_settings").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
        assertThat(settings.load().orElseThrow().syncIntervalMinutes()).isBetween(30, 37);
    }

    @Test
    void nodesWhoseSchedulesFallDueTogetherSyncOnceThenAgainAfterTheInterval() throws Exception {
        tickAllAtOnce();
        assertThat(syncs()).isEqualTo(1);
        assertThat(world.directory.users().findByUserName("alice")).isPresent();

        world.clock.advance(Duration.ofMinutes(59));
        tickAllAtOnce();
        assertThat(syncs()).as("not due on any node").isEqualTo(1);

        world.clock.advance(Duration.ofMinutes(1));
        tickAllAtOnce();
        assertThat(syncs()).isEqualTo(2);
        assertThat(lease("x").lastRun().running()).isFalse();
    }

    @Test
    void syncNowIsRefusedWhileASyncRunsAndADeadNodesClaimIsTakenOverOnceStale() throws Exception {
        LdapSyncLease.Claim abandoned = lease("node-that-dies").claimNow().orElseThrow();
        assertThat(abandoned.node()).isEqualTo("node-that-dies");

        assertThatThrownBy(() -> nodes.get(0).syncNow("admin"))
                .isInstanceOf(LdapIdentitySource.LdapFailure.class).hasMessageContaining("A sync is already running");
        nodes.get(1).tick();
        assertThat(syncs()).isZero();

        world.clock.advance(LdapSyncLease.STALE.plusSeconds(1));
        assertThat(nodes.get(0).syncNow("admin").usersCreated()).isEqualTo(2);
        assertThat(syncs()).isEqualTo(1);
        // the dead node's late finish does not end the claim that replaced it
        lease("node-that-dies").finish(abandoned);
        assertThat(lease("x").lastRun().node()).isEqualTo("node-0");
    }

    private void tickAllAtOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (ConfiguredLdap node : nodes) {
                runs.add(pool.submit(() -> {
                    gate.await();
                    node.tick();
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
