package dev.gatehouse.awsemulator.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The Numeric and Date condition operators. Dates are ISO 8601 (with or without time, offset or fraction) or
 * epoch seconds, as AWS accepts them; a value that does not parse matches nothing, so a negated operator over it
 * is what holds.
 */
final class Comparisons {
    private Comparisons() {
    }

    static boolean numeric(String operator, String value, List<String> expected) {
        Optional<BigDecimal> actual = number(value);
        boolean negated = operator.equals("NumericNotEquals");
        if (actual.isEmpty()) {
            return negated;
        }
        String base = negated ? "NumericEquals" : operator;
        boolean any = expected.stream().map(Comparisons::number).flatMap(Optional::stream)
                .anyMatch(e -> compare(base.substring("Numeric".length()), actual.get().compareTo(e)));
        return negated != any;
    }

    static boolean date(String operator, String value, List<String> expected) {
        Optional<Instant> actual = instant(value);
        boolean negated = operator.equals("DateNotEquals");
        if (actual.isEmpty()) {
            return negated;
        }
        String base = negated ? "DateEquals" : operator;
        boolean any = expected.stream().map(Comparisons::instant).flatMap(Optional::stream)
                .anyMatch(e -> compare(base.substring("Date".length()), actual.get().compareTo(e)));
        return negated != any;
    }

    private static boolean compare(String relation, int cmp) {
        return switch (relation) {
            case "Equals" -> cmp == 0;
            case "LessThan" -> cmp < 0;
            case "LessThanEquals" -> cmp <= 0;
            case "GreaterThan" -> cmp > 0;
            case "GreaterThanEquals" -> cmp >= 0;
            default -> false;
        };
    }

    static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> instant(String text) {
        String t = text.trim();
        if (t.matches("-?\\d{1,12}(\\.\\d+)?")) {
            return Optional.of(Instant.ofEpochMilli(new BigDecimal(t).movePointRight(3).longValue()));
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            // fall through to the shorter forms
        }
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
