package dev.gatehouse.signin.factors;

import dev.gatehouse.web.Principal;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The signed-in user's passkeys ({@code /account/passkeys}): the list with name, created and last used; add one
 * (the page's script asks {@code /account/passkeys/options} for a challenge, lets the browser create the passkey and
 * posts its answer); remove one.
 */
public final class PasskeyAccountHandlers {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Views views;
    private final WebSecurity security;
    private final Passkeys passkeys;
    private final ProductChrome portalChrome;
    private final FactorPolicy policy;
    private final SecondFactors factors;

    /** @param portalChrome the access portal's frame: the page belongs to the portal */
    public PasskeyAccountHandlers(Views views, WebSecurity security, Passkeys passkeys, ProductChrome portalChrome,
                                  FactorPolicy policy, SecondFactors factors) {
        this.factors = factors;
        this.views = views;
        this.security = security;
        this.passkeys = passkeys;
        this.portalChrome = portalChrome;
        this.policy = policy;
    }

    /** GET /account/passkeys. */
    public void account(Context ctx) {
        show(ctx, 200, null, ctx.queryParam("added"));
    }

    /** POST /account/passkeys/options: a registration challenge for the page's script, as JSON. */
    public void options(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(passkeys.startRegistration(p.userId(), p.userName()));
    }

    /** POST /account/passkeys/register: the name and the browser's answer ({@code credential}). */
    public void register(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        try {
            PasskeyStore.Passkey added = passkeys.finishRegistration(p.userId(), p.userName(), ctx.formParam("name"),
                    ctx.formParam("credential"));
            ctx.redirect("/account/passkeys?added=" + java.net.URLEncoder.encode(added.name(), java.nio.charset.StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
        } catch (Passkeys.Refused e) {
            show(ctx, 400, "The passkey was not added: " + e.getMessage() + ".", null);
        }
    }

    /** POST /account/passkeys/remove: one of the user's passkeys ({@code id}). */
    public void remove(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        String id = ctx.formParam("id");
        // The last second factor of an administrator who must have one stays, as for the authenticator app.
        if (p.admin() && policy.adminMfaRequired() && passkeys.list(p.userId()).size() <= 1 && !factors.enrolledBesides(p.userId(), PasskeyFactor.NAME)) {
            show(ctx, 409, "Administrators must keep a second factor: turn on the authenticator app or add another passkey first.", null);
            return;
        }
        // The last passkey of someone who must use one stays: removing it would leave only the factors the rule refuses.
        if (policy.passkeyRequired(p.admin()) && passkeys.list(p.userId()).size() <= 1) {
            show(ctx, 409, "Passkeys are required for your account: add another passkey before removing this one.", null);
            return;
        }
        if (id == null || id.length() > 1400 || !passkeys.remove(p.userId(), p.userName(), id)) {
            show(ctx, 404, "You have no such passkey.", null);
            return;
        }
        ctx.redirect("/account/passkeys", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, int status, String error, String added) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        List<PasskeyAccountPage.Row> rows = passkeys.list(p.userId()).stream()
                .map(k -> new PasskeyAccountPage.Row(k.credentialId(), k.name(), when(k.createdAt()), when(k.lastUsedAt())))
                .toList();
        String shownAdded = added != null && rows.stream().anyMatch(r -> r.name().equals(added)) ? added : null;
        views.html(ctx, status, "signin/factors/passkeys.jte",
                new PasskeyAccountPage(portalChrome.of(ctx), security.csrfToken(ctx), rows, error, shownAdded,
                        policy.passkeyRequired(p.admin())));
    }

    private static String when(Instant at) {
        return at == null ? "Never" : WHEN.format(at);
    }
}
