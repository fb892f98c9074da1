package dev.gatehouse.web;

import java.util.Optional;

/**
 * What the web layer asks the product about its callers: who holds a session cookie or a bearer token, and ending a
 * session. The identity center's sign-in room supplies it at wiring time, so sessions stay a feature, not plumbing.
 */
public interface SessionAuthority {
    /** The active user behind a session token, or empty when the session or the user is gone. */
    Optional<Principal> principalOfSession(String sessionToken);

    /** The administrator holding {@code bearerToken}, or empty when the token is unknown or revoked. */
    Optional<Principal> principalOfBearerToken(String bearerToken);

    /** Ends the session behind {@code sessionToken}, if any (sign-out, and a new sign-in in the same browser). */
    void endSession(String sessionToken);
}
