package dev.gatehouse.mfa;

import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.Role;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.security.RouteRole;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Two-step sign-in over HTTP: the user's enrolment page ({@code /account/mfa}), the code step of the portal and
 * admin sign-ins, and the gate that keeps administrators without a second factor out of the console while it is
 * required.
 */
public final class MfaHandlers {
    static final String CHALLENGE_COOKIE = "gh_mfa";
    /** The one message for a refused code, whatever the reason. */
    static final String CODE_FAILED = "That code is not correct.";

    private final Views views;
    private final WebSecurity security;
    private final SignInFlow flow;
    private final SecondFactor secondFactor;
    private final boolean secureCookies;
    private final Chrome portalPlain;
    private final Chrome adminPlain;

    /**
     * @param portalPlain the portal's frame for anonymous pages
     * @param adminPlain  the admin console's frame for anonymous pages
     */
    public MfaHandlers(Views views, WebSecurity security, SignInFlow flow, SecondFactor secondFactor,
                       boolean secureCookies, Chrome portalPlain, Chrome adminPlain) {
        this.views = views;
        this.security = security;
        this.flow = flow;
        this.secondFactor = secondFactor;
        this.secureCookies = secureCookies;
        this.portalPlain = portalPlain;
        this.adminPlain = adminPlain;
    }

    /** After a right password for an enrolled user: remember the challenge in a cookie and ask for the code. */
    public void askForCode(Context ctx, SignInFlow.CodeNeeded pending) {
        ctx.cookie(new Cookie(CHALLENGE_COOKIE, pending.challengeToken(), "/",
                (int) SignInFlow.CHALLENGE_LIFETIME.getSeconds(), secureCookies, true, null, SameSite.LAX));
        ctx.redirect(pending.purpose() == SignInFlow.Purpose.ADMIN ? "/admin/login/mfa" : "/login/mfa", HttpStatus.SEE_OTHER);
    }

    /** GET /login/mfa and /admin/login/mfa. */
    public void codeForm(Context ctx) {
        Optional<SignInFlow.Purpose> purpose = flow.pending(ctx.cookie(CHALLENGE_COOKIE));
        if (purpose.isEmpty()) {
            ctx.redirect(startOver(ctx), HttpStatus.SEE_OTHER);
            return;
        }
        showCodeForm(ctx, 200, purpose.get(), null);
    }

    /** POST /login/mfa and /admin/login/mfa. */
    public void submitCode(Context ctx) {
        String token = ctx.cookie(CHALLENGE_COOKIE);
        SignInFlow.Outcome outcome = flow.code(token, ctx.formParam("code"), ctx.ip());
        if (outcome instanceof SignInFlow.SignedIn signedIn) {
            clearChallengeCookie(ctx);
            security.signIn(ctx, signedIn.user().id());
            String fallback = ctx.path().startsWith("/admin/") ? "/admin" : "/";
            ctx.redirect(signedIn.next() != null ? signedIn.next() : fallback, HttpStatus.SEE_OTHER);
            return;
        }
        Optional<SignInFlow.Purpose> purpose = flow.pending(token);
        if (purpose.isEmpty()) {
            clearChallengeCookie(ctx);
            ctx.redirect(startOver(ctx), HttpStatus.SEE_OTHER);
            return;
        }
        showCodeForm(ctx, 401, purpose.get(), CODE_FAILED);
    }

    /** GET /account/mfa. */
    public void account(Context ctx) {
        showAccount(ctx, 200, List.of(), null);
    }

    /** POST /account/mfa/setup: a fresh secret to scan. */
    public void setup(Context ctx) {
        secondFactor.startEnrolment(WebSecurity.requirePrincipal(ctx).userId());
        ctx.redirect("/account/mfa", HttpStatus.SEE_OTHER);
    }

    /** POST /account/mfa/confirm: the first code turns it on and the recovery codes are shown, once. */
    public void confirm(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        Optional<List<String>> codes = secondFactor.confirm(p.userId(), p.userName(), ctx.formParam("code"));
        if (codes.isEmpty()) {
            showAccount(ctx, 400, List.of(), CODE_FAILED + " Check the time on your device and try the next code.");
            return;
        }
        showAccount(ctx, 200, codes.get(), null);
    }

    /** POST /account/mfa/disable. */
    public void disable(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        Optional<String> error = secondFactor.disable(p.userId(), p.userName(), p.admin(), ctx.formParam("code"));
        if (error.isPresent()) {
            showAccount(ctx, 400, List.of(), error.get());
            return;
        }
        ctx.redirect("/account/mfa", HttpStatus.SEE_OTHER);
    }

    /**
     * Runs after the role guard: while administrators must use two-step sign-in, an administrator's browser session
     * without it reaches only the enrolment page. Bearer tokens are not sessions and are not affected.
     */
    public void requireAdminEnrolment(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        boolean adminRoute = roles.contains(Role.ADMIN) || roles.contains(Role.ADMIN_API);
        Principal p = WebSecurity.principal(ctx).orElse(null);
        if (!adminRoute || p == null || !p.admin() || p.sessionId() == null || p.userId() == null) {
            return;
        }
        if (secondFactor.adminMfaRequired() && !secondFactor.enrolled(p.userId())) {
            if (roles.contains(Role.ADMIN)) {
                throw new WebSecurity.Redirect("/account/mfa?required=admin");
            }
            throw new HttpError(403, "Turn on two-step sign-in at /account/mfa before using the admin API.");
        }
    }

    private void showAccount(Context ctx, int status, List<String> recoveryCodes, String error) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        SecondFactor.State state = secondFactor.state(p.userId(), p.userName());
        boolean required = p.admin() && state.status() != SecondFactor.Status.ON && secondFactor.adminMfaRequired();
        views.html(ctx, status, "mfa/account.jte", new MfaAccountPage(accountChrome(ctx, p), security.csrfToken(ctx),
                state.status().name(), state.secret(), groups(state.secret()), state.qrDataUri(), recoveryCodes,
                state.recoveryCodesLeft(), required, error));
    }

    private void showCodeForm(Context ctx, int status, SignInFlow.Purpose purpose, String error) {
        boolean admin = purpose == SignInFlow.Purpose.ADMIN;
        views.html(ctx, status, "mfa/code.jte", new MfaCodePage(admin ? adminPlain : portalPlain,
                "Enter your sign-in code", admin ? "/admin/login/mfa" : "/login/mfa", security.csrfToken(ctx), error,
                admin ? "/admin/login" : "/"));
    }

    private Chrome accountChrome(Context ctx, Principal p) {
        List<Chrome.NavLink> nav = p.admin()
                ? List.of(new Chrome.NavLink("Applications", "/", false), new Chrome.NavLink("Two-step sign-in", "/account/mfa", true),
                new Chrome.NavLink("Admin console", "/admin", false))
                : List.of(new Chrome.NavLink("Applications", "/", false), new Chrome.NavLink("Two-step sign-in", "/account/mfa", true));
        return new Chrome(portalPlain.theme(), portalPlain.product(), nav, p.userName(), "/logout", security.csrfToken(ctx));
    }

    private void clearChallengeCookie(Context ctx) {
        ctx.cookie(new Cookie(CHALLENGE_COOKIE, "", "/", 0, secureCookies, true, null, SameSite.LAX));
    }

    private static String startOver(Context ctx) {
        return ctx.path().startsWith("/admin/") ? "/admin/login" : "/";
    }

    private static String groups(String secret) {
        if (secret == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < secret.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(secret, i, Math.min(secret.length(), i + 4));
        }
        return out.toString();
    }
}
