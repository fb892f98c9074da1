package dev.gatehouse.identitycenter;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The identity center's background threads (LDAP sync, SCIM push, key rotation): one daemon thread each, so a slow
 * one never holds another back, and none keeps the JVM alive.
 */
final class BackgroundWorkers {
    private BackgroundWorkers() {
    }

    /** A daemon thread running {@code task} every {@code interval}, after a first wait of the same length. */
    static ScheduledExecutorService every(String name, Runnable task, Duration interval) {
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        schedule.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
        return schedule;
    }
}
