package dev.gatehouse.devicelogin;

import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The browser's side of command-line sign-in: {@code /device} (the signed-in user confirms the code and approves
 * or denies), the user's own device sessions on the account page, and every user's in the admin console.
 */
public final class DevicePageHandlers {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Views views;
    private final WebSecurity security;
    private final ProductChrome portalChrome;
    private final ProductChrome adminChrome;
    private final DeviceGrants grants;
    private final DeviceTokens tokens;
    private final UserStore users;
    private final Clock clock;
    private final String baseUrl;

    public DevicePageHandlers(Views views, WebSecurity security, ProductChrome portalChrome, ProductChrome adminChrome,
                              DeviceGrants grants, DeviceTokens tokens, UserStore users, Clock clock, String baseUrl) {
        this.views = views;
        this.security = security;
        this.portalChrome = portalChrome;
        this.adminChrome = adminChrome;
        this.grants = grants;
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** GET /device[?user_code=…]: the code form, or the request the code names, to approve or deny. */
    public void device(Context ctx) {
        String typed = ctx.queryParam("user_code");
        if (typed == null || typed.isBlank()) {
            show(ctx, 200, "", null, null, null);
            return;
        }
        Principal p = WebSecurity.requirePrincipal(ctx);
        try {
            show(ctx, 200, typed, grants.lookup(typed, p.userId(), p.userName()), null, null);
        } catch (DeviceCodeException e) {
            show(ctx, 400, typed, null, e.getMessage(), null);
        }
    }

    /** POST /device: {@code decision} approve or deny, for the code in {@code user_code}. */
    public void decide(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        String typed = ctx.formParam("user_code");
        String decision = ctx.formParam("decision");
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            throw HttpError.badRequest("Choose Approve or Deny.");
        }
        boolean approve = "approve".equals(decision);
        try {
            Instant signedIn = p.authenticatedAt() != null ? p.authenticatedAt() : clock.instant();
            grants.decide(typed, new DeviceGrants.Approver(p.userId(), p.userName(), signedIn, p.authnContextClassRef()), approve);
        } catch (DeviceCodeException e) {
            show(ctx, 400, typed == null ? "" : typed, null, e.getMessage(), null);
            return;
        }
        show(ctx, 200, "", null, null, approve
                ? "Approved. Return to your terminal: the command line is signed in as " + p.userName() + "."
                : "Denied. The command line was not signed in.");
    }

    /** GET /account/devices: the user's own command-line sign-ins. */
    public void accountSessions(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        list(ctx, false, tokens.sessions(p.userId()), ctx.queryParam("revoked") != null ? "Signed out that command line." : null);
    }

    /** POST /account/devices/{id}/revoke: only the user's own sessions. */
    public void accountRevoke(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        if (!tokens.revoke(p.userName(), ctx.pathParam("id"), p.userId())) {
            throw HttpError.notFound("You have no such command-line sign-in.");
        }
        ctx.redirect("/account/devices?revoked", HttpStatus.SEE_OTHER);
    }

    /** GET /admin/device-sessions: every user's. */
    public void adminSessions(Context ctx) {
        list(ctx, true, tokens.sessions(null), ctx.queryParam("revoked") != null ? "Device session revoked." : null);
    }

    /** POST /admin/device-sessions/{id}/revoke. */
    public void adminRevoke(Context ctx) {
        if (!tokens.revoke(WebSecurity.actor(ctx), ctx.pathParam("id"), null)) {
            throw HttpError.notFound("No such device session.");
        }
        ctx.redirect("/admin/device-sessions?revoked", HttpStatus.SEE_OTHER);
    }

    private void list(Context ctx, boolean admin, List<DeviceTokens.DeviceSession> sessions, String notice) {
        List<DeviceSessionsPage.Row> rows = sessions.stream().map(s -> new DeviceSessionsPage.Row(s.id(),
                users.findRecent(s.userId()).map(User::userName).orElse(s.userId()), s.clientId(),
                WHEN.format(s.createdAt()), WHEN.format(s.lastUsedAt()), s.lastIp(), s.userAgent())).toList();
        views.html(ctx, "devicelogin/sessions.jte", new DeviceSessionsPage((admin ? adminChrome : portalChrome).of(ctx),
                security.csrfToken(ctx), admin, rows, admin ? "/admin/device-sessions/" : "/account/devices/", notice, baseUrl));
    }

    private void show(Context ctx, int status, String typed, DeviceGrants.Pending pending, String error, String outcome) {
        views.html(ctx, status, "devicelogin/device.jte", new DevicePage(portalChrome.of(ctx), security.csrfToken(ctx),
                typed, pending, error, outcome));
    }
}
