package dev.gatehouse.admin;

import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.Principal;

import java.util.List;

/** The admin console's frame: its theme, product name and navigation, built here and nowhere else. */
public final class AdminChrome {
    public static final String PRODUCT = "Gatehouse Admin";

    private AdminChrome() {
    }

    /**
     * @param path      the request path, to mark the current section
     * @param principal who is signed in, or {@code null} (sign-in page)
     * @param csrfToken the token the sign-out form carries
     */
    public static Chrome of(String path, Principal principal, String csrfToken) {
        if (principal == null) {
            return Chrome.plain("admin", PRODUCT);
        }
        List<Chrome.NavLink> nav = List.of(
                link("Users", "/admin/users", path),
                link("Groups", "/admin/groups", path),
                link("Applications", "/admin/apps", path),
                link("Tokens", "/admin/tokens", path),
                link("Audit log", "/admin/audit", path),
                link("Security", "/admin/security", path),
                new Chrome.NavLink("Portal", "/", false));
        return new Chrome("admin", PRODUCT, nav, principal.userName(), "/admin/logout", csrfToken);
    }

    private static Chrome.NavLink link(String label, String href, String path) {
        return new Chrome.NavLink(label, href, path.equals(href) || path.startsWith(href + "/"));
    }
}
