package dev.gatehouse.keyrotation;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.keys.KeyStatus;
import dev.gatehouse.keys.RotationKeys;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers ticking at once on one database, as the nodes of a cluster do: one NEXT key when the active key nears
 * its expiry, and each expiry warning (30, 7, 1 days) once per key. On H2 and PostgreSQL.
 */
class RotationRacesTest {
    private static final int WORKERS = 4;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void workersTickingAtOnceMakeOneNextKey(TestDatabase.Kind kind) throws Exception {
        try (RotationScenario s = new RotationScenario(kind)) {
            Instant expires = activeExpiry(s);
            s.clock.set(expires.minus(Duration.ofDays(61)));
            tickAtOnce(s);
            assertThat(s.keyId(KeyStatus.NEXT)).as("61 days before expiry, outside the lead time").isNull();

            s.clock.set(expires.minus(Duration.ofDays(59)));
            tickAtOnce(s);
            assertThat(s.keys()).filteredOn(k -> k.status() == KeyStatus.NEXT).hasSize(1);
            assertThat(events(s, "KEY_ROTATION_NEXT_CREATED")).hasSize(1);
            tickAtOnce(s);
            assertThat(s.keys()).filteredOn(k -> k.status() == KeyStatus.NEXT).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void eachExpiryWarningIsRaisedOncePerThreshold(TestDatabase.Kind kind) throws Exception {
        try (RotationScenario s = new RotationScenario(kind)) {
            Instant expires = activeExpiry(s);
            s.clock.set(expires.minus(Duration.ofDays(31)));
            tickAtOnce(s);
            assertThat(events(s, "KEY_EXPIRY_WARNING")).isEmpty();

            s.clock.set(expires.minus(Duration.ofDays(29)));
            tickAtOnce(s);
            tickAtOnce(s);
            assertThat(events(s, "KEY_EXPIRY_WARNING")).singleElement().satisfies(e -> assertThat(e.detail()).contains("days=30"));

            s.clock.set(expires.minus(Duration.ofDays(6)));
            tickAtOnce(s);
            s.clock.set(expires.minus(Duration.ofHours(20)));
            tickAtOnce(s);
            tickAtOnce(s);
            assertThat(events(s, "KEY_EXPIRY_WARNING")).extracting(AuditLog.Event::detail)
                    .hasSize(3).anyMatch(d -> d.contains("days=7")).anyMatch(d -> d.contains("days=1"));
            assertThat(s.rotation().view(s.app).steps()).filteredOn(step -> step.step().equals("EXPIRY_WARNING")).hasSize(3);
        }
    }

    private static Instant activeExpiry(RotationScenario s) {
        return s.keys().stream().filter(k -> k.status() == KeyStatus.ACTIVE).map(RotationKeys.KeyState::notAfter).findFirst().orElseThrow();
    }

    private static List<AuditLog.Event> events(RotationScenario s, String type) {
        return s.ic.center().services().audit().recent(500).stream().filter(e -> e.type().equals(type) && s.app.equals(e.target())).toList();
    }

    /** Every worker's tick released at one gate (a latch, not a sleep); waits for all of them. */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rotationsAtOnceWithoutAConnectionLeaveOneActiveKey(TestDatabase.Kind kind) throws Exception {
        try (RotationScenario s = new RotationScenario(kind)) {
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<?>> rotations = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                rotations.add(pool.submit(() -> {
                    gate.await();
                    return s.rotation().rotateImmediately("root", s.app);
                }));
            }
            gate.countDown();
            for (Future<?> rotation : rotations) {
                rotation.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(s.keys()).filteredOn(k -> k.status() == KeyStatus.ACTIVE).hasSize(1);
            assertThat(s.keys()).filteredOn(k -> k.status() == KeyStatus.PASSIVE).hasSize(WORKERS);
        }
    }

    private static void tickAtOnce(RotationScenario s) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<?>> ticks = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            ticks.add(pool.submit(() -> {
                gate.await();
                s.rotation().tick();
                return null;
            }));
        }
        gate.countDown();
        for (Future<?> tick : ticks) {
            tick.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }
}
