package dev.gatehouse.directory;

import java.util.Optional;

/**
 * The claims of active users, for the portal and the identity provider: read through this node's short-lived
 * caches, because every page and launch asks. A deactivated or deleted user has none. Thread-safe.
 */
public final class ActiveUsers {
    private final UserStore users;
    private final GroupStore groups;

    public ActiveUsers(UserStore users, GroupStore groups) {
        this.users = users;
        this.groups = groups;
    }

    /** The user's claims, or empty when the user is gone or inactive. */
    public Optional<UserClaims> claims(String userId) {
        return users.findRecent(userId).filter(User::active).map(u -> new UserClaims(u.id(), u.userName(), u.subject(),
                u.email(), u.givenName(), u.familyName(), u.displayName(), groups.groupIdsOfRecent(u.id()),
                u.enterprise(), manager(u.enterprise().managerId())));
    }

    private String manager(String managerId) {
        if (managerId == null) {
            return null;
        }
        return users.findRecent(managerId).map(User::userName).orElse(managerId);
    }
}
