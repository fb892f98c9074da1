package dev.gatehouse.provisioning;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.keys.MasterKey;
import org.jdbi.v3.core.Jdbi;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Each application's SCIM target: the base URL and the bearer token, sealed under the master key (bound to the
 * application's id) and never shown again; a save without a token keeps the stored one. Only custom SAML 2.0
 * applications push. A URL must be https, except http to this machine's loopback address (tests, a target beside
 * Gatehouse). Saves and removals are audited without the token. Thread-safe.
 */
public final class PushTargets {
    static final String CUSTOM_SAML = "custom-saml";
    private static final int MAX_URL = 1024;
    private static final int MAX_TOKEN = 4096;

    /** What the admin page shows: never the token. */
    public record TargetView(String baseUrl, Instant updatedAt) {
    }

    /** A target with its token unsealed, for the push only. */
    record Target(String appId, String baseUrl, String token) {
        @Override
        public String toString() {
            return "Target[" + appId + ", " + baseUrl + "]"; // never the token
        }
    }

    private final Jdbi jdbi;
    private final MasterKey masterKey;
    private final Applications apps;
    private final AuditLog audit;
    private final Clock clock;

    public PushTargets(Jdbi jdbi, MasterKey masterKey, Applications apps, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.masterKey = masterKey;
        this.apps = apps;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Sets the application's target.
     *
     * @param token the bearer token, or {@code null}/blank to keep the stored one
     * @throws ProvisioningException naming what is wrong; nothing is saved
     */
    public void save(String actor, String appId, String baseUrl, String token) {
        App app = app(appId);
        String url = checkUrl(baseUrl);
        boolean keep = token == null || token.isBlank();
        if (!keep) {
            checkToken(token);
        }
        Optional<TargetView> before = view(appId);
        if (keep && before.isEmpty()) {
            throw new ProvisioningException("Enter the bearer token the application's SCIM API expects.");
        }
        jdbi.useTransaction(h -> {
            if (before.isPresent()) {
                h.createUpdate("UPDATE scim_push_targets SET base_url = :url, updated_at = :now"
                                + (keep ? "" : ", sealed_token = :sealed") + " WHERE app_id = :app")
                        .bind("url", url).bind("now", clock.instant()).bind("app", app.id())
                        .bind("sealed", keep ? null : seal(app.id(), token)).execute();
            } else {
                h.createUpdate("""
                                INSERT INTO scim_push_targets (app_id, base_url, sealed_token, updated_at)
                                VALUES (:app, :url, :sealed, :now)""")
                        .bind("app", app.id()).bind("url", url).bind("sealed", seal(app.id(), token)).bind("now", clock.instant())
                        .execute();
            }
        });
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("baseUrl", url);
        after.put("tokenChanged", !keep);
        audit.recordChange(actor, "SCIM_PUSH_TARGET_SET", app.id(), before.map(v -> Map.of("baseUrl", v.baseUrl())).orElse(null), after);
    }

    /** Stops pushing to the application; returns {@code false} when it had no target. */
    public boolean remove(String actor, String appId) {
        Optional<TargetView> before = view(appId);
        if (before.isEmpty()) {
            return false;
        }
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM scim_push_targets WHERE app_id = :app").bind("app", appId).execute());
        audit.recordChange(actor, "SCIM_PUSH_TARGET_REMOVED", appId, Map.of("baseUrl", before.get().baseUrl()), null);
        return true;
    }

    public Optional<TargetView> view(String appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT base_url, updated_at FROM scim_push_targets WHERE app_id = :app")
                .bind("app", appId)
                .map((rs, c) -> new TargetView(rs.getString(1), rs.getTimestamp(2).toInstant())).findOne());
    }

    boolean has(String appId) {
        return view(appId).isPresent();
    }

    Optional<Target> target(String appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT base_url, sealed_token FROM scim_push_targets WHERE app_id = :app")
                .bind("app", appId)
                .map((rs, c) -> new Target(appId, rs.getString(1),
                        new String(masterKey.decrypt(rs.getString(2), aad(appId)), StandardCharsets.UTF_8)))
                .findOne());
    }

    /** The applications that have a target. */
    java.util.Set<String> appIds() {
        return java.util.Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT app_id FROM scim_push_targets").mapTo(String.class).list()));
    }

    private App app(String appId) {
        App app;
        try {
            app = apps.find(appId);
        } catch (NoSuchElementException e) {
            throw new ProvisioningException("There is no application with id " + appId + ".");
        }
        if (!app.template().id().equals(CUSTOM_SAML)) {
            throw new ProvisioningException("Only custom SAML 2.0 applications can have users pushed over SCIM.");
        }
        return app;
    }

    private String seal(String appId, String token) {
        return masterKey.encrypt(token.getBytes(StandardCharsets.UTF_8), aad(appId));
    }

    private static String aad(String appId) {
        return "scim-push-token:" + appId;
    }

    /** The base URL without a trailing slash, or a refusal saying what is wrong. */
    static String checkUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ProvisioningException("Enter the SCIM base URL, e.g. https://app.example.com/scim/v2.");
        }
        String value = raw.trim();
        if (value.length() > MAX_URL || value.chars().anyMatch(ch -> ch <= ' ')) {
            throw new ProvisioningException("The SCIM base URL must be at most " + MAX_URL + " characters without spaces.");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ProvisioningException("The SCIM base URL is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ProvisioningException("The SCIM base URL must be an https URL with a host and no user, query or fragment.");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new ProvisioningException("The SCIM base URL must use https (http only to this machine, e.g. http://127.0.0.1:8080/scim/v2).");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** Literal loopback names only: no lookup, so a name cannot be pointed elsewhere later. */
    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|\\[[0-9a-f:]+]")) {
            return false;
        }
        try {
            return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void checkToken(String token) {
        // Printable ASCII only: it goes into an HTTP header as is.
        if (token.length() > MAX_TOKEN || token.chars().anyMatch(ch -> ch <= ' ' || ch >= 127)) {
            throw new ProvisioningException("The bearer token must be at most " + MAX_TOKEN + " printable ASCII characters without spaces.");
        }
    }
}
