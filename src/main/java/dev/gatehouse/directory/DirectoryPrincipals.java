package dev.gatehouse.directory;

import dev.gatehouse.web.Principal;
import dev.gatehouse.web.PrincipalResolver;
import dev.gatehouse.web.SessionStore;

import java.util.Optional;

/**
 * Tells the web layer who is calling: the active user behind a session (admin flag read fresh on every request,
 * so a demotion takes effect at once), or the administrator token behind a bearer token. Thread-safe.
 */
public final class DirectoryPrincipals implements PrincipalResolver {
    private final UserStore users;
    private final AdminTokens tokens;

    public DirectoryPrincipals(UserStore users, AdminTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public Optional<Principal> forSession(SessionStore.Session session) {
        return users.findRecent(session.userId())
                .filter(User::active)
                .map(user -> new Principal(user.id(), user.userName(), user.admin(), session.id(), session.csrfToken(),
                        session.createdAt()));
    }

    @Override
    public Optional<Principal> forBearerToken(String bearerToken) {
        return tokens.find(bearerToken).map(token -> new Principal(null,
                AdminTokens.ENV_TOKEN_NAME.equals(token.id()) ? AdminTokens.ENV_TOKEN_NAME : token.actor(), true, null, null, null));
    }
}
