package dev.gatehouse.admin;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.Authenticator;
import dev.gatehouse.directory.User;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Optional;

/** Signing in to and out of the admin console. Only active administrators get in. */
public final class AdminSignInHandlers {
    static final String HOME = "/admin/users";
    // One message for every refusal, so the form does not reveal which userNames exist or who is an admin.
    static final String REFUSED = "Incorrect username or password.";

    private final Views views;
    private final WebSecurity security;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public AdminSignInHandlers(Views views, WebSecurity security, Authenticator authenticator, AuditLog audit) {
        this.views = views;
        this.security = security;
        this.authenticator = authenticator;
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
        Optional<User> admin = authenticator.verify(userName, password).filter(User::admin);
        if (admin.isEmpty()) {
            audit.record("anonymous", "ADMIN_SIGN_IN_FAILED", null, "userName=" + abbreviate(userName));
            show(ctx, 401, userName, next, REFUSED);
            return;
        }
        security.signIn(ctx, admin.get().id());
        audit.record(admin.get().userName(), "ADMIN_SIGN_IN", admin.get().id(), null);
        ctx.redirect(next, HttpStatus.SEE_OTHER);
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

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
