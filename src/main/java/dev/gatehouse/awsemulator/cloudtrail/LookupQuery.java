package dev.gatehouse.awsemulator.cloudtrail;

import java.time.Instant;

/**
 * One page of a lookup: an account's events in {@code [start, end]}, optionally filtered on one attribute, newest
 * first, after the cursor.
 *
 * @param attribute the lookup attribute ({@code null}: none)
 * @param value     its value
 * @param after     the last event of the previous page ({@code null}: from the newest)
 */
public record LookupQuery(String accountId, Attribute attribute, String value, Instant start, Instant end, int limit,
                          Cursor after) {

    /** LookupEvents' attribute keys, each with the column it reads. */
    public enum Attribute {
        EventId("e.event_id"), EventName("e.event_name"), ReadOnly("e.read_only"), Username("e.username"),
        ResourceType("r.resource_type"), ResourceName("r.resource_name"), EventSource("e.event_source"),
        AccessKeyId("e.access_key_id");

        final String column;

        Attribute(String column) {
            this.column = column;
        }

        boolean onResources() {
            return column.startsWith("r.");
        }
    }

    /** Where a page ended: events strictly older than this one (time, then id) come next. */
    public record Cursor(long eventTimeMillis, String eventId) {
    }
}
