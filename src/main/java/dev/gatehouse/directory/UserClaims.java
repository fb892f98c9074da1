package dev.gatehouse.directory;

import java.util.Set;

/**
 * What the directory says about an active user when they use an application: the fields an assertion may carry
 * and the groups they belong to (directly), read at launch time.
 *
 * @param enterprise the enterprise extension's attributes ({@link Enterprise#NONE} when none)
 * @param manager    the manager's userName, or the id the provisioning client sent when no such user exists here,
 *                   or {@code null}
 */
public record UserClaims(String userId, String userName, String subject, String email, String givenName,
                         String familyName, String displayName, Set<String> groupIds, Enterprise enterprise,
                         String manager) {

    public UserClaims {
        enterprise = enterprise == null ? Enterprise.NONE : enterprise;
    }

    /** Claims without enterprise attributes. */
    public UserClaims(String userId, String userName, String subject, String email, String givenName,
                      String familyName, String displayName, Set<String> groupIds) {
        this(userId, userName, subject, email, givenName, familyName, displayName, groupIds, Enterprise.NONE, null);
    }

    /** The display name, else given and family name joined, else {@code null}. */
    public String name() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
        return joined.isEmpty() ? null : joined;
    }
}
