package dev.gatehouse.signin.factors;

import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.List;
import java.util.Optional;

/** The signed-in user's two-step sign-in page ({@code /account/mfa}): turn TOTP on with a first code, or off. */
public final class TotpAccountHandlers {
    static final String CODE_REFUSED = "That code is not correct.";

    private final Views views;
    private final WebSecurity security;
    private final TotpEnrolment enrolment;
    private final FactorPolicy policy;
    private final ProductChrome portalChrome;

    /** @param portalChrome the access portal's frame: the page belongs to the portal */
    public TotpAccountHandlers(Views views, WebSecurity security, TotpEnrolment enrolment, FactorPolicy policy,
                               ProductChrome portalChrome) {
        this.views = views;
        this.security = security;
        this.enrolment = enrolment;
        this.policy = policy;
        this.portalChrome = portalChrome;
    }

    /** GET /account/mfa. */
    public void account(Context ctx) {
        show(ctx, 200, List.of(), null);
    }

    /** POST /account/mfa/setup: a fresh secret to scan. */
    public void setup(Context ctx) {
        enrolment.start(WebSecurity.requirePrincipal(ctx).userId());
        ctx.redirect("/account/mfa", HttpStatus.SEE_OTHER);
    }

    /** POST /account/mfa/confirm: the first code turns it on and the recovery codes are shown, once. */
    public void confirm(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        Optional<List<String>> codes = enrolment.confirm(p.userId(), p.userName(), ctx.formParam("code"));
        if (codes.isEmpty()) {
            show(ctx, 400, List.of(), CODE_REFUSED + " Check the time on your device and try the next code.");
            return;
        }
        show(ctx, 200, codes.get(), null);
    }

    /** POST /account/mfa/disable. */
    public void disable(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        Optional<String> error = enrolment.disable(p.userId(), p.userName(), p.admin(), ctx.formParam("code"));
        if (error.isPresent()) {
            show(ctx, 400, List.of(), error.get());
            return;
        }
        ctx.redirect("/account/mfa", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, int status, List<String> recoveryCodes, String error) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        TotpEnrolment.State state = enrolment.state(p.userId(), p.userName());
        // A passkey is a second factor too: an administrator who has one is not asked to add the app.
        boolean required = p.admin() && policy.adminMfaRequired() && !enrolment.secondFactorReady(p.userId());
        views.html(ctx, status, "signin/factors/account.jte", new TotpAccountPage(portalChrome.of(ctx), security.csrfToken(ctx),
                state.status().name(), state.secret(), groups(state.secret()), state.qrDataUri(), recoveryCodes,
                state.recoveryCodesLeft(), required, error));
    }

    /** The secret in groups of four, for reading aloud or typing. */
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
