package dev.gatehouse.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a server command running until the JVM is asked to stop (Ctrl+C, SIGTERM), then closes its servers. */
final class Shutdown {
    private Shutdown() {
    }

    static void await(AutoCloseable... servers) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable server : servers) {
                try {
                    server.close();
                } catch (Exception e) {
                    // Shutting down anyway; say so rather than hide it.
                    System.err.println("gatehouse: closing " + server + " failed: " + e);
                }
            }
            done.countDown();
        }));
        done.await();
    }
}
