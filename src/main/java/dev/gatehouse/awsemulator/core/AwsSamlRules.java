package dev.gatehouse.awsemulator.core;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The emulator's own copy of AWS's SAML rules (aws-saml-spec §2–§4): the attribute names, the RoleSessionName and
 * SourceIdentity grammar and the session-length bounds. One home per rule inside the emulator; the identity center
 * keeps a separate copy on purpose ({@code apps.AwsSamlRules}), so that a mistake in one is caught by the other.
 */
public final class AwsSamlRules {
    public static final String ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
    public static final String ROLE_SESSION_NAME = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
    public static final String SESSION_DURATION = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
    public static final String SOURCE_IDENTITY = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
    public static final String PRINCIPAL_TAG_PREFIX = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";

    /** RoleSessionName and SourceIdentity: 2–64 characters of {@code [\w+=,.@-]}. */
    public static final Pattern SESSION_NAME = Pattern.compile("[a-zA-Z_0-9+=,.@-]{2,64}");

    /** The shortest session STS grants, in seconds (DurationSeconds and the SessionDuration attribute). */
    public static final int MIN_SESSION_SECONDS = 900;
    /** The longest session STS grants, in seconds. */
    public static final int MAX_SESSION_SECONDS = 43_200;
    /** The session length when the caller asks for none, in seconds. */
    public static final int DEFAULT_SESSION_SECONDS = 3600;
    /** The smallest MaxSessionDuration a role may have, in seconds; the largest is {@link #MAX_SESSION_SECONDS}. */
    public static final int MIN_ROLE_MAX_SESSION_SECONDS = 3600;
    /** A role's MaxSessionDuration when its creator sets none, in seconds. */
    public static final int DEFAULT_ROLE_MAX_SESSION_SECONDS = 3600;

    private AwsSamlRules() {
    }

    /**
     * The SessionDuration attribute's seconds, when its first value is a whole number within
     * {@link #MIN_SESSION_SECONDS}–{@link #MAX_SESSION_SECONDS}; AWS ignores any other value.
     */
    public static OptionalInt sessionDuration(List<String> attributeValues) {
        if (attributeValues.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int seconds = Integer.parseInt(attributeValues.get(0).trim());
            return withinSessionBounds(seconds) ? OptionalInt.of(seconds) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    public static boolean withinSessionBounds(int seconds) {
        return seconds >= MIN_SESSION_SECONDS && seconds <= MAX_SESSION_SECONDS;
    }
}
