package dev.gatehouse.audit;

import dev.gatehouse.storage.Database;
import dev.gatehouse.storage.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.testing.CountingDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Audit rows by group commit keep the old promise: an event is in the database, visible to any reader, once
 * {@link AuditLog#record} returns, and a row that cannot be stored fails the caller instead of vanishing.
 */
class GroupCommitWriterTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 200;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void concurrentRecordsAreAllStoredAndEachIsVisibleWhenRecordReturns(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir); Database database = Database.open(db.url(), "identity")) {
            HikariDataSource pool = pool(db);
            CountingDataSource counted = new CountingDataSource(pool);
            AuditLog audit = new AuditLog(Jdbi.create(counted), Clock.systemUTC());
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentLinkedQueue<String> notVisible = new ConcurrentLinkedQueue<>();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(threads.submit(() -> {
                        start.await();
                        for (int i = 0; i < PER_THREAD; i++) {
                            String detail = "t" + thread + "-n" + i;
                            audit.record("load-" + thread, "LOAD_TEST", "target-" + thread, detail);
                            if (count(database.jdbi(), detail) != 1) {
                                notVisible.add(detail);
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                threads.shutdownNow();
                audit.close();
                pool.close();
            }

            assertThat(notVisible).as("rows not (exactly once) in the database when record() returned").isEmpty();
            assertThat(scalar(database.jdbi(), "SELECT COUNT(*) FROM audit_events WHERE event_type = 'LOAD_TEST'"))
                    .isEqualTo(THREADS * PER_THREAD);
            assertThat(scalar(database.jdbi(), "SELECT COUNT(DISTINCT detail) FROM audit_events WHERE event_type = 'LOAD_TEST'"))
                    .isEqualTo(THREADS * PER_THREAD);
            for (int t = 0; t < THREADS; t++) {
                assertThat(scalar(database.jdbi(), "SELECT COUNT(*) FROM audit_events WHERE actor = 'load-" + t
                        + "' AND target = 'target-" + t + "'"))
                        .as("rows of thread %d keep their own actor and target", t).isEqualTo(PER_THREAD);
            }
            System.out.printf("%s: %d audit rows from %d threads in %d transactions%n", kind, THREADS * PER_THREAD,
                    THREADS, counted.commits());
            assertThat(counted.rollbacks()).isZero();
            assertThat(counted.commits()).as("transactions for %d rows from %d threads", THREADS * PER_THREAD, THREADS)
                    .isPositive().isLessThan(THREADS * PER_THREAD);
        }
    }

    /**
     * The batching itself: while the writer is inside one transaction, rows handed over meanwhile wait and then share
     * the next one. Three rows, two transactions, no sleeping: the writer is held in its first transaction until the
     * two other rows are in its queue.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rowsQueuedWhileTheWriterIsBusyAreCommittedTogetherInOneTransaction(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir); Database database = Database.open(db.url(), "identity");
             HikariDataSource pool = pool(db)) {
            CountingDataSource counted = new CountingDataSource(pool);
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try (GroupCommitWriter writer = new GroupCommitWriter(Jdbi.create(counted))) {
                CountingDataSource.Gate gate = counted.holdNextConnection();
                CompletableFuture<Void> first = CompletableFuture.runAsync(() -> writer.write(row("OK", "first, alone")), callers);
                gate.awaitHeld(Duration.ofSeconds(10)); // the writer took "first" and is held before its transaction
                CompletableFuture<Void> second = CompletableFuture.runAsync(() -> writer.write(row("OK", "second")), callers);
                CompletableFuture<Void> third = CompletableFuture.runAsync(() -> writer.write(row("OK", "third")), callers);
                awaitQueued(writer, 2);
                assertThat(first).as("not committed while the writer is held").isNotDone();
                gate.release();

                CompletableFuture.allOf(first, second, third).get(30, TimeUnit.SECONDS);
            } finally {
                callers.shutdownNow();
            }
            assertThat(counted.commits()).as("transactions for three rows").isEqualTo(2);
            assertThat(counted.rollbacks()).isZero();
            for (String detail : List.of("first, alone", "second", "third")) {
                assertThat(count(database.jdbi(), detail)).as(detail).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void afterCloseRecordStillStoresDirectly(TestDatabase.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = TestDatabase.create(kind, dir); Database database = Database.open(db.url(), "identity")) {
            AuditLog audit = new AuditLog(database.jdbi(), Clock.systemUTC());
            audit.record("erin", "BEFORE_CLOSE", "x", "queued then committed");
            assertThat(count(database.jdbi(), "queued then committed")).isEqualTo(1);

            audit.close();
            audit.record("erin", "AFTER_CLOSE", "x", "written straight through");
            assertThat(count(database.jdbi(), "written straight through")).isEqualTo(1);
            audit.close(); // a second close is harmless
            audit.record("erin", "AFTER_CLOSE", "x", "still written");
            assertThat(count(database.jdbi(), "still written")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void whenTheTableIsGoneRecordThrowsAndTheWriterRecoversAfterwards(TestDatabase.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = TestDatabase.create(kind, dir); Database database = Database.open(db.url(), "identity")) {
            AuditLog audit = new AuditLog(database.jdbi(), Clock.systemUTC());
            try {
                audit.record("frank", "OK", null, "first");
                database.jdbi().useHandle(h -> h.execute("ALTER TABLE audit_events RENAME TO audit_events_away"));

                assertThatThrownBy(() -> audit.record("frank", "LOST", null, "cannot be stored"))
                        .as("the caller's action fails rather than the event being dropped")
                        .isInstanceOf(RuntimeException.class);

                database.jdbi().useHandle(h -> h.execute("ALTER TABLE audit_events_away RENAME TO audit_events"));
                audit.record("frank", "OK", null, "after the failure");
                assertThat(count(database.jdbi(), "after the failure")).as("the writer thread survived").isEqualTo(1);
                assertThat(count(database.jdbi(), "cannot be stored")).isZero();
            } finally {
                audit.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void whenTheDatabaseIsClosedRecordThrows(TestDatabase.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = TestDatabase.create(kind, dir)) {
            Database database = Database.open(db.url(), "identity");
            AuditLog audit = new AuditLog(database.jdbi(), Clock.systemUTC());
            try {
                audit.record("gina", "OK", null, "stored");
                database.close();
                assertThatThrownBy(() -> audit.record("gina", "LOST", null, "database closed"))
                        .isInstanceOf(RuntimeException.class);
                audit.close();
                assertThatThrownBy(() -> audit.record("gina", "LOST", null, "database closed, direct path"))
                        .isInstanceOf(RuntimeException.class);
            } finally {
                audit.close();
                database.close();
            }
        }
    }

    /**
     * One row the database rejects must not take the other callers' rows down with it. Before group commit each
     * event had its own transaction; now up to 256 unrelated events share one, so the writer has to fall back to
     * storing them one by one. The writer is held in its first transaction while a good and a bad row queue behind it.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void oneRejectedRowDoesNotFailTheOtherRowsOfItsBatch(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir); Database database = Database.open(db.url(), "identity");
             HikariDataSource pool = pool(db)) {
            CountingDataSource counted = new CountingDataSource(pool);
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try (GroupCommitWriter writer = new GroupCommitWriter(Jdbi.create(counted))) {
                CountingDataSource.Gate gate = counted.holdNextConnection();
                CompletableFuture<Void> first = CompletableFuture.runAsync(() -> writer.write(row("OK", "first, alone in its batch")), callers);
                gate.awaitHeld(Duration.ofSeconds(10));
                CompletableFuture<Void> good = CompletableFuture.runAsync(() -> writer.write(row("OK", "innocent bystander")), callers);
                CompletableFuture<Void> bad = CompletableFuture.runAsync(() -> writer.write(row("X".repeat(41), "type too long")), callers);
                awaitQueued(writer, 2); // both wait behind the held batch, so they form the next batch together
                gate.release();

                first.get(30, TimeUnit.SECONDS);
                assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).as("the rejected row fails its caller")
                        .hasCauseInstanceOf(RuntimeException.class);
                good.get(30, TimeUnit.SECONDS);
            } finally {
                callers.shutdownNow();
            }
            assertThat(count(database.jdbi(), "first, alone in its batch")).isEqualTo(1);
            assertThat(count(database.jdbi(), "innocent bystander")).isEqualTo(1);
            assertThat(count(database.jdbi(), "type too long")).isZero();
            assertThat(counted.commits()).as("the first batch, then the bystander alone").isEqualTo(2);
            assertThat(counted.rollbacks()).as("the shared batch, then the rejected row alone").isEqualTo(2);
        }
    }

    /** Waits (bounded) until {@code n} rows wait for the writer thread. */
    private static void awaitQueued(GroupCommitWriter writer, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.queued() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(writer.queued() + " rows queued, not " + n);
            }
            Thread.onSpinWait();
        }
        assertThat(writer.queued()).isEqualTo(n);
    }

    private static HikariDataSource pool(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static GroupCommitWriter.Row row(String type, String detail) {
        return new GroupCommitWriter.Row(Instant.now(), "test", type, null, detail);
    }

    private static int scalar(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private static int count(Jdbi jdbi, String detail) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_events WHERE detail = :d")
                .bind("d", detail).mapTo(Integer.class).one());
    }
}
