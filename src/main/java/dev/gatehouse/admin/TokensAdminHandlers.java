package dev.gatehouse.admin;

import dev.gatehouse.directory.AdminTokens;
import dev.gatehouse.directory.DirectoryException;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

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

    public TokensAdminHandlers(Views views, WebSecurity security, ProductChrome chrome, AdminTokens tokens) {
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.tokens = tokens;
    }

    public void list(Context ctx) {
        show(ctx, 200, "", null, List.of(), "revoked".equals(ctx.queryParam("done")) ? "Token revoked." : null);
    }

    public void create(Context ctx) {
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").trim();
        try {
            AdminTokens.Created created = tokens.create(name, WebSecurity.actor(ctx));
            show(ctx, 200, "", created.plaintext(), List.of(), "Token \"" + created.token().name()
                    + "\" created. Copy it now: it will not be shown again.");
        } catch (DirectoryException e) {
            show(ctx, 400, name, null, e.messages(), null);
        }
    }

    public void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        if (!tokens.revoke(id, WebSecurity.actor(ctx))) {
            throw HttpError.notFound("There is no live token with id " + id + ".");
        }
        ctx.redirect("/admin/tokens?done=revoked", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, int status, String newName, String plaintext, List<String> errors, String notice) {
        List<TokenListPage.Row> rows = tokens.list().stream().map(t -> new TokenListPage.Row(t.id(), t.name(),
                t.createdBy(), when(t.createdAt()), t.lastUsedAt() == null ? "never" : when(t.lastUsedAt()), t.revoked())).toList();
        views.html(ctx, status, "admin/tokens/list.jte", new TokenListPage(chrome.of(ctx), security.csrfToken(ctx),
                rows, newName, plaintext, errors, notice));
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
