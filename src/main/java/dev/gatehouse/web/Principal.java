package dev.gatehouse.web;

import java.time.Instant;

/**
 * The caller of a request once authenticated: a portal session or an administrator's bearer token.
 *
 * @param userId    the directory user, or {@code null} for the environment's bootstrap admin token
 * @param userName  shown in pages and written to the audit log
 * @param admin     whether the caller holds the administrator role
 * @param sessionId the portal session's id, {@code null} for bearer tokens
 * @param csrfToken the session's CSRF token, {@code null} for bearer tokens (not form-based)
 * @param authenticatedAt when the user completed sign-in (the session's start), {@code null} for bearer tokens;
 *                        assertions carry it as AuthnInstant
 * @param authnContextClassRef how the user signed in, as a SAML authentication context class URI; {@code null}
 *                             for bearer tokens; assertions carry it as AuthnContextClassRef
 */
public record Principal(String userId, String userName, boolean admin, String sessionId, String csrfToken,
                        Instant authenticatedAt, String authnContextClassRef) {
}
