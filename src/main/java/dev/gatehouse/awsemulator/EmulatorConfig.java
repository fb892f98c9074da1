package dev.gatehouse.awsemulator;

import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.storage.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator's settings, fixed at start.
 *
 * @param port            the HTTP port (0 picks a free one, for tests)
 * @param dataDir         where the embedded database lives
 * @param jdbcUrl         the database; an H2 file {@code <data>/aws-emulator} unless {@code --db} names another
 * @param baseUrl         the public URL, without a trailing slash; {@code <baseUrl>/saml} stands in for AWS's sign-in URL
 * @param rootCredentials accounts and root keys to create at start (from {@code GATEHOUSE_AWS_ROOT_CREDENTIALS})
 * @param clockSkew       tolerance when checking assertion time windows
 * @param allowSha1       accept RSA-SHA1 signatures and SHA-1 digests in SAML responses ({@code --allow-sha1});
 *                        off by default, for identity providers that still sign with SHA-1
 * @param bindAddress     the address to listen on ({@code --bind}), or {@code null} for every interface
 */
public record EmulatorConfig(int port, Path dataDir, String jdbcUrl, String baseUrl,
                             List<RootCredential> rootCredentials, Duration clockSkew, boolean allowSha1,
                             String bindAddress) {
    public static final String ROOT_CREDENTIALS_ENV = "GATEHOUSE_AWS_ROOT_CREDENTIALS";

    public EmulatorConfig {
        rootCredentials = List.copyOf(rootCredentials);
    }

    /** Settings from the command line, with root credentials from the environment. */
    public static EmulatorConfig of(int port, Path dataDir, String jdbcUrl, String baseUrl) {
        return of(port, dataDir, jdbcUrl, baseUrl, parseRootCredentials(System.getenv(ROOT_CREDENTIALS_ENV)));
    }

    public static EmulatorConfig of(int port, Path dataDir, String jdbcUrl, String baseUrl, List<RootCredential> roots) {
        String db = jdbcUrl != null ? jdbcUrl : Database.h2FileUrl(dataDir, "aws-emulator");
        String base = baseUrl != null ? stripSlash(baseUrl) : "http://localhost:" + port;
        return new EmulatorConfig(port, dataDir, db, base, roots, Duration.ofMinutes(5), false, null);
    }

    /**
     * Parses {@code ACCOUNT_ID:ACCESS_KEY_ID:SECRET,...}; blank means none. A malformed entry is refused with a
     * message naming its position, never echoing the secret.
     */
    public static List<RootCredential> parseRootCredentials(String value) {
        List<RootCredential> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        String[] entries = value.split(",");
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].trim().split(":", 3);
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("expected ACCOUNT_ID:ACCESS_KEY_ID:SECRET");
                }
                out.add(new RootCredential(parts[0], parts[1], parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ROOT_CREDENTIALS_ENV + " entry " + (i + 1) + " is not valid: " + e.getMessage());
            }
        }
        return out;
    }

    public EmulatorConfig withBaseUrl(String url) {
        return new EmulatorConfig(port, dataDir, jdbcUrl, stripSlash(url), rootCredentials, clockSkew, allowSha1, bindAddress);
    }

    public EmulatorConfig withClockSkew(Duration skew) {
        return new EmulatorConfig(port, dataDir, jdbcUrl, baseUrl, rootCredentials, skew, allowSha1, bindAddress);
    }

    public EmulatorConfig withAllowSha1(boolean allow) {
        return new EmulatorConfig(port, dataDir, jdbcUrl, baseUrl, rootCredentials, clockSkew, allow, bindAddress);
    }

    /** @param address an IP address or host name to listen on, or {@code null} for every interface */
    public EmulatorConfig withBindAddress(String address) {
        return new EmulatorConfig(port, dataDir, jdbcUrl, baseUrl, rootCredentials, clockSkew, allowSha1, address);
    }

    /** The same settings with other root credentials (the demo adds its own to the environment's). */
    public EmulatorConfig withRootCredentials(List<RootCredential> roots) {
        return new EmulatorConfig(port, dataDir, jdbcUrl, baseUrl, roots, clockSkew, allowSha1, bindAddress);
    }

    public boolean secureCookies() {
        return baseUrl.startsWith("https://");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
