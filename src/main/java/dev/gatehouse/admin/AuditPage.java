package dev.gatehouse.admin;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The audit log page: the filter form as typed, the event types to choose from, the newest matching events,
 * and the export link carrying the same filter.
 *
 * @param truncated whether more events matched than the page shows (the export has them all)
 */
public record AuditPage(Chrome chrome, Filter filter, List<String> types, List<Row> rows, boolean truncated,
                        int limit, String exportHref, List<String> errors) {
    /** The filter fields as the administrator typed them. */
    public record Filter(String actor, String target, String type, String from, String to) {
    }

    /** One event in the table; {@code targetName} is the target's current name, {@code null} when it has none. */
    public record Row(long id, String at, String actor, String type, String target, String targetName, String detail) {
    }
}
