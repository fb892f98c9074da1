package dev.gatehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real identity center for a test: a fresh H2 file database in a temporary directory, a free port, and the
 * bootstrap admin token {@link #ADMIN_TOKEN}. Close it at the end of the test.
 */
public final class TestIdentityCenter implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    private final IdentityCenter center;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestIdentityCenter(IdentityCenter center, Path dataDir) {
        this.center = center;
        this.dataDir = dataDir;
    }

    public static TestIdentityCenter start() {
        try {
            Path dir = Files.createTempDirectory("gatehouse-test");
            Config config = Config.of(0, dir, null, null).withAdminToken(ADMIN_TOKEN);
            return new TestIdentityCenter(IdentityCenter.start(config), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public IdentityCenter center() {
        return center;
    }

    public String baseUrl() {
        return "http://localhost:" + center.port();
    }

    public HttpClient http() {
        return http;
    }

    /** A request builder for {@code path} carrying the admin bearer token. */
    public HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        center.close();
    }
}
