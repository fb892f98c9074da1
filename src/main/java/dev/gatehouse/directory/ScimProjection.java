package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code attributes} and {@code excludedAttributes} query parameters (RFC 7644 §3.4.2.5) applied to a rendered
 * resource: {@code attributes} keeps only the named ones, {@code excludedAttributes} drops them; either way the
 * attributes the schema returns {@code always} ({@code schemas}, {@code id}, {@code meta}, a user's
 * {@code userName}, a group's {@code displayName}) stay. Names are case-insensitive, may carry the core schema URN
 * or name an extension's attribute by its URN, and may name one sub-attribute ({@code name.givenName}); names
 * the resource does not have are ignored, as the RFC allows. Immutable and thread-safe.
 */
final class ScimProjection {
    private static final Set<String> ALWAYS = Set.of("schemas", "id", "meta", "username", "displayname");
    private static final List<String> CORE_PREFIXES = List.of(ScimUserEdit.CORE.toLowerCase(Locale.ROOT) + ":",
            ScimGroupEdit.CORE.toLowerCase(Locale.ROOT) + ":");
    static final ScimProjection NONE = new ScimProjection(List.of(), false);
    private static final int MAX_NAMES = 50;

    private final List<String> names;
    private final boolean include;

    private ScimProjection(List<String> names, boolean include) {
        this.names = names;
        this.include = include;
    }

    /** From the two query parameters; both at once is {@code invalidValue}. */
    static ScimProjection of(String attributes, String excludedAttributes) {
        boolean hasInclude = attributes != null && !attributes.isBlank();
        boolean hasExclude = excludedAttributes != null && !excludedAttributes.isBlank();
        if (hasInclude && hasExclude) {
            throw ScimException.invalidValue("Send attributes or excludedAttributes, not both.");
        }
        if (!hasInclude && !hasExclude) {
            return NONE;
        }
        List<String> names = new ArrayList<>();
        for (String name : (hasInclude ? attributes : excludedAttributes).split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (String prefix : CORE_PREFIXES) {
                if (n.startsWith(prefix)) {
                    n = n.substring(prefix.length());
                }
            }
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        if (names.size() > MAX_NAMES) {
            throw ScimException.invalidValue("At most " + MAX_NAMES + " attribute names.");
        }
        return new ScimProjection(List.copyOf(names), hasInclude);
    }

    /** Whether {@code name} (a top-level attribute) is asked to be left out entirely. */
    boolean excludes(String name) {
        return !include && names.contains(name.toLowerCase(Locale.ROOT));
    }

    ObjectNode apply(ObjectNode resource) {
        if (names.isEmpty()) {
            return resource;
        }
        Iterator<String> fields = resource.fieldNames();
        List<String> drop = new ArrayList<>();
        List<String[]> keepSubs = new ArrayList<>();
        while (fields.hasNext()) {
            String field = fields.next();
            String key = field.toLowerCase(Locale.ROOT);
            if (ALWAYS.contains(key)) {
                continue;
            }
            boolean whole = names.contains(key);
            List<String> subs = names.stream().filter(n -> n.startsWith(key + (key.startsWith("urn:") ? ":" : "."))
                    ).map(n -> n.substring(key.length() + 1)).toList();
            if (include) {
                if (!whole && subs.isEmpty()) {
                    drop.add(field);
                } else if (!whole) {
                    keepSubs.add(new String[] {field, String.join(",", subs)});
                }
            } else if (whole) {
                drop.add(field);
            } else if (!subs.isEmpty()) {
                removeSubs(resource.get(field), subs);
            }
        }
        resource.remove(drop);
        for (String[] keep : keepSubs) {
            keepSubs(resource.get(keep[0]), List.of(keep[1].split(",")));
        }
        return resource;
    }

    private static void removeSubs(JsonNode node, List<String> subs) {
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            if (item instanceof ObjectNode object) {
                List<String> gone = new ArrayList<>();
                object.fieldNames().forEachRemaining(f -> {
                    if (subs.contains(f.toLowerCase(Locale.ROOT))) {
                        gone.add(f);
                    }
                });
                object.remove(gone);
            }
        }
    }

    private static void keepSubs(JsonNode node, List<String> subs) {
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            if (item instanceof ObjectNode object) {
                List<String> gone = new ArrayList<>();
                object.fieldNames().forEachRemaining(f -> {
                    if (!subs.contains(f.toLowerCase(Locale.ROOT))) {
                        gone.add(f);
                    }
                });
                object.remove(gone);
            }
        }
    }
}
