package dev.gatehouse.web;

import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One product's page frame (the portal's, the admin console's): its theme, name, navigation and sign-out target,
 * turned into the {@link Chrome} of a request with the current section marked and the signed-in user named.
 * Thread-safe.
 *
 * @param links      navigation for everyone signed in ({@code current} is ignored: it is worked out per request)
 * @param adminLinks navigation added for administrators
 */
public record ProductChrome(WebSecurity security, String theme, String product, String signOutUrl,
                            List<Chrome.NavLink> links, List<Chrome.NavLink> adminLinks) {

    /** The frame of anonymous pages: no navigation, nobody signed in. */
    public Chrome plain() {
        return Chrome.plain(theme, product);
    }

    /** The frame of this request's page. */
    public Chrome of(Context ctx) {
        Principal principal = caller(ctx).orElse(null);
        if (principal == null) {
            return plain();
        }
        String path = ctx.path();
        List<Chrome.NavLink> nav = new ArrayList<>();
        links.forEach(link -> nav.add(marked(link, path)));
        if (principal.admin()) {
            adminLinks.forEach(link -> nav.add(marked(link, path)));
        }
        return new Chrome(theme, product, List.copyOf(nav), principal.userName(), signOutUrl, security.csrfToken(ctx));
    }

    /**
     * The frame of a product's error pages: {@code section}'s under {@code sectionPrefix} for administrators (or
     * its plain frame for a visitor not signed in), {@code main}'s everywhere else, so that a signed-in user who is
     * refused a section still gets navigation they may use.
     */
    public static Function<Context, Chrome> forErrors(ProductChrome main, ProductChrome section, String sectionPrefix) {
        return ctx -> {
            if (!ctx.path().equals(sectionPrefix) && !ctx.path().startsWith(sectionPrefix + "/")) {
                return main.of(ctx);
            }
            Optional<Principal> caller = main.caller(ctx);
            return caller.isEmpty() ? section.plain() : caller.get().admin() ? section.of(ctx) : main.of(ctx);
        };
    }

    // Error pages of unmatched URLs are drawn before any guard identified the caller: look at the session then.
    private Optional<Principal> caller(Context ctx) {
        return WebSecurity.principal(ctx).or(() -> security.sessionPrincipal(ctx));
    }

    private static Chrome.NavLink marked(Chrome.NavLink link, String path) {
        String href = link.href();
        return new Chrome.NavLink(link.label(), href, path.equals(href) || path.startsWith(href + "/"));
    }
}
