package dev.gatehouse.admin;

import dev.gatehouse.directory.AdminTokens;
import dev.gatehouse.directory.DirectoryException;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin console's token pages. A new token's plaintext is rendered in the answer to the create form itself
 * (never in a redirect URL, never stored), so it is visible exactly once.
 */
public final class TokensAdminHandlers {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;
    private final AdminTokens tokens;
    private final Clock clock;

    public TokensAdminHandlers(Views views, WebSecurity security, ProductChrome chrome, AdminTokens tokens, Clock clock) {
        this.clock = clock;
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.tokens = tokens;
    }

    public void list(Context ctx) {
        show(ctx, 200, "", null, List.of(), "revoked".equals(ctx.queryParam("done")) ? "Token revoked." : null);
    }

    /**
     * Only an administrator signed in to the console makes tokens: a token minting tokens would outlive its own
     * revocation, so a request carrying one (the bootstrap token included) is refused before anything is read.
     */
    public void create(Context ctx) {
        Principal caller = WebSecurity.requirePrincipal(ctx);
        if (caller.sessionId() == null) {
            throw new HttpError(403, "A token cannot create tokens. Sign in to the admin console to make one.");
        }
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").trim();
        String days = ctx.formParam("expiresInDays") == null ? "" : ctx.formParam("expiresInDays").trim();
        try {
            AdminTokens.Created created = tokens.create(name, caller.userId(), lifetime(days), caller.userName());
            show(ctx, 200, "", created.plaintext(), List.of(), "Token \"" + created.token().name()
                    + "\" created, valid until " + when(created.token().expiresAt()) + ". Copy it now: it will not be shown again.");
        } catch (DirectoryException e) {
            show(ctx, 400, name, null, e.messages(), null);
        }
    }

    /** The lifetime typed in days; blank means the default, anything unreadable becomes one the service refuses. */
    private static Duration lifetime(String days) {
        if (days.isEmpty()) {
            return AdminTokens.DEFAULT_LIFETIME;
        }
        return days.matches("[0-9]{1,6}") ? Duration.ofDays(Integer.parseInt(days)) : Duration.ZERO;
    }

    /** The token list as JSON (no secrets), so automation can see which tokens expire when. */
    public void listJson(Context ctx) {
        Instant now = clock.instant();
        ctx.json(tokens.list().stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", t.id());
            row.put("name", t.name());
            row.put("actsAs", t.createdBy());
            row.put("createdAt", t.createdAt().toString());
            row.put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
            row.put("expiresAt", t.expiresAt().toString());
            row.put("status", t.revoked() ? "revoked" : t.expiredAt(now) ? "expired" : "active");
            return row;
        }).toList());
    }

    public void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        if (!tokens.revoke(id, WebSecurity.actor(ctx))) {
            throw HttpError.notFound("There is no live token with id " + id + ".");
        }
        ctx.redirect("/admin/tokens?done=revoked", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, int status, String newName, String plaintext, List<String> errors, String notice) {
        Instant now = clock.instant();
        List<TokenListPage.Row> rows = tokens.list().stream().map(t -> new TokenListPage.Row(t.id(), t.name(),
                t.createdBy(), when(t.createdAt()), t.lastUsedAt() == null ? "never" : when(t.lastUsedAt()),
                when(t.expiresAt()), t.revoked(), t.expiredAt(now))).toList();
        views.html(ctx, status, "admin/tokens/list.jte", new TokenListPage(chrome.of(ctx), security.csrfToken(ctx),
                rows, newName, plaintext, errors, notice, AdminTokens.DEFAULT_LIFETIME.toDays()));
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
