package dev.gatehouse.admin;

import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.App;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.keys.SigningKey;
import dev.gatehouse.keys.SigningKeyStore;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * Signing-key rotation for automation: a new ACTIVE key, the old one kept in metadata as PASSIVE so relying
 * parties that have not fetched the new metadata yet keep accepting assertions. Answers with the published key
 * ids and certificate expiry, never key material.
 */
public final class SigningKeysAdminHandlers {
    private final Applications apps;
    private final SigningKeyStore keys;
    private final AuditLog audit;

    public SigningKeysAdminHandlers(Applications apps, SigningKeyStore keys, AuditLog audit) {
        this.apps = apps;
        this.keys = keys;
        this.audit = audit;
    }

    public void list(Context ctx) {
        ctx.json(view(apps.find(ctx.pathParam("id")).id()));
    }

    public void rotate(Context ctx) {
        App app = apps.find(ctx.pathParam("id"));
        String before = keys.activeKey(app.id()).id();
        SigningKey fresh = keys.createActiveKey(app.id(), app.displayName() + " (" + app.id() + ")");
        audit.record(WebSecurity.requirePrincipal(ctx).userName(), "SIGNING_KEY_ROTATED", app.id(),
                "before: active=" + before + " after: active=" + fresh.id() + ", " + before + " passive");
        ctx.status(201).json(view(app.id()));
    }

    private List<Map<String, String>> view(String appId) {
        return keys.publishedKeys(appId).stream().map(k -> Map.of("id", k.id(), "status", k.status().name(),
                "notAfter", k.notAfter().toString())).toList();
    }
}
