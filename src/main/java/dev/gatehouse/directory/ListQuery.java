package dev.gatehouse.directory;

import java.util.Map;

/**
 * Which items of a listing to return: an optional condition (a translated SCIM filter) and a SCIM page window.
 *
 * @param where      the condition, or {@code null} for all items
 * @param orderBy    a SQL ordering put before the listing's own (name, id), or {@code null}
 * @param startIndex 1-based position of the first item
 * @param count      the most items to return
 */
public record ListQuery(Where where, String orderBy, int startIndex, int count) {
    public static final int MAX_COUNT = 200;

    /** A parameterised SQL condition over the listed table and its named values; made by {@link ScimFilter} only. */
    public record Where(String sql, Map<String, Object> binds) {
    }

    public ListQuery {
        startIndex = Math.max(1, startIndex);
        count = Math.max(0, Math.min(MAX_COUNT, count));
    }

    public ListQuery(Where where, int startIndex, int count) {
        this(where, null, startIndex, count);
    }

    public static ListQuery all() {
        return new ListQuery(null, 1, MAX_COUNT);
    }
}
