package dev.gatehouse.signin;

import dev.gatehouse.directory.AdminTokens;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.SessionAuthority;

import java.util.Optional;

/**
 * Tells the web layer who is calling: the active user behind a session (the admin flag read fresh on every
 * request, so a demotion takes effect at once), or the administrator token behind a bearer token. Thread-safe.
 */
public final class SessionPrincipals implements SessionAuthority {
    private final SessionStore sessions;
    private final UserStore users;
    private final AdminTokens tokens;

    public SessionPrincipals(SessionStore sessions, UserStore users, AdminTokens tokens) {
        this.sessions = sessions;
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public Optional<Principal> principalOfSession(String sessionToken) {
        return sessions.find(sessionToken).flatMap(session -> users.findRecent(session.userId())
                .filter(User::active)
                .map(user -> new Principal(user.id(), user.userName(), user.admin(), session.id(), session.csrfToken(),
                        session.createdAt(), session.method().authnContextClassRef())));
    }

    @Override
    public Optional<Principal> principalOfBearerToken(String bearerToken) {
        return tokens.find(bearerToken).map(token -> new Principal(null,
                AdminTokens.ENV_TOKEN_NAME.equals(token.id()) ? AdminTokens.ENV_TOKEN_NAME : token.actor(), true,
                null, null, null, null));
    }

    @Override
    public void endSession(String sessionToken) {
        sessions.find(sessionToken).ifPresent(session -> sessions.delete(session.id()));
    }
}
