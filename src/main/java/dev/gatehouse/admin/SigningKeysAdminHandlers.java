package dev.gatehouse.admin;

import dev.gatehouse.apps.Applications;
import dev.gatehouse.keys.SigningKeyStore;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * Signing-key rotation for automation ({@link Applications#rotateSigningKey}). Answers with the published key ids
 * and certificate expiry, never key material.
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

    public void rotate(Context ctx) {
        String id = ctx.pathParam("id");
        apps.rotateSigningKey(WebSecurity.requirePrincipal(ctx).userName(), id);
        ctx.status(201).json(view(id));
    }

    private List<Map<String, String>> view(String appId) {
        return keys.publishedKeys(appId).stream().map(k -> Map.of("id", k.id(), "status", k.status().name(),
                "notAfter", k.notAfter().toString())).toList();
    }
}
