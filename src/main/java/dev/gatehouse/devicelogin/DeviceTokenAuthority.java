package dev.gatehouse.devicelogin;

import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.SessionAuthority;

import java.util.Optional;

/**
 * The web layer's view of callers, with the command line's access tokens added: a bearer token shaped like one of
 * ours ({@code gha_…}) is looked up here and names its active user (no session, no CSRF token, never an
 * administrator); anything else goes to the sign-in room's authority as before.
 */
public final class DeviceTokenAuthority implements SessionAuthority {
    private final SessionAuthority sessions;
    private final DeviceTokens tokens;
    private final UserStore users;

    public DeviceTokenAuthority(SessionAuthority sessions, DeviceTokens tokens, UserStore users) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public Optional<Principal> principalOfSession(String sessionToken) {
        return sessions.principalOfSession(sessionToken);
    }

    @Override
    public Optional<Principal> principalOfBearerToken(String bearerToken) {
        if (bearerToken == null || !bearerToken.startsWith(DeviceCodes.ACCESS_PREFIX)) {
            return sessions.principalOfBearerToken(bearerToken);
        }
        return tokens.holder(bearerToken).flatMap(holder -> users.findRecent(holder.userId())
                .filter(User::active)
                .map(user -> new Principal(user.id(), user.userName(), false, null, null,
                        holder.authnInstant(), holder.authnMethod())));
    }

    @Override
    public void endSession(String sessionToken) {
        sessions.endSession(sessionToken);
    }
}
