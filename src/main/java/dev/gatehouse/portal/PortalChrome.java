package dev.gatehouse.portal;

import dev.gatehouse.signin.SignInPage;
import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.WebSecurity;

import java.util.List;

/** The access portal's frame: its theme, product name and navigation, defined here and nowhere else. */
public final class PortalChrome {
    private PortalChrome() {
    }

    public static ProductChrome of(WebSecurity security) {
        return new ProductChrome(security, "portal", SignInPage.PORTAL_PRODUCT, "/logout",
                List.of(new Chrome.NavLink("Applications", "/", false), new Chrome.NavLink("AWS accounts", "/aws-accounts", false),
                        new Chrome.NavLink("Access keys", "/aws/access", false),
                        new Chrome.NavLink("Two-step sign-in", "/account/mfa", false),
                        new Chrome.NavLink("Passkeys", "/account/passkeys", false),
                        new Chrome.NavLink("Command line", "/account/devices", false)),
                List.of(new Chrome.NavLink("Admin console", "/admin", false)));
    }
}
