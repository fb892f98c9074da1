package dev.gatehouse.web;

import java.util.Optional;

/** Turns a session's user or a bearer token into a {@link Principal}; supplied by the directory at wiring time. */
public interface PrincipalResolver {
    /** The active user behind a session, or empty when the user is gone or deactivated. */
    Optional<Principal> forSession(SessionStore.Session session);

    /** The administrator holding {@code bearerToken}, or empty when the token is unknown or revoked. */
    Optional<Principal> forBearerToken(String bearerToken);
}
