package dev.gatehouse.audit;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes audit rows by group commit: callers hand a row over and wait until the transaction holding it has
 * committed, while one writer thread inserts whatever has queued up meanwhile as one batch in one transaction.
 * Under load this turns hundreds of small transactions a second into a few larger ones, without weakening the
 * promise that an event is stored once {@link #write} returns. Thread-safe.
 */
final class GroupCommitWriter implements AutoCloseable {
    /** One audit row, already scrubbed and truncated. */
    record Row(Instant at, String actor, String type, String target, String detail) {
    }

    private record Pending(Row row, CompletableFuture<Void> committed) {
    }

    private static final int MAX_BATCH = 256;
    private static final String INSERT = """
            INSERT INTO audit_events (at, actor, event_type, target, detail)
            VALUES (:at, :actor, :type, :target, :detail)""";

    private final Jdbi jdbi;
    /**
     * Unbounded, yet never larger than the number of request threads: each caller waits for its own row. Offers and
     * the switch to closing happen under {@link #lock}, so no row can slip in after the writer's last drain.
     */
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private final Thread thread;
    private boolean closing;

    GroupCommitWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.thread = new Thread(this::run, "audit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once {@code row} is committed; throws when it could not be stored (the caller's action fails too). */
    void write(Row row) {
        Pending pending = new Pending(row, new CompletableFuture<>());
        boolean queued;
        synchronized (lock) {
            queued = !closing && queue.add(pending);
        }
        if (!queued) {
            insert(List.of(row));
            return;
        }
        try {
            pending.committed().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording an audit event", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("audit event not committed in time", e);
        }
    }

    /** How many handed-over rows wait for the writer thread now. A seam for tests that need rows in one batch. */
    int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!isClosing() || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private boolean isClosing() {
        synchronized (lock) {
            return closing;
        }
    }

    /** One transaction for the batch; if it fails, each row alone, so one bad row fails only its own caller. */
    private void commit(List<Pending> batch) {
        try {
            insert(batch.stream().map(Pending::row).toList());
            batch.forEach(p -> p.committed().complete(null));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).committed().completeExceptionally(e);
                return;
            }
            for (Pending p : batch) {
                try {
                    insert(List.of(p.row()));
                    p.committed().complete(null);
                } catch (RuntimeException each) {
                    p.committed().completeExceptionally(each);
                }
            }
        }
    }

    private void insert(List<Row> rows) {
        jdbi.useTransaction(h -> {
            PreparedBatch insert = h.prepareBatch(INSERT);
            for (Row r : rows) {
                insert.bind("at", r.at()).bind("actor", r.actor()).bind("type", r.type())
                        .bind("target", r.target()).bind("detail", r.detail()).add();
            }
            insert.execute();
        });
    }

    /** Stores what is queued, then stops the writer; later writes go straight to the database. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
