package dev.gatehouse.cluster;

import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.storage.TestDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Two nodes on one fresh PostgreSQL schema behind one public URL, sharing a master key: A in its own JVM, so a
 * test can SIGKILL it, and B in the test's JVM, so a test can reach its services directly.
 */
record TwoNodes(TestDatabase db, NodeProcess a, IdentityCenter b) implements AutoCloseable {

    static TwoNodes start(String publicUrl) throws IOException {
        Path dir = Files.createTempDirectory("gatehouse-cluster");
        Path masterKey = dir.resolve("master.key");
        Files.writeString(masterKey, MasterKey.newEncodedKey(new SecureRandom()));
        TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, dir);
        NodeProcess a = null;
        try {
            a = NodeProcess.serve(dir, freePort(), Map.of("GATEHOUSE_ADMIN_TOKEN", TestIdentityCenter.ADMIN_TOKEN),
                    "--db", db.url(), "--base-url", publicUrl, "--master-key-file", masterKey.toString(),
                    "--data", Files.createDirectories(dir.resolve("a")).toString());
            IdentityCenter b = IdentityCenter.start(IdentityCenterConfig.of(0, Files.createDirectories(dir.resolve("b")), db.url(), publicUrl)
                    .withAdminToken(TestIdentityCenter.ADMIN_TOKEN).withMasterKeyFile(masterKey));
            return new TwoNodes(db, a, b);
        } catch (IOException | RuntimeException e) {
            if (a != null) {
                a.close();
            }
            db.close();
            throw e;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Node B's own address (its public URL is the load balancer's). */
    String urlOfB() {
        return "http://localhost:" + b.port();
    }

    /** B, then A, then the schema. */
    @Override
    public void close() {
        try (db; a; b) {
            // closing only
        }
    }
}
