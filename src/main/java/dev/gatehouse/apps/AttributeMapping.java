package dev.gatehouse.apps;

/**
 * One row of an application's attribute mappings: the SAML attribute (or {@code Subject} for the NameID), the
 * value (a literal, or text with {@code ${user:...}} placeholders) and its format.
 */
public record AttributeMapping(String attribute, String value, String format) {
    public static final String SUBJECT = "Subject";
    public static final String AWS_ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
    public static final String AWS_ROLE_SESSION_NAME = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
    public static final String AWS_SESSION_DURATION = "https://aws.amazon.com/SAML/Attributes/SessionDuration";

    public boolean isSubject() {
        return SUBJECT.equals(attribute);
    }
}
