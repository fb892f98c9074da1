package dev.gatehouse;

import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.Http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A real identity center for a test: a fresh database ({@link TestDatabase}: an H2 file in a temporary directory
 * unless the test asks for PostgreSQL, or the system property {@code gatehouse.test.db=postgresql} switches every
 * test), a free port, and the bootstrap admin token {@link #ADMIN_TOKEN}. Close it at the end of the test.
 */
public final class TestIdentityCenter implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    private final IdentityCenter center;
    private final Path dataDir;
    private final TestDatabase database;

    private TestIdentityCenter(IdentityCenter center, Path dataDir, TestDatabase database) {
        this.center = center;
        this.dataDir = dataDir;
        this.database = database;
    }

    public static TestIdentityCenter start() {
        return start(defaultKind());
    }

    /** Starts on a fresh database of {@code kind} (tests that run on both H2 and PostgreSQL). */
    public static TestIdentityCenter start(TestDatabase.Kind kind) {
        return start(kind, UnaryOperator.identity());
    }

    /** Starts on a fresh database of {@code kind}, with {@code adjust} applied to the configuration. */
    public static TestIdentityCenter start(TestDatabase.Kind kind, UnaryOperator<IdentityCenterConfig> adjust) {
        return start(kind, adjust, java.time.Clock.systemUTC());
    }

    /** Like {@link #start(TestDatabase.Kind, UnaryOperator)}, on {@code clock}: a {@code MovableClock} drives retries, and ages tokens and assertions together with the emulator's clock. */
    public static TestIdentityCenter start(TestDatabase.Kind kind, UnaryOperator<IdentityCenterConfig> adjust, java.time.Clock clock) {
        try {
            Path dir = Files.createTempDirectory("gatehouse-test");
            TestDatabase db = TestDatabase.create(kind, dir);
            try {
                IdentityCenterConfig config = adjust.apply(IdentityCenterConfig.of(0, dir, db.url(), null).withAdminToken(ADMIN_TOKEN));
                return new TestIdentityCenter(IdentityCenter.start(config, clock), dir, db);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** H2, unless {@code -Dgatehouse.test.db=postgresql} runs every test on PostgreSQL. */
    public static TestDatabase.Kind defaultKind() {
        return "postgresql".equalsIgnoreCase(System.getProperty("gatehouse.test.db"))
                ? TestDatabase.Kind.POSTGRESQL : TestDatabase.Kind.H2;
    }

    public TestDatabase database() {
        return database;
    }

    public IdentityCenter center() {
        return center;
    }

    public String baseUrl() {
        return "http://localhost:" + center.port();
    }

    /** A request builder for {@code path} carrying the admin bearer token. */
    public HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** Sends {@code request} without cookies, redirects not followed ({@link Http#exchange}). */
    public HttpResponse<String> send(HttpRequest request) {
        return Http.exchange(request);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            center.close();
        } finally {
            database.close();
        }
    }
}
