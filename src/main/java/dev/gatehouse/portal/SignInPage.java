package dev.gatehouse.portal;

import dev.gatehouse.web.Chrome;

/**
 * The sign-in form of the portal (and, with another action, of the admin console).
 *
 * @param action   where the form posts
 * @param next     where to go after signing in (a relative path), or {@code null}
 * @param error    the message after a failed attempt, or {@code null}
 * @param userName the name typed last time, kept so it need not be retyped
 */
public record SignInPage(Chrome chrome, String heading, String action, String csrfToken, String next, String error,
                         String userName) {
}
