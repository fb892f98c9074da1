package dev.gatehouse.signin;

import dev.gatehouse.web.Chrome;

/**
 * The access portal's sign-in form ({@value #TEMPLATE}): shown at {@code /} to visitors and again after a refused
 * attempt.
 *
 * @param action   where the form posts
 * @param next     where to go after signing in (a relative path), or {@code null}
 * @param error    the message after a failed attempt, or {@code null}
 * @param userName the name typed last time, kept so it need not be retyped
 */
public record SignInPage(Chrome chrome, String heading, String action, String csrfToken, String next, String error,
                         String userName) {
    public static final String TEMPLATE = "signin/portal.jte";
    public static final String PORTAL_PRODUCT = "Gatehouse access portal";

    /** The portal's form, posting to {@code /login}. */
    public static SignInPage portal(String csrfToken, String next, String error, String userName) {
        return new SignInPage(Chrome.plain("portal", PORTAL_PRODUCT), "Sign in to your applications", "/login",
                csrfToken, next, error, userName);
    }
}
