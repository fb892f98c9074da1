package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.iam.PolicyDocument;

import java.util.List;
import java.util.Locale;

/**
 * Evaluates IAM condition operators over a request's keys (IAM User Guide, "Condition operators" and
 * "Multivalued context keys"): the String family, Null and Bool, with the {@code ForAnyValue:} /
 * {@code ForAllValues:} set prefixes and the {@code IfExists} suffix. Operators it does not know never match,
 * so an unknown condition can only narrow an Allow, never widen one.
 */
final class PolicyConditions {
    private PolicyConditions() {
    }

    static boolean allMatch(List<PolicyDocument.Condition> conditions, ConditionContext context) {
        if (conditions == null) {
            return true;
        }
        for (PolicyDocument.Condition condition : conditions) {
            if (!matches(condition, context)) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(PolicyDocument.Condition condition, ConditionContext context) {
        String written = condition.operator();
        int colon = written.indexOf(':');
        String set = colon > 0 ? written.substring(0, colon).toLowerCase(Locale.ROOT) : null;
        if (set != null && !set.equals("foranyvalue") && !set.equals("forallvalues")) {
            return false;
        }
        String rest = colon > 0 ? written.substring(colon + 1) : written;
        boolean ifExists = rest.endsWith("IfExists");
        String operator = ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
        List<String> actual = context.get(condition.key());
        List<String> expected = condition.values();
        if (operator.equals("Null")) {
            boolean wantAbsent = expected.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            return wantAbsent == (actual == null);
        }
        if (!known(operator)) {
            return false;
        }
        if (actual == null) {
            // IfExists and ForAllValues hold over a missing key; so does a plain negated operator.
            return ifExists || "forallvalues".equals(set) || set == null && negated(operator);
        }
        if ("forallvalues".equals(set)) {
            return actual.stream().allMatch(value -> valueMatches(operator, value, expected));
        }
        if ("foranyvalue".equals(set) || !negated(operator)) {
            return actual.stream().anyMatch(value -> valueMatches(operator, value, expected));
        }
        return actual.stream().allMatch(value -> valueMatches(operator, value, expected));
    }

    private static boolean negated(String operator) {
        return operator.contains("Not");
    }

    private static boolean known(String operator) {
        return switch (operator) {
            case "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
                 "StringLike", "StringNotLike", "Bool", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike" -> true;
            default -> false;
        };
    }

    /** Whether one request value satisfies {@code operator} against the policy's values (OR over them). */
    private static boolean valueMatches(String operator, String value, List<String> expected) {
        return switch (operator) {
            case "StringEquals", "ArnEquals" -> expected.contains(value);
            case "StringNotEquals", "ArnNotEquals" -> !expected.contains(value);
            case "StringEqualsIgnoreCase" -> expected.stream().anyMatch(value::equalsIgnoreCase);
            case "StringNotEqualsIgnoreCase" -> expected.stream().noneMatch(value::equalsIgnoreCase);
            case "StringLike", "ArnLike" -> expected.stream().anyMatch(p -> Wildcards.matches(p, value));
            case "StringNotLike", "ArnNotLike" -> expected.stream().noneMatch(p -> Wildcards.matches(p, value));
            case "Bool" -> expected.stream().anyMatch(value::equalsIgnoreCase);
            default -> false;
        };
    }
}
