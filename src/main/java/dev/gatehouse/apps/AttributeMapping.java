package dev.gatehouse.apps;

/**
 * One row of an application's attribute mappings: the SAML attribute (or {@code Subject} for the NameID), the
 * value (a literal, or text with {@code ${user:...}} placeholders) and its format.
 */
public record AttributeMapping(String attribute, String value, String format) {
    public static final String SUBJECT = "Subject";

    public boolean isSubject() {
        return SUBJECT.equals(attribute);
    }
}
