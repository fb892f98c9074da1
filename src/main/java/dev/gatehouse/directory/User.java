package dev.gatehouse.directory;

import java.time.Instant;

/**
 * A person in the directory. The password hash is deliberately not part of this record, so a {@code User} can be
 * rendered, logged or serialised without leaking it.
 *
 * @param subject a stable opaque id (32 hex characters) for {@code ${user:subject}}; never changes, never reused
 * @param version increases by one on every change (SCIM's {@code meta.version})
 * @param externalId the provisioning client's own id for the user (SCIM {@code externalId}), or {@code null}
 * @param locale     the user's locale as SCIM sends it ({@code en-US}), or {@code null}
 * @param enterprise the enterprise extension's attributes, {@link Enterprise#NONE} when none are set
 */
public record User(String id, String userName, String subject, String email, String givenName, String familyName,
                   String displayName, boolean active, boolean admin, Instant createdAt, Instant updatedAt,
                   int version, String externalId, String locale, Enterprise enterprise) {

    public User {
        enterprise = enterprise == null ? Enterprise.NONE : enterprise;
    }

    /** A user without locale or enterprise attributes (tests and callers from before they existed). */
    public User(String id, String userName, String subject, String email, String givenName, String familyName,
                String displayName, boolean active, boolean admin, Instant createdAt, Instant updatedAt,
                int version, String externalId) {
        this(id, userName, subject, email, givenName, familyName, displayName, active, admin, createdAt, updatedAt,
                version, externalId, null, Enterprise.NONE);
    }

    /** {@code givenName familyName}, or whichever of them is set, or {@code null}. */
    public String formattedName() {
        String full = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
        return full.isEmpty() ? null : full;
    }

    /** The editable fields of this user, to start a change from. */
    public UserDraft draft() {
        return new UserDraft(userName, email, givenName, familyName, displayName, active, admin, locale, enterprise);
    }
}
