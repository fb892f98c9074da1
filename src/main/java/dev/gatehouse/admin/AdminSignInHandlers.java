package dev.gatehouse.admin;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.mfa.MfaHandlers;
import dev.gatehouse.mfa.SignInFlow;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Signing in to and out of the admin console. Only active administrators get in, through the same throttled
 * password step as the portal and then their second factor when they have one.
 */
public final class AdminSignInHandlers {
    static final String HOME = "/admin/users";
    // One message for every refusal, so the form does not reveal which userNames exist or who is an admin.
    static final String REFUSED = "Incorrect username or password.";

    private final Views views;
    private final WebSecurity security;
    private final SignInFlow signInFlow;
    private final MfaHandlers mfa;
    private final AuditLog audit;

    public AdminSignInHandlers(Views views, WebSecurity security, SignInFlow signInFlow, MfaHandlers mfa, AuditLog audit) {
        this.views = views;
        this.security = security;
        this.signInFlow = signInFlow;
        this.mfa = mfa;
        this.audit = audit;
    }

    public void form(Context ctx) {
        String next = safeNext(ctx.queryParam("next"));
        if (WebSecurity.principal(ctx).filter(p -> p.admin() && p.sessionId() != null).isPresent()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        show(ctx, 200, "", next, null);
    }

    public void signIn(Context ctx) {
        String userName = trimmed(ctx.formParam("username"));
        String password = ctx.formParam("password");
        String next = safeNext(ctx.formParam("next"));
        SignInFlow.Outcome outcome = signInFlow.password(SignInFlow.Purpose.ADMIN, userName, password, ctx.ip(), next);
        if (outcome instanceof SignInFlow.SignedIn signedIn) {
            security.signIn(ctx, signedIn.user().id());
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        } else if (outcome instanceof SignInFlow.CodeNeeded codeNeeded) {
            mfa.askForCode(ctx, codeNeeded);
        } else {
            // The flow audited the real reason (wrong password, unknown user, not an admin, throttled…).
            show(ctx, 401, userName, next, REFUSED);
        }
    }

    public void signOut(Context ctx) {
        WebSecurity.principal(ctx).ifPresent(p -> audit.record(p.userName(), "ADMIN_SIGN_OUT", p.userId(), null));
        security.signOut(ctx);
        ctx.redirect("/admin/login", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, int status, String userName, String next, String error) {
        views.html(ctx, status, "admin/signin.jte", new AdminSignInPage(AdminChrome.of(ctx.path(), null, null),
                security.csrfToken(ctx), userName, next, error));
    }

    /** A same-site path to continue to; anything that could leave the site becomes the console's home. */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 512 || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith("/\\") || next.chars().anyMatch(c -> c < 0x21 || c == '\\' || c == 0x7f)) {
            return HOME;
        }
        return next;
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }
}
