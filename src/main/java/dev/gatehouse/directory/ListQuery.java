package dev.gatehouse.directory;

/**
 * Which items of a listing to return: an optional equality filter on one attribute and a SCIM page window.
 *
 * @param attribute  the attribute to compare, or {@code null} for all items
 * @param value      the value it must equal (case-insensitively for names and emails, exactly for ids)
 * @param startIndex 1-based position of the first item
 * @param count      the most items to return
 */
public record ListQuery(Attribute attribute, String value, int startIndex, int count) {
    public static final int MAX_COUNT = 200;

    /** The attributes a listing can be filtered on. */
    public enum Attribute { USER_NAME, EMAIL, DISPLAY_NAME, ID, EXTERNAL_ID }

    public ListQuery {
        startIndex = Math.max(1, startIndex);
        count = Math.max(0, Math.min(MAX_COUNT, count));
    }

    public static ListQuery all() {
        return new ListQuery(null, null, 1, MAX_COUNT);
    }
}
