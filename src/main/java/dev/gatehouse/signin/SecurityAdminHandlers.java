package dev.gatehouse.signin;

import dev.gatehouse.signin.factors.FactorPolicy;
import dev.gatehouse.signin.factors.SecondFactors;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Role;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;

import java.util.Set;

/**
 * The admin console's security settings (whether every administrator must use two-step sign-in) and the gate that
 * holds an administrator without a second factor at the enrolment page while it is required.
 */
public final class SecurityAdminHandlers {
    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;
    private final SecondFactors factors;
    private final FactorPolicy policy;

    public SecurityAdminHandlers(Views views, WebSecurity security, ProductChrome chrome,
                                 SecondFactors factors, FactorPolicy policy) {
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.factors = factors;
        this.policy = policy;
    }

    /** GET /admin/security. */
    public void settings(Context ctx) {
        show(ctx, 200, null, null);
    }

    /** POST /admin/security. */
    public void save(Context ctx) {
        Principal admin = WebSecurity.requirePrincipal(ctx);
        boolean require = "true".equals(ctx.formParam("requireAdminMfa"));
        // Requiring it without having it would send the administrator straight to enrolment: refuse instead, so the
        // setting is only switched on by someone who has shown it works.
        if (require && (admin.userId() == null || !factors.enrolled(admin.userId()))) {
            show(ctx, 400, "Turn on your own two-step sign-in before requiring it for every administrator.", null);
            return;
        }
        if (require != policy.adminMfaRequired()) {
            policy.requireAdminMfa(admin.userName(), require);
        }
        show(ctx, 200, null, require ? "Administrators must now use two-step sign-in." : "Two-step sign-in is optional for administrators.");
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
        if (policy.adminMfaRequired() && !factors.enrolled(p.userId())) {
            if (roles.contains(Role.ADMIN)) {
                throw new WebSecurity.Redirect("/account/mfa?required=admin");
            }
            throw new HttpError(403, "Turn on two-step sign-in at /account/mfa before using the admin API.");
        }
    }

    private void show(Context ctx, int status, String error, String notice) {
        Principal admin = WebSecurity.requirePrincipal(ctx);
        boolean enrolled = admin.userId() != null && factors.enrolled(admin.userId());
        views.html(ctx, status, "signin/settings.jte", new SecuritySettingsPage(chrome.of(ctx), security.csrfToken(ctx),
                policy.adminMfaRequired(), enrolled, error, notice));
    }
}
