package dev.gatehouse.keyrotation;

import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rotation page ({@code /admin/apps/{id}/rotation}: keys, the steps by hand without a connection, the
 * timeline), its buttons, and the API ({@code /api/apps/{id}/key-rotation}).
 */
public final class KeyRotationHandlers {
    private final KeyRotation rotation;
    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;

    public KeyRotationHandlers(KeyRotation rotation, Views views, WebSecurity security, ProductChrome chrome) {
        this.rotation = rotation;
        this.views = views;
        this.security = security;
        this.chrome = chrome;
    }

    /** GET /admin/apps/{id}/rotation */
    public void page(Context ctx) {
        show(ctx, 200, ctx.pathParam("id"), null, null);
    }

    /** POST /admin/apps/{id}/rotation/start */
    public void start(Context ctx) {
        act(ctx, () -> "Rotation started: the next key " + rotation.startNow(WebSecurity.actor(ctx), ctx.pathParam("id"))
                + " is published beside the active one.");
    }

    /** POST /admin/apps/{id}/rotation/promote */
    public void promote(Context ctx) {
        act(ctx, () -> {
            rotation.promoteByHand(WebSecurity.actor(ctx), ctx.pathParam("id"));
            return "The next key is active. The old certificate stays published through the grace period.";
        });
    }

    /** POST /admin/apps/{id}/rotation/remove-old */
    public void removeOld(Context ctx) {
        act(ctx, () -> {
            rotation.removeOldByHand(WebSecurity.actor(ctx), ctx.pathParam("id"));
            return "The old certificate is out of the metadata. Upload the metadata once more.";
        });
    }

    /** POST /admin/apps/{id}/rotation/test-user */
    public void testUser(Context ctx) {
        act(ctx, () -> {
            rotation.chooseTestUser(WebSecurity.actor(ctx), ctx.pathParam("id"), ctx.formParam("testUser"));
            return "Saved the test user.";
        });
    }

    /** POST /api/apps/{id}/key-rotation: "Start rotation now" for automation; 201 with the next key's id. */
    public void startApi(Context ctx) {
        try {
            ctx.status(201).json(Map.of("next", rotation.startNow(WebSecurity.actor(ctx), ctx.pathParam("id"))));
        } catch (KeyRotation.Refused e) {
            throw new HttpError(e.status(), e.getMessage());
        } catch (NoSuchElementException e) {
            throw HttpError.notFound(e.getMessage());
        }
    }

    /**
     * POST /api/apps/{id}/signing-keys: rotate now (a key thought exposed); 201 with the published keys; with connected
     * accounts, whether they took the new key and it became active ({@code pushed}), or why not ({@code pushFailure}).
     */
    public void rotateNowApi(Context ctx) {
        KeyRotation.Immediate done;
        try {
            done = rotation.rotateImmediately(WebSecurity.actor(ctx), ctx.pathParam("id"));
        } catch (NoSuchElementException e) {
            throw HttpError.notFound(e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", done.activeKey());
        out.put("keys", rotation.view(ctx.pathParam("id")).keys().stream().filter(k -> !k.status().name().equals("RETIRED"))
                .map(k -> Map.of("id", k.id(), "status", k.status().name(), "notAfter", k.notAfter().toString())).toList());
        out.put("connectedAccounts", done.connectedAccounts());
        out.put("pushed", done.connectedAccounts() > 0 && done.pushFailure() == null);
        if (done.pushFailure() != null) {
            out.put("pushFailure", done.pushFailure());
        }
        ctx.status(201).json(out);
    }

    /** GET /api/apps/{id}/key-rotation: the keys and the timeline as JSON. */
    public void viewApi(Context ctx) {
        RotationView view = view(ctx.pathParam("id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("appId", view.app().id());
        out.put("connected", view.connected());
        out.put("keys", view.keys().stream().map(k -> Map.of("id", k.id(), "status", k.status().name(),
                "since", k.statusSince().toString(), "notAfter", k.notAfter().toString())).toList());
        out.put("steps", view.steps().stream().map(s -> Map.of("key", s.keyId(), "step", s.step(), "ok", s.ok(),
                "detail", s.detail(), "at", s.at().toString())).toList());
        out.put("lastError", view.state() == null || view.state().lastError() == null ? "" : view.state().lastError());
        ctx.json(out);
    }

    private void act(Context ctx, java.util.function.Supplier<String> action) {
        String id = ctx.pathParam("id");
        view(id); // 404 before anything is attempted
        try {
            show(ctx, 200, id, action.get(), null);
        } catch (KeyRotation.Refused e) {
            show(ctx, e.status(), id, null, e.getMessage());
        }
    }

    private RotationView view(String id) {
        try {
            return rotation.view(id);
        } catch (NoSuchElementException e) {
            throw HttpError.notFound("There is no application with id " + id + ".");
        }
    }

    private void show(Context ctx, int status, String id, String notice, String error) {
        views.html(ctx, status, "keyrotation/rotation.jte", new RotationPage(chrome.of(ctx), security.csrfToken(ctx), view(id), notice, error));
    }
}
