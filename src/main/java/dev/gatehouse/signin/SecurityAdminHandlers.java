package dev.gatehouse.signin;

import dev.gatehouse.signin.factors.FactorPolicy;
import dev.gatehouse.signin.factors.PasskeyFactor;
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
 * The admin console's security settings (whether every administrator must use two-step sign-in; who must use a
 * passkey) and the gate that holds a user at the enrolment page while a rule requires what they do not have yet.
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
        String ruleParam = ctx.formParam("passkeyRule");
        FactorPolicy.PasskeyRule rule = ruleParam == null ? policy.passkeyRule() : FactorPolicy.PasskeyRule.parse(ruleParam);
        if (rule == null) {
            show(ctx, 400, "Choose who must sign in with a passkey: nobody, administrators or everyone.", null);
            return;
        }
        // As for two-step sign-in: only someone who has a passkey, and so has seen it work, may require them.
        if (rule != FactorPolicy.PasskeyRule.OFF && !hasPasskey(admin)) {
            show(ctx, 400, "Add a passkey of your own before requiring passkeys.", null);
            return;
        }
        // Requiring it without having it would send the administrator straight to enrolment: refuse instead, so the
        // setting is only switched on by someone who has shown it works.
        if (require && (admin.userId() == null || !factors.enrolled(admin.userId()))) {
            show(ctx, 400, "Turn on your own two-step sign-in before requiring it for every administrator.", null);
            return;
        }
        if (require != policy.adminMfaRequired()) {
            policy.requireAdminMfa(admin.userName(), require);
        }
        if (rule != policy.passkeyRule()) {
            policy.requirePasskeys(admin.userName(), rule);
        }
        show(ctx, 200, null, (require ? "Administrators must now use two-step sign-in." : "Two-step sign-in is optional for administrators.")
                + switch (rule) {
                    case OFF -> " Passkeys are optional.";
                    case ADMINS -> " Administrators must sign in with a passkey.";
                    case EVERYONE -> " Everyone must sign in with a passkey.";
                });
    }

    /**
     * Runs after the role guard. While administrators must use two-step sign-in, an administrator's browser session
     * without it reaches only the enrolment page. While a user must sign in with a passkey and has none, their
     * session reaches only the passkey page (and sign-out). Bearer tokens are not sessions and are not affected.
     */
    public void requireEnrolment(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        Principal p = WebSecurity.principal(ctx).orElse(null);
        if (p == null || p.sessionId() == null || p.userId() == null) {
            return;
        }
        requirePasskeyEnrolment(ctx, roles, p);
        boolean adminRoute = roles.contains(Role.ADMIN) || roles.contains(Role.ADMIN_API);
        if (!adminRoute || !p.admin()) {
            return;
        }
        if (policy.adminMfaRequired() && !factors.enrolled(p.userId())) {
            if (roles.contains(Role.ADMIN)) {
                throw new WebSecurity.Redirect("/account/mfa?required=admin");
            }
            throw new HttpError(403, "Turn on two-step sign-in at /account/mfa before using the admin API.");
        }
    }

    private void requirePasskeyEnrolment(Context ctx, Set<RouteRole> roles, Principal p) {
        boolean signedInRoute = roles.contains(Role.SIGNED_IN) || roles.contains(Role.ADMIN) || roles.contains(Role.ADMIN_API)
                || ctx.path().equals("/");
        String path = ctx.path();
        if (!signedInRoute || path.startsWith("/account/passkeys") || path.equals("/logout") || path.equals("/admin/logout")
                || !policy.passkeyRequired(p.admin()) || hasPasskey(p)) {
            return;
        }
        if (ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD")) {
            throw new WebSecurity.Redirect("/account/passkeys?required=1");
        }
        throw new HttpError(403, "Your organisation requires a passkey to sign in: add one at /account/passkeys first.");
    }

    private boolean hasPasskey(Principal p) {
        return p.userId() != null && factors.enrolledNames(p.userId()).contains(PasskeyFactor.NAME);
    }

    private void show(Context ctx, int status, String error, String notice) {
        Principal admin = WebSecurity.requirePrincipal(ctx);
        boolean enrolled = admin.userId() != null && factors.enrolled(admin.userId());
        views.html(ctx, status, "signin/settings.jte", new SecuritySettingsPage(chrome.of(ctx), security.csrfToken(ctx),
                policy.adminMfaRequired(), enrolled, policy.passkeyRule().value(), hasPasskey(admin), error, notice));
    }
}
