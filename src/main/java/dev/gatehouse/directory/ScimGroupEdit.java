package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A group being changed through SCIM: its name and member ids, written by SCIM path, including the
 * {@code members[value eq "id"]} form provisioning clients use to remove one member. Not thread-safe.
 */
final class ScimGroupEdit {
    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final Pattern MEMBER_FILTER =
            Pattern.compile("members\\[\\s*value\\s+eq\\s+\"([^\"\\\\]*)\"\\s*\\]", Pattern.CASE_INSENSITIVE);

    /** The stored group's id when editing one (PATCH), else {@code null}. */
    String id;
    String displayName;
    String externalId;
    final Set<String> members = new LinkedHashSet<>();

    static ScimGroupEdit of(Group group) {
        ScimGroupEdit edit = new ScimGroupEdit();
        edit.id = group.id();
        edit.displayName = group.displayName();
        edit.externalId = group.externalId();
        edit.members.addAll(group.memberIds());
        return edit;
    }

    static String normalize(String path) {
        String p = path.trim();
        String prefix = CORE + ":";
        if (p.regionMatches(true, 0, prefix, 0, prefix.length())) {
            p = p.substring(prefix.length());
        }
        return MEMBER_FILTER.matcher(p).matches() ? p : p.toLowerCase(Locale.ROOT);
    }

    /** SCIM add: names are set, members are added to the existing ones. */
    void add(String key, JsonNode value, boolean resource) {
        switch (key) {
            case "displayname" -> displayName = ScimUserEdit.text("displayName", value);
            case "externalid" -> externalId = ScimUserEdit.text("externalId", value);
            case "members" -> members.addAll(memberIds(value));
            case "id", "meta", "schemas" -> {
                // Okta's rename repeats the group's own id beside the new name; that writes nothing.
                boolean ownId = key.equals("id") && id != null && value != null && id.equals(value.asText());
                if (!resource && !ownId) {
                    throw ScimException.mutability("\"" + key + "\" is read-only.");
                }
            }
            default -> throw unknown(key);
        }
    }

    /** SCIM replace: members are replaced as a whole. */
    void replace(String key, JsonNode value) {
        if (key.equals("members")) {
            members.clear();
        }
        add(key, value, false);
    }

    /**
     * SCIM remove. {@code members} with a value list removes those members, without one removes all;
     * {@code members[value eq "id"]} removes one and is {@code noTarget} when that user is not a member.
     */
    void remove(String key, JsonNode value) {
        Matcher one = MEMBER_FILTER.matcher(key);
        if (one.matches()) {
            if (!members.remove(one.group(1))) {
                throw ScimException.noTarget("User " + one.group(1) + " is not a member of this group.");
            }
            return;
        }
        switch (key) {
            case "members" -> {
                if (value == null || value.isNull()) {
                    members.clear();
                } else {
                    members.removeAll(memberIds(value));
                }
            }
            case "displayname" -> throw ScimException.invalidValue("displayName is required and cannot be removed.");
            case "externalid" -> externalId = null;
            case "id", "meta", "schemas" -> throw ScimException.mutability("\"" + key + "\" is read-only.");
            default -> throw unknown(key);
        }
    }

    private static ScimException unknown(String key) {
        return key.startsWith("members[")
                ? ScimException.invalidPath("Only the filter members[value eq \"id\"] is supported in a path.")
                : ScimException.invalidPath("Gatehouse groups have no attribute \"" + key + "\".");
    }

    private static Set<String> memberIds(JsonNode value) {
        Set<String> ids = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        Iterable<JsonNode> entries = value.isArray() ? value : java.util.List.of(value);
        for (JsonNode entry : entries) {
            if (!entry.isObject() || !entry.path("value").isTextual()) {
                throw ScimException.invalidValue("Each member must be an object with a string \"value\" (a user id).");
            }
            for (Map.Entry<String, JsonNode> field : entry.properties()) {
                String name = field.getKey();
                if (name.equals("type") && !field.getValue().asText().equals("User")) {
                    throw ScimException.invalidValue("Only users can be group members; nested groups are not supported.");
                }
                if (!Set.of("value", "display", "$ref", "type").contains(name)) {
                    throw ScimException.invalidValue("A member has no attribute \"" + name + "\".");
                }
            }
            ids.add(entry.get("value").textValue());
        }
        return ids;
    }
}
