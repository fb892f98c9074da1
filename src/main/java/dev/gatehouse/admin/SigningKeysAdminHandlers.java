package dev.gatehouse.admin;

import dev.gatehouse.apps.Applications;
import dev.gatehouse.keys.SigningKeyStore;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * The published signing keys for automation: ids, status and certificate expiry, never key material (rotating at
 * once is {@code keyrotation}'s, which also pushes the metadata to connected AWS accounts).
 */
public final class SigningKeysAdminHandlers {
    private final Applications apps;
    private final SigningKeyStore keys;

    public SigningKeysAdminHandlers(Applications apps, SigningKeyStore keys) {
        this.apps = apps;
        this.keys = keys;
    }

    public void list(Context ctx) {
        ctx.json(view(apps.find(ctx.pathParam("id")).id()));
    }

    private List<Map<String, String>> view(String appId) {
        return keys.publishedKeys(appId).stream().map(k -> Map.of("id", k.id(), "status", k.status().name(),
                "notAfter", k.notAfter().toString())).toList();
    }
}
