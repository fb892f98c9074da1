package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * SCIM filters (RFC 7644 §3.4.2.2) for the list endpoints: parsed by UnboundID's SCIM 2 SDK ({@link Filter}), then
 * translated here into a parameterised SQL condition over the users or groups table, so the database does the
 * filtering, counting and paging (a listing never loads the whole directory). Every operator is supported
 * ({@code eq ne co sw ew pr gt ge lt le}, {@code and or not}, grouping, and value filters such as
 * {@code emails[type eq "work"]} or {@code members[value eq "…"]}); names and emails compare case-insensitively,
 * ids and {@code externalId} exactly (RFC 7643 §2.4, §3.1). Anything the parser refuses, or an attribute Gatehouse
 * cannot filter on, is {@code invalidFilter}. Values are always bound, never spliced into the SQL.
 */
final class ScimFilter {
    private static final int MAX_LENGTH = 1000;
    private static final int MAX_VALUES = 50;

    private enum Kind { TEXT, EXACT, BOOLEAN, TIME }

    /** A filterable attribute: its SQL expression and how values compare. */
    private record Column(String sql, Kind kind) {
    }

    private static final Map<String, Column> USER = Map.ofEntries(
            Map.entry("username", new Column("user_name", Kind.TEXT)),
            Map.entry("emails", new Column("email", Kind.TEXT)),
            Map.entry("emails.value", new Column("email", Kind.TEXT)),
            Map.entry("emails.type", new Column("CASE WHEN email IS NULL THEN NULL ELSE 'work' END", Kind.TEXT)),
            Map.entry("emails.primary", new Column("CASE WHEN email IS NULL THEN NULL ELSE TRUE END", Kind.BOOLEAN)),
            Map.entry("displayname", new Column("display_name", Kind.TEXT)),
            Map.entry("name.givenname", new Column("given_name", Kind.TEXT)),
            Map.entry("name.familyname", new Column("family_name", Kind.TEXT)),
            Map.entry("externalid", new Column("external_id", Kind.EXACT)),
            Map.entry("id", new Column("id", Kind.EXACT)),
            Map.entry("active", new Column("active", Kind.BOOLEAN)),
            Map.entry("meta.created", new Column("created_at", Kind.TIME)),
            Map.entry("meta.lastmodified", new Column("updated_at", Kind.TIME)),
            Map.entry("locale", new Column("locale", Kind.TEXT)),
            Map.entry("enterprise.employeenumber", new Column("employee_number", Kind.EXACT)),
            Map.entry("enterprise.costcenter", new Column("cost_center", Kind.TEXT)),
            Map.entry("enterprise.organization", new Column("organization", Kind.TEXT)),
            Map.entry("enterprise.division", new Column("division", Kind.TEXT)),
            Map.entry("enterprise.department", new Column("department", Kind.TEXT)),
            Map.entry("enterprise.manager", new Column("manager_id", Kind.EXACT)),
            Map.entry("enterprise.manager.value", new Column("manager_id", Kind.EXACT)));
    private static final String ENTERPRISE = ScimUserEdit.ENTERPRISE.toLowerCase(Locale.ROOT);
    /** Member attributes are compared inside {@code EXISTS} over {@code group_members m}. */
    private static final Map<String, Column> GROUP = Map.ofEntries(
            Map.entry("displayname", new Column("display_name", Kind.TEXT)),
            Map.entry("externalid", new Column("external_id", Kind.EXACT)),
            Map.entry("id", new Column("id", Kind.EXACT)),
            Map.entry("members", new Column("m.user_id", Kind.EXACT)),
            Map.entry("members.value", new Column("m.user_id", Kind.EXACT)),
            Map.entry("meta.created", new Column("created_at", Kind.TIME)),
            Map.entry("meta.lastmodified", new Column("updated_at", Kind.TIME)));
    private static final String MEMBERS = "EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = user_groups.id AND (%s))";

    private final Map<String, Column> columns;
    private final String schema;
    private final Map<String, Object> binds = new HashMap<>();

    private ScimFilter(Map<String, Column> columns, String schema) {
        this.columns = columns;
        this.schema = schema.toLowerCase(Locale.ROOT);
    }

    /** The condition for a users listing, or {@code null} when there is no filter. */
    static ListQuery.Where users(String filter) {
        return translate(filter, new ScimFilter(USER, ScimUserEdit.CORE));
    }

    /** The condition for a groups listing, or {@code null} when there is no filter. */
    static ListQuery.Where groups(String filter) {
        return translate(filter, new ScimFilter(GROUP, ScimGroupEdit.CORE));
    }

    private static ListQuery.Where translate(String filter, ScimFilter translator) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        if (filter.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("The filter is too long.");
        }
        Filter parsed;
        try {
            parsed = Filter.fromString(filter);
        } catch (BadRequestException | RuntimeException e) {
            throw ScimException.invalidFilter("The filter \"" + filter + "\" is not valid: " + e.getMessage());
        }
        String sql = translator.sql(parsed, null);
        return new ListQuery.Where(sql, Map.copyOf(translator.binds));
    }

    /** The SQL ordering for {@code sortBy} / {@code sortOrder} on users (RFC 7644 §3.4.2.3), or {@code null}. */
    static String userOrder(String sortBy, String sortOrder) {
        return order(sortBy, sortOrder, USER);
    }

    static String groupOrder(String sortBy, String sortOrder) {
        return order(sortBy, sortOrder, GROUP);
    }

    /** Null values sort last ascending and first descending, as if they were the largest. */
    private static String order(String sortBy, String sortOrder, Map<String, Column> columns) {
        boolean descending = false;
        if (sortOrder != null && !sortOrder.isBlank()) {
            switch (sortOrder.trim().toLowerCase(Locale.ROOT)) {
                case "ascending" -> descending = false;
                case "descending" -> descending = true;
                default -> throw ScimException.invalidValue("sortOrder must be ascending or descending.");
            }
        }
        if (sortBy == null || sortBy.isBlank()) {
            return null;
        }
        String name = sortBy.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith(ENTERPRISE + ":")) {
            name = "enterprise." + name.substring(ENTERPRISE.length() + 1);
        }
        for (String core : List.of(ScimUserEdit.CORE, ScimGroupEdit.CORE)) {
            String prefix = core.toLowerCase(Locale.ROOT) + ":";
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
            }
        }
        Column column = columns.get(name);
        if (column == null || column.sql().startsWith("m.") || column.sql().startsWith("CASE")) {
            throw ScimException.invalidValue("Sorting by \"" + sortBy + "\" is not supported.");
        }
        String expression = column.kind() == Kind.TEXT ? "LOWER(" + column.sql() + ")" : column.sql();
        return "CASE WHEN " + column.sql() + " IS NULL THEN 1 ELSE 0 END " + (descending ? "DESC" : "ASC")
                + ", " + expression + (descending ? " DESC" : " ASC");
    }

    /** @param parent the multi-valued attribute a value filter ({@code emails[…]}) applies to, else {@code null} */
    private String sql(Filter f, String parent) {
        if (f.isCombiningFilter()) {
            List<String> parts = new ArrayList<>();
            for (Filter part : f.getCombinedFilters()) {
                parts.add(sql(part, parent));
            }
            String op = f.getFilterType().toString().equalsIgnoreCase("or") ? " OR " : " AND ";
            return "(" + String.join(op, parts) + ")";
        }
        if (f.isNotFilter()) {
            return "NOT COALESCE((" + sql(f.getInvertedFilter(), parent) + "), FALSE)";
        }
        String name = name(f.getAttributePath(), parent);
        if (f.isComplexValueFilter()) {
            if (parent != null) {
                throw ScimException.invalidFilter("Value filters cannot be nested.");
            }
            String inner = sql(f.getValueFilter(), name);
            return name.equals("members") && columns == GROUP ? MEMBERS.formatted(inner) : "(" + inner + ")";
        }
        Column column = columns.get(name);
        if (column == null) {
            throw ScimException.invalidFilter("Filtering on \"" + f.getAttributePath() + "\" is not supported; use one of "
                    + String.join(", ", new TreeSet<>(columns.keySet())) + ".");
        }
        String condition = comparison(f, column);
        return column.sql().startsWith("m.") && parent == null ? MEMBERS.formatted(condition) : condition;
    }

    private String name(Path path, String parent) {
        String urn = path.getSchemaUrn() == null ? null : path.getSchemaUrn().toLowerCase(Locale.ROOT);
        boolean enterprise = ENTERPRISE.equals(urn) && columns == USER;
        if (urn != null && !urn.equals(schema) && !enterprise) {
            throw ScimException.invalidFilter("Filtering on attributes of " + path.getSchemaUrn() + " is not supported.");
        }
        StringBuilder name = new StringBuilder(parent == null ? (enterprise ? "enterprise" : "") : parent);
        for (int i = 0; i < path.size(); i++) {
            Path.Element element = path.getElement(i);
            if (element.getValueFilter() != null && !(i == 0 && path.size() == 1)) {
                throw ScimException.invalidFilter("A value filter is supported only on a whole attribute, e.g. emails[type eq \"work\"].");
            }
            name.append(name.isEmpty() ? "" : ".").append(element.getAttribute().toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private String comparison(Filter f, Column column) {
        String type = f.getFilterType().toString().toLowerCase(Locale.ROOT);
        String col = column.kind() == Kind.TEXT ? "LOWER(" + column.sql() + ")" : column.sql();
        if (type.equals("pr")) {
            return column.kind() == Kind.TEXT || column.kind() == Kind.EXACT
                    ? "(" + column.sql() + " IS NOT NULL AND " + column.sql() + " <> '')" : column.sql() + " IS NOT NULL";
        }
        ValueNode value = f.getComparisonValue();
        if (value == null || value.isNull()) {
            throw ScimException.invalidFilter("Compare " + f.getAttributePath() + " with a value, or use pr.");
        }
        Object bound = switch (column.kind()) {
            case TEXT, EXACT -> {
                if (!value.isTextual()) {
                    throw ScimException.invalidFilter(f.getAttributePath() + " is compared with a string.");
                }
                yield column.kind() == Kind.TEXT ? value.textValue().toLowerCase(Locale.ROOT) : value.textValue();
            }
            case BOOLEAN -> {
                if (!value.isBoolean() || !(type.equals("eq") || type.equals("ne"))) {
                    throw ScimException.invalidFilter(f.getAttributePath() + " is a boolean: use eq or ne with true or false.");
                }
                yield value.booleanValue();
            }
            case TIME -> {
                if (!value.isTextual() || List.of("co", "sw", "ew").contains(type)) {
                    throw ScimException.invalidFilter(f.getAttributePath() + " is a dateTime: compare it with eq, ne, gt, ge, lt or le.");
                }
                try {
                    yield Instant.parse(value.textValue());
                } catch (DateTimeParseException e) {
                    throw ScimException.invalidFilter(f.getAttributePath() + " needs an xsd:dateTime such as 2026-01-01T00:00:00Z.");
                }
            }
        };
        if (binds.size() >= MAX_VALUES) {
            throw ScimException.invalidFilter("At most " + MAX_VALUES + " comparisons per filter.");
        }
        String bind = ":f" + binds.size();
        return switch (type) {
            case "eq" -> put(bind, bound, col + " = " + bind);
            case "ne" -> put(bind, bound, "(" + col + " <> " + bind + " OR " + column.sql() + " IS NULL)");
            case "gt" -> put(bind, bound, col + " > " + bind);
            case "ge" -> put(bind, bound, col + " >= " + bind);
            case "lt" -> put(bind, bound, col + " < " + bind);
            case "le" -> put(bind, bound, col + " <= " + bind);
            case "co" -> put(bind, "%" + like((String) bound) + "%", col + " LIKE " + bind + " ESCAPE '!'");
            case "sw" -> put(bind, like((String) bound) + "%", col + " LIKE " + bind + " ESCAPE '!'");
            case "ew" -> put(bind, "%" + like((String) bound), col + " LIKE " + bind + " ESCAPE '!'");
            default -> throw ScimException.invalidFilter("Unsupported operator " + type + ".");
        };
    }

    private String put(String bind, Object value, String sql) {
        binds.put(bind.substring(1), value);
        return sql;
    }

    private static String like(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
