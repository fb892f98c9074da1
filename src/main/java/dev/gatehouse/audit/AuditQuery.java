package dev.gatehouse.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which audit events to show or export. Every field is optional; set fields must all match.
 *
 * @param actor  who acted, compared without regard to case (a userName, {@code token:NAME}, {@code system})
 * @param target what was acted on (an application, user, group or token id), exactly
 * @param type   the event type, exactly, e.g. {@code SSO_LAUNCH}
 * @param from   the earliest instant, inclusive
 * @param to     the latest instant, exclusive
 */
public record AuditQuery(String actor, String target, String type, Instant from, Instant to) {
    /** The names of the request parameters, shared by the console page and the export. */
    public static final List<String> PARAMETERS = List.of("actor", "target", "type", "from", "to");

    /** One reason the filter parameters cannot be used, with a stable code for API clients. */
    public record Problem(String code, String field, String message) {
    }

    /** The parameters were unusable; {@link #problems()} says each reason. */
    public static final class InvalidAuditQueryException extends RuntimeException {
        private final List<Problem> problems;

        InvalidAuditQueryException(List<Problem> problems) {
            super(problems.stream().map(Problem::message).reduce((a, b) -> a + " " + b).orElse("invalid filter"));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null);
    }

    /**
     * Reads the filter from request parameters: blank means unset; times are ISO-8601 instants
     * ({@code 2025-01-31T09:00:00Z}) or the browser's {@code datetime-local} form ({@code 2025-01-31T09:00}), read
     * as UTC, the zone the page shows.
     *
     * @throws InvalidAuditQueryException naming every unusable parameter
     */
    public static AuditQuery parse(Function<String, String> parameter) {
        List<Problem> problems = new ArrayList<>();
        String actor = text(parameter.apply("actor"), "actor", 128, problems);
        String target = text(parameter.apply("target"), "target", 256, problems);
        String type = text(parameter.apply("type"), "type", 40, problems);
        if (type != null && !type.matches("[A-Z][A-Z0-9_]*")) {
            problems.add(new Problem("type_invalid", "type", "An event type is written in capitals and underscores, e.g. SSO_LAUNCH."));
        }
        Instant from = instant(parameter.apply("from"), "from", problems);
        Instant to = instant(parameter.apply("to"), "to", problems);
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new Problem("range_empty", "to", "\"To\" must be later than \"from\"."));
        }
        if (!problems.isEmpty()) {
            throw new InvalidAuditQueryException(problems);
        }
        return new AuditQuery(actor, target, type, from, to);
    }

    /** Whether no filter is set. */
    public boolean isEmpty() {
        return actor == null && target == null && type == null && from == null && to == null;
    }

    private static String text(String raw, String field, int max, List<Problem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (value.length() > max) {
            problems.add(new Problem(field + "_too_long", field, "The " + field + " filter is longer than " + max + " characters."));
            return null;
        }
        return value;
    }

    private static Instant instant(String raw, String field, List<Problem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        try {
            return value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? java.time.OffsetDateTime.parse(value).toInstant()
                    : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add(new Problem(field + "_invalid", field, "\"" + field + "\" is not a date and time such as "
                    + "2025-01-31T09:00 (UTC) or 2025-01-31T09:00:00Z."));
            return null;
        }
    }
}
