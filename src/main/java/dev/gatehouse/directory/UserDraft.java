package dev.gatehouse.directory;

/**
 * The fields of a user that callers set, for a create or a full replace. {@link DirectoryRules#check} says
 * whether a draft may be stored.
 */
public record UserDraft(String userName, String email, String givenName, String familyName, String displayName,
                        boolean active, boolean admin) {

    public UserDraft withActive(boolean value) {
        return new UserDraft(userName, email, givenName, familyName, displayName, value, admin);
    }

    public UserDraft withAdmin(boolean value) {
        return new UserDraft(userName, email, givenName, familyName, displayName, active, value);
    }
}
