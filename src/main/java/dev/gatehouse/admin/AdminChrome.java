package dev.gatehouse.admin;

import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.WebSecurity;

import java.util.List;

/** The admin console's frame: its theme, product name and navigation, defined here and nowhere else. */
public final class AdminChrome {
    public static final String PRODUCT = "Gatehouse Admin";

    private AdminChrome() {
    }

    public static ProductChrome of(WebSecurity security) {
        return new ProductChrome(security, "admin", PRODUCT, "/admin/logout", List.of(
                link("Users", "/admin/users"),
                link("Groups", "/admin/groups"),
                link("Applications", "/admin/apps"),
                link("Tokens", "/admin/tokens"),
                link("Device sessions", "/admin/device-sessions"),
                link("Audit log", "/admin/audit"),
                link("Security", "/admin/security"),
                link("LDAP", "/admin/ldap"),
                link("Portal", "/")), List.of());
    }

    private static Chrome.NavLink link(String label, String href) {
        return new Chrome.NavLink(label, href, false);
    }
}
