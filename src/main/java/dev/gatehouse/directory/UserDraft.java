package dev.gatehouse.directory;

/**
 * The fields of a user that callers set, for a create or a full replace. {@link DirectoryRules#check} says
 * whether a draft may be stored.
 */
public record UserDraft(String userName, String email, String givenName, String familyName, String displayName,
                        boolean active, boolean admin, String locale, Enterprise enterprise) {

    public UserDraft {
        enterprise = enterprise == null ? Enterprise.NONE : enterprise;
    }

    /** A draft without locale or enterprise attributes: a create, or a source that has none (LDAP). */
    public UserDraft(String userName, String email, String givenName, String familyName, String displayName,
                     boolean active, boolean admin) {
        this(userName, email, givenName, familyName, displayName, active, admin, null, Enterprise.NONE);
    }

    public UserDraft withActive(boolean value) {
        return new UserDraft(userName, email, givenName, familyName, displayName, value, admin, locale, enterprise);
    }

    public UserDraft withAdmin(boolean value) {
        return new UserDraft(userName, email, givenName, familyName, displayName, active, value, locale, enterprise);
    }

    public UserDraft withProfile(String newLocale, Enterprise newEnterprise) {
        return new UserDraft(userName, email, givenName, familyName, displayName, active, admin, newLocale, newEnterprise);
    }
}
