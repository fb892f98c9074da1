package dev.gatehouse.directory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one SCIM filter shape Gatehouse answers: {@code attribute eq "value"} (RFC 7644 §3.4.2.2), on the
 * attributes provisioning clients look users and groups up by. Anything else is refused as {@code invalidFilter}
 * rather than silently answered with everything.
 */
final class ScimFilter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EQUALS = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_.:$-]*)\\s+(?i:eq)\\s+(\"(?:[^\"\\\\]|\\\\.)*\")\\s*");
    static final Map<String, ListQuery.Attribute> USER_ATTRIBUTES = Map.of(
            "username", ListQuery.Attribute.USER_NAME,
            "emails.value", ListQuery.Attribute.EMAIL,
            "emails", ListQuery.Attribute.EMAIL,
            "displayname", ListQuery.Attribute.DISPLAY_NAME,
            "id", ListQuery.Attribute.ID,
            "externalid", ListQuery.Attribute.EXTERNAL_ID);
    static final Map<String, ListQuery.Attribute> GROUP_ATTRIBUTES = Map.of(
            "displayname", ListQuery.Attribute.DISPLAY_NAME,
            "id", ListQuery.Attribute.ID,
            "externalid", ListQuery.Attribute.EXTERNAL_ID);

    /** A parsed filter: which attribute must equal which value. */
    record Equals(ListQuery.Attribute attribute, String value) {
    }

    private ScimFilter() {
    }

    /**
     * @param filter     the {@code filter} query parameter, or {@code null}
     * @param attributes the filterable attributes by lower-cased SCIM name (schema URN prefix removed)
     * @param schema     the resource's core schema URN, accepted as an attribute prefix
     * @return the filter, or {@code null} when there is none
     */
    static Equals parse(String filter, Map<String, ListQuery.Attribute> attributes, String schema) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        if (filter.length() > 1000) {
            throw ScimException.invalidFilter("The filter is too long.");
        }
        Matcher m = EQUALS.matcher(filter);
        if (!m.matches()) {
            throw ScimException.invalidFilter("Unsupported filter \"" + filter + "\": Gatehouse answers only"
                    + " filters of the form attribute eq \"value\", on " + String.join(", ", attributes.keySet()) + ".");
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String prefix = schema.toLowerCase(Locale.ROOT) + ":";
        if (name.startsWith(prefix)) {
            name = name.substring(prefix.length());
        }
        ListQuery.Attribute attribute = attributes.get(name);
        if (attribute == null) {
            throw ScimException.invalidFilter("Filtering on \"" + m.group(1) + "\" is not supported; use one of "
                    + String.join(", ", attributes.keySet()) + ".");
        }
        try {
            return new Equals(attribute, JSON.readValue(m.group(2), String.class));
        } catch (JacksonException e) {
            throw ScimException.invalidFilter("The filter's value is not a valid quoted string.");
        }
    }
}
