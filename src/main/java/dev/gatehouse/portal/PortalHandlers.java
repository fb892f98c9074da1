package dev.gatehouse.portal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.idp.UserClaims;
import dev.gatehouse.idp.UserDirectory;
import dev.gatehouse.mfa.MfaHandlers;
import dev.gatehouse.mfa.SignInFlow;
import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.LocalRedirect;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The access portal: sign in (password, then a code for users with two-step sign-in), see your applications, sign out. */
public final class PortalHandlers {
    /** Shown for every failed sign-in, whatever the cause, so the form does not reveal which user names exist. */
    static final String SIGN_IN_FAILED = "The user name or password is not correct.";

    private final Views views;
    private final WebSecurity security;
    private final SignInFlow signInFlow;
    private final MfaHandlers mfa;
    private final UserDirectory directory;
    private final Applications apps;
    private final Assignments assignments;
    private final AuditLog audit;

    public PortalHandlers(Views views, WebSecurity security, SignInFlow signInFlow, MfaHandlers mfa,
                          UserDirectory directory, Applications apps, Assignments assignments, AuditLog audit) {
        this.views = views;
        this.security = security;
        this.signInFlow = signInFlow;
        this.mfa = mfa;
        this.directory = directory;
        this.apps = apps;
        this.assignments = assignments;
        this.audit = audit;
    }

    /** GET /: the signed-in user's applications, or the sign-in form. */
    public void home(Context ctx) {
        Optional<Principal> principal = WebSecurity.principal(ctx);
        Optional<UserClaims> user = principal.flatMap(p -> directory.activeUser(p.userId()));
        if (user.isEmpty()) {
            showSignIn(ctx, 200, LocalRedirect.orDefault(ctx.queryParam("next"), null), null, null);
            return;
        }
        UserClaims claims = user.get();
        Set<String> ids = assignments.appIdsFor(claims.userId(), claims.groupIds());
        List<HomePage.Tile> tiles = apps.list().stream().filter(a -> ids.contains(a.id()))
                .sorted(Comparator.comparing(App::displayName, String.CASE_INSENSITIVE_ORDER))
                .map(a -> new HomePage.Tile(a.displayName(), a.description(), a.template().title(), "/launch/" + a.id()))
                .toList();
        String name = claims.displayName() != null && !claims.displayName().isBlank() ? claims.displayName() : claims.userName();
        views.html(ctx, "portal/home.jte", new HomePage(chrome(ctx, principal.get()), "Welcome, " + name, tiles));
    }

    /** POST /login: throttle, password, then the code step for users who have a second factor. */
    public void signIn(Context ctx) {
        String userName = trimToNull(ctx.formParam("username"));
        String next = LocalRedirect.orDefault(ctx.formParam("next"), null);
        SignInFlow.Outcome outcome = signInFlow.password(SignInFlow.Purpose.PORTAL, userName, ctx.formParam("password"),
                ctx.ip(), next);
        if (outcome instanceof SignInFlow.SignedIn signedIn) {
            security.signIn(ctx, signedIn.user().id());
            ctx.redirect(next != null ? next : "/", HttpStatus.SEE_OTHER);
        } else if (outcome instanceof SignInFlow.CodeNeeded codeNeeded) {
            mfa.askForCode(ctx, codeNeeded);
        } else {
            // The flow audited the real reason; the page says the same thing for all of them.
            showSignIn(ctx, 401, next, SIGN_IN_FAILED, userName);
        }
    }

    /** POST /logout. */
    public void signOut(Context ctx) {
        WebSecurity.principal(ctx).ifPresent(p -> audit.record(p.userName(), "SIGN_OUT", p.userId(), "portal"));
        security.signOut(ctx);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void showSignIn(Context ctx, int status, String next, String error, String userName) {
        views.html(ctx, status, "portal/signin.jte", new SignInPage(Chrome.plain("portal", "Gatehouse access portal"),
                "Sign in to your applications", "/login", security.csrfToken(ctx), next, error, userName));
    }

    private Chrome chrome(Context ctx, Principal principal) {
        List<Chrome.NavLink> nav = principal.admin()
                ? List.of(new Chrome.NavLink("Applications", "/", true), new Chrome.NavLink("Two-step sign-in", "/account/mfa", false),
                new Chrome.NavLink("Admin console", "/admin", false))
                : List.of(new Chrome.NavLink("Applications", "/", true), new Chrome.NavLink("Two-step sign-in", "/account/mfa", false));
        return new Chrome("portal", "Gatehouse access portal", nav, principal.userName(), "/logout",
                security.csrfToken(ctx));
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
