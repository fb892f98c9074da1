package dev.gatehouse.signin;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.signin.factors.FactorAnswer;
import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.LocalRedirect;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import dev.gatehouse.signin.factors.Passkeys;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out over HTTP, for the access portal and the admin console alike: the password forms, the
 * second-factor step between them and the session, and sign-out. Only active administrators get into the console.
 * Every refusal shows one message, whatever the reason, so the forms do not reveal which user names exist; the
 * flow audits the real reason.
 */
public final class SignInHandlers {
    static final String CHALLENGE_COOKIE = "gh_mfa";
    /** Shown for every failed portal sign-in. */
    static final String PORTAL_REFUSED = "The user name or password is not correct.";
    static final String PASSKEY_REFUSED = "That passkey did not sign you in. Use your password, or another passkey.";
    /** Shown for every failed console sign-in, including a right password of someone who is not an administrator. */
    static final String ADMIN_REFUSED = "Incorrect username or password.";
    /** The one message for a refused second factor, whatever the reason. */
    static final String CODE_REFUSED = "That code is not correct.";
    static final String ADMIN_HOME = "/admin/users";

    private final Views views;
    private final WebSecurity security;
    private final SignInFlow flow;
    private final SessionStore sessions;
    private final AuditLog audit;
    private final boolean secureCookies;
    private final Chrome adminPlain;
    private final Passkeys passkeys;
    private final PasswordlessLimit passwordlessLimit;

    /**
     * @param adminPlain the admin console's frame for anonymous pages
     * @param passkeys   issues the challenge for a passkey used as the second factor
     */
    public SignInHandlers(Views views, WebSecurity security, SignInFlow flow, SessionStore sessions, AuditLog audit,
                          boolean secureCookies, Chrome adminPlain, Passkeys passkeys,
                          PasswordlessLimit passwordlessLimit) {
        this.views = views;
        this.security = security;
        this.flow = flow;
        this.sessions = sessions;
        this.audit = audit;
        this.secureCookies = secureCookies;
        this.adminPlain = adminPlain;
        this.passkeys = passkeys;
        this.passwordlessLimit = passwordlessLimit;
    }

    /** POST /login: throttle, password, then the code step for users who have a second factor. */
    public void portalSignIn(Context ctx) {
        String userName = trimToNull(ctx.formParam("username"));
        String next = LocalRedirect.orDefault(ctx.formParam("next"), null);
        SignInFlow.Outcome outcome = flow.password(SignInFlow.Purpose.PORTAL, userName, ctx.formParam("password"),
                ctx.ip(), next);
        if (outcome instanceof SignInFlow.Failed) {
            views.html(ctx, 401, SignInPage.TEMPLATE, SignInPage.portal(security.csrfToken(ctx), next, PORTAL_REFUSED, userName));
        } else {
            proceed(ctx, outcome, next != null ? next : "/");
        }
    }

    /** POST /login/passkey/options: a passwordless challenge for the sign-in page's script, as JSON. */
    public void passwordlessOptions(Context ctx) {
        if (!passwordlessLimit.tryAcquire(ctx.ip())) {
            ctx.header("Retry-After", String.valueOf(Passkeys.CHALLENGE_LIFETIME.toSeconds()));
            throw new HttpError(429, "Too many passkey sign-ins from this address: wait a few minutes, or use your password.");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(passkeys.startPasswordless());
    }

    /** POST /login/passkey: the browser's answer ({@code credential}) from a discoverable passkey. */
    public void passkeySignIn(Context ctx) {
        String next = LocalRedirect.orDefault(ctx.formParam("next"), null);
        SignInFlow.Outcome outcome;
        try {
            outcome = flow.passkey(passkeys.verifyPasswordless(ctx.formParam("credential")).userId(), ctx.ip(), next);
        } catch (Passkeys.Refused e) {
            outcome = flow.passkeyRefused(ctx.ip(), e.getMessage());
        }
        if (outcome instanceof SignInFlow.Failed) {
            views.html(ctx, 401, SignInPage.TEMPLATE, SignInPage.portal(security.csrfToken(ctx), next, PASSKEY_REFUSED, ""));
        } else {
            proceed(ctx, outcome, next != null ? next : "/");
        }
    }

    /** POST /logout. */
    public void portalSignOut(Context ctx) {
        WebSecurity.principal(ctx).ifPresent(p -> audit.record(p.userName(), "SIGN_OUT", p.userId(), "portal"));
        security.signOut(ctx);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** GET /admin/login. */
    public void adminForm(Context ctx) {
        String next = LocalRedirect.orDefault(ctx.queryParam("next"), ADMIN_HOME);
        if (WebSecurity.principal(ctx).filter(p -> p.admin() && p.sessionId() != null).isPresent()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        showAdminForm(ctx, 200, "", next, null);
    }

    /** POST /admin/login. */
    public void adminSignIn(Context ctx) {
        String userName = trimToNull(ctx.formParam("username"));
        String next = LocalRedirect.orDefault(ctx.formParam("next"), ADMIN_HOME);
        SignInFlow.Outcome outcome = flow.password(SignInFlow.Purpose.ADMIN, userName, ctx.formParam("password"),
                ctx.ip(), next);
        if (outcome instanceof SignInFlow.Failed) {
            showAdminForm(ctx, 401, userName == null ? "" : userName, next, ADMIN_REFUSED);
        } else {
            proceed(ctx, outcome, next);
        }
    }

    /** POST /admin/logout. */
    public void adminSignOut(Context ctx) {
        WebSecurity.principal(ctx).ifPresent(p -> audit.record(p.userName(), "ADMIN_SIGN_OUT", p.userId(), null));
        security.signOut(ctx);
        ctx.redirect("/admin/login", HttpStatus.SEE_OTHER);
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

    /** POST /login/mfa/passkey and /admin/login/mfa/passkey: a passkey challenge for the pending user, as JSON. */
    public void passkeyOptions(Context ctx) {
        Optional<SignInFlow.PendingUser> pending = flow.pendingUser(ctx.cookie(CHALLENGE_COOKIE));
        if (pending.isEmpty() || !pending.get().factors().contains("passkey")) {
            throw new BadRequestResponse("No sign-in with a passkey is waiting: start again with your password.");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(passkeys.startSecondFactor(pending.get().userId()));
    }

    /** POST /login/mfa and /admin/login/mfa: a typed code ({@code code}) or a passkey's answer ({@code passkey}). */
    public void submitCode(Context ctx) {
        String token = ctx.cookie(CHALLENGE_COOKIE);
        Map<String, String> fields = new HashMap<>();
        for (String name : List.of("code", "passkey")) {
            String value = ctx.formParam(name);
            if (value != null) {
                fields.put(name, value);
            }
        }
        SignInFlow.Outcome outcome = flow.secondFactor(token, new FactorAnswer(fields), ctx.ip());
        if (outcome instanceof SignInFlow.SignedIn) {
            clearChallengeCookie(ctx);
            proceed(ctx, outcome, ctx.path().startsWith("/admin/") ? "/admin" : "/");
            return;
        }
        Optional<SignInFlow.Purpose> purpose = flow.pending(token);
        if (purpose.isEmpty()) {
            clearChallengeCookie(ctx);
            ctx.redirect(startOver(ctx), HttpStatus.SEE_OTHER);
            return;
        }
        showCodeForm(ctx, 401, purpose.get(), CODE_REFUSED);
    }

    /** After a step that did not fail: start the session, or ask for the second factor. */
    private void proceed(Context ctx, SignInFlow.Outcome outcome, String fallback) {
        if (outcome instanceof SignInFlow.SignedIn signedIn) {
            security.startSession(ctx, sessions.create(signedIn.user().id(), signedIn.method()));
            ctx.redirect(signedIn.next() != null ? signedIn.next() : fallback, HttpStatus.SEE_OTHER);
        } else if (outcome instanceof SignInFlow.CodeNeeded pending) {
            ctx.cookie(new Cookie(CHALLENGE_COOKIE, pending.challengeToken(), "/",
                    (int) SignInFlow.CHALLENGE_LIFETIME.getSeconds(), secureCookies, true, null, SameSite.LAX));
            ctx.redirect(pending.purpose() == SignInFlow.Purpose.ADMIN ? "/admin/login/mfa" : "/login/mfa", HttpStatus.SEE_OTHER);
        }
    }

    private void showAdminForm(Context ctx, int status, String userName, String next, String error) {
        views.html(ctx, status, "signin/admin.jte", new AdminSignInPage(adminPlain, security.csrfToken(ctx), userName, next, error));
    }

    private void showCodeForm(Context ctx, int status, SignInFlow.Purpose purpose, String error) {
        boolean admin = purpose == SignInFlow.Purpose.ADMIN;
        List<String> factors = flow.pendingUser(ctx.cookie(CHALLENGE_COOKIE)).map(SignInFlow.PendingUser::factors).orElse(List.of());
        boolean passkey = factors.contains("passkey");
        boolean codes = factors.stream().anyMatch(f -> !f.equals("passkey"));
        views.html(ctx, status, "signin/code.jte", new CodePage(admin ? adminPlain : Chrome.plain("portal", SignInPage.PORTAL_PRODUCT),
                !passkey ? "Enter your sign-in code" : codes ? "Confirm it is you" : "Use your passkey", admin ? "/admin/login/mfa" : "/login/mfa", security.csrfToken(ctx), error,
                admin ? "/admin/login" : "/", codes || !passkey, passkey));
    }

    private void clearChallengeCookie(Context ctx) {
        ctx.cookie(new Cookie(CHALLENGE_COOKIE, "", "/", 0, secureCookies, true, null, SameSite.LAX));
    }

    private static String startOver(Context ctx) {
        return ctx.path().startsWith("/admin/") ? "/admin/login" : "/";
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
