package dev.gatehouse.directory;

import java.util.Set;

/**
 * What the directory says about an active user when they use an application: the fields an assertion may carry
 * and the groups they belong to (directly), read at launch time.
 */
public record UserClaims(String userId, String userName, String subject, String email, String givenName,
                         String familyName, String displayName, Set<String> groupIds) {

    /** The display name, else given and family name joined, else {@code null}. */
    public String name() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
        return joined.isEmpty() ? null : joined;
    }
}
