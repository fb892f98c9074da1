package dev.gatehouse.web;

import java.util.List;

/**
 * The frame around every page: which product the page belongs to, its navigation, who is signed in and the
 * sign-out form's target and CSRF token.
 *
 * @param theme      {@code portal}, {@code admin} or {@code aws} (selects the header colours)
 * @param product    the name in the header
 * @param nav        header links, the current one marked
 * @param userName   who is signed in, or {@code null}
 * @param signOutUrl where the sign-out form posts, or {@code null} when nobody is signed in
 * @param csrfToken  the token the sign-out form carries
 */
public record Chrome(String theme, String product, List<NavLink> nav, String userName, String signOutUrl,
                     String csrfToken) {
    /** A header link. */
    public record NavLink(String label, String href, boolean current) {
    }

    public static Chrome plain(String theme, String product) {
        return new Chrome(theme, product, List.of(), null, null, null);
    }
}
