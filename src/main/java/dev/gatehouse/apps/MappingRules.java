package dev.gatehouse.apps;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a whole set of attribute mappings before it is saved, collecting every problem rather than stopping at
 * the first: the rules every template shares (each row complete, one row per attribute, known formats and
 * placeholders), then the template's own ({@link AppTemplate#rowProblems}, {@link AppTemplate#setProblems}).
 */
public final class MappingRules {
    public static final Set<String> SUBJECT_FORMATS = Set.of("persistent", "transient", "emailAddress", "unspecified");
    public static final Set<String> ATTRIBUTE_FORMATS = Set.of("unspecified", "basic", "uri");
    static final int MAX_ROWS = 50;

    private MappingRules() {
    }

    /** Every problem with {@code rows} for an instance of {@code template}; empty when they may be saved. */
    public static List<String> problems(AppTemplate template, List<AttributeMapping> rows) {
        List<String> problems = new ArrayList<>();
        if (rows.size() > MAX_ROWS) {
            problems.add("At most " + MAX_ROWS + " attribute mappings per application.");
            return problems;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            AttributeMapping row = rows.get(i);
            String where = "Row " + (i + 1) + ": ";
            if (row == null || blank(row.attribute()) || row.value() == null || row.format() == null) {
                problems.add(where + "each mapping needs an attribute, a value and a format.");
                continue;
            }
            if (row.attribute().length() > 1024 || row.value().length() > 2048) {
                problems.add(where + "attribute names are limited to 1024 characters and values to 2048.");
                continue;
            }
            if (blank(row.value())) {
                problems.add(where + "the value of " + row.attribute() + " is empty.");
            }
            if (!seen.add(row.attribute())) {
                if (!template.repeatable(row.attribute())) {
                    problems.add(where + row.attribute() + " is mapped twice; keep one row per attribute.");
                }
                continue;
            }
            Set<String> formats = row.isSubject() ? SUBJECT_FORMATS : ATTRIBUTE_FORMATS;
            if (!formats.contains(row.format())) {
                problems.add(where + "format \"" + row.format() + "\" is not allowed for " + row.attribute()
                        + "; choose one of " + String.join(", ", formats.stream().sorted().toList()) + ".");
            }
            Placeholders.problems(row.value()).forEach(p -> problems.add(where + p));
            template.rowProblems(row).forEach(p -> problems.add(where + p));
        }
        problems.addAll(template.setProblems(rows));
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
