package dev.gatehouse.mfa;

import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.util.function.Function;

/** The admin console's security settings: whether every administrator must use two-step sign-in. */
public final class MfaAdminHandlers {
    private final Views views;
    private final WebSecurity security;
    private final Function<Context, Chrome> chrome;
    private final SecondFactor secondFactor;

    public MfaAdminHandlers(Views views, WebSecurity security, Function<Context, Chrome> chrome, SecondFactor secondFactor) {
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.secondFactor = secondFactor;
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
        if (require && (admin.userId() == null || !secondFactor.enrolled(admin.userId()))) {
            show(ctx, 400, "Turn on your own two-step sign-in before requiring it for every administrator.", null);
            return;
        }
        if (require != secondFactor.adminMfaRequired()) {
            secondFactor.requireAdminMfa(admin.userName(), require);
        }
        show(ctx, 200, null, require ? "Administrators must now use two-step sign-in." : "Two-step sign-in is optional for administrators.");
    }

    private void show(Context ctx, int status, String error, String notice) {
        Principal admin = WebSecurity.requirePrincipal(ctx);
        boolean enrolled = admin.userId() != null && secondFactor.enrolled(admin.userId());
        views.html(ctx, status, "mfa/settings.jte", new MfaSettingsPage(chrome.apply(ctx), security.csrfToken(ctx),
                secondFactor.adminMfaRequired(), enrolled, error, notice));
    }
}
