package dev.gatehouse.identitycenter;

import dev.gatehouse.keyrotation.RotationPolicy;
import dev.gatehouse.storage.Database;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The identity center's settings, fixed at start (the emulator's are {@code EmulatorConfig}).
 *
 * @param port            the HTTP port (0 picks a free one, for tests)
 * @param dataDir         where the embedded database and generated secrets live
 * @param jdbcUrl         the database; an H2 file under {@code dataDir} unless {@code --db} names another
 * @param baseUrl         the public URL used in metadata and links, without a trailing slash
 * @param adminToken      a bootstrap administrator token from the environment, or {@code null}
 * @param sessionLifetime how long a portal session lasts
 * @param masterKeyFile   the file holding the master key ({@code --master-key-file}), or {@code null} for the
 *                        environment variable or the key generated in {@code dataDir}
 * @param bindAddress     the address to listen on ({@code --bind}), or {@code null} for every interface
 * @param scimPushInterval how often this node runs due SCIM pushes; {@link Duration#ZERO} runs none in the
 *                        background (tests drive the worker themselves)
 * @param keyRotation     signing-key rotation's lead time, grace period and worker interval
 */
public record IdentityCenterConfig(int port, Path dataDir, String jdbcUrl, String baseUrl, String adminToken,
                     Duration sessionLifetime, Path masterKeyFile, String bindAddress, Duration scimPushInterval,
                     RotationPolicy keyRotation) {

    public static IdentityCenterConfig of(int port, Path dataDir, String jdbcUrl, String baseUrl) {
        if (port == 0) {
            port = freePort(); // tests: the base URL must name the real port before routes are built
        }
        String db = jdbcUrl != null ? jdbcUrl : Database.h2FileUrl(dataDir, "gatehouse");
        String base = baseUrl != null ? stripSlash(baseUrl) : "http://localhost:" + port;
        String token = System.getenv("GATEHOUSE_ADMIN_TOKEN");
        return new IdentityCenterConfig(port, dataDir, db, base, token == null || token.isBlank() ? null : token, Duration.ofHours(8), null, null, Duration.ofSeconds(5),
                RotationPolicy.DEFAULT);
    }

    public IdentityCenterConfig withBaseUrl(String url) {
        return new IdentityCenterConfig(port, dataDir, jdbcUrl, stripSlash(url), adminToken, sessionLifetime, masterKeyFile, bindAddress, scimPushInterval, keyRotation);
    }

    public IdentityCenterConfig withAdminToken(String token) {
        return new IdentityCenterConfig(port, dataDir, jdbcUrl, baseUrl, token, sessionLifetime, masterKeyFile, bindAddress, scimPushInterval, keyRotation);
    }

    public IdentityCenterConfig withMasterKeyFile(Path file) {
        return new IdentityCenterConfig(port, dataDir, jdbcUrl, baseUrl, adminToken, sessionLifetime, file, bindAddress, scimPushInterval, keyRotation);
    }

    /** @param address an IP address or host name to listen on, or {@code null} for every interface */
    public IdentityCenterConfig withBindAddress(String address) {
        return new IdentityCenterConfig(port, dataDir, jdbcUrl, baseUrl, adminToken, sessionLifetime, masterKeyFile, address, scimPushInterval, keyRotation);
    }

    public IdentityCenterConfig withScimPushInterval(Duration interval) {
        return new IdentityCenterConfig(port, dataDir, jdbcUrl, baseUrl, adminToken, sessionLifetime, masterKeyFile, bindAddress, interval, keyRotation);
    }

    public IdentityCenterConfig withKeyRotation(RotationPolicy policy) {
        return new IdentityCenterConfig(port, dataDir, jdbcUrl, baseUrl, adminToken, sessionLifetime, masterKeyFile, bindAddress, scimPushInterval, policy);
    }

    public boolean secureCookies() {
        return baseUrl.startsWith("https://");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
