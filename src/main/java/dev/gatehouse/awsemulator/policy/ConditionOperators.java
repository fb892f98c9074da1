package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.iam.PolicyDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one home of IAM's condition operators (IAM User Guide, "IAM JSON policy elements: Condition operators" and
 * "Single-valued vs. multivalued context keys"): String, Arn, Numeric, Date, Bool, BinaryEquals, IpAddress and
 * NotIpAddress, Null, each with the {@code ...IfExists} suffix and the {@code ForAnyValue:} / {@code ForAllValues:}
 * set prefixes. A missing key makes a positive operator false and a negated one true; {@code IfExists} and
 * {@code ForAllValues} hold over a missing key. Operators it does not know never match, so an unknown condition
 * can only narrow an Allow, never widen one. Used by identity-policy evaluation, simulation and the trust policy.
 */
public final class ConditionOperators {
    private ConditionOperators() {
    }

    public static boolean allMatch(List<PolicyDocument.Condition> conditions, ConditionContext context) {
        return allMatch(conditions, context, true, null);
    }

    /**
     * @param variables whether the document's version has policy variables
     * @param missing   collects keys the request lacked where that decided a condition (simulation), or {@code null}
     */
    public static boolean allMatch(List<PolicyDocument.Condition> conditions, ConditionContext context, boolean variables,
                                   Set<String> missing) {
        if (conditions == null) {
            return true;
        }
        boolean all = true;
        for (PolicyDocument.Condition condition : conditions) {
            if (!matches(condition, context, variables, missing)) {
                all = false;
                if (missing == null) {
                    return false;
                }
            }
        }
        return all;
    }

    public static boolean matches(PolicyDocument.Condition condition, ConditionContext context, boolean variables,
                                  Set<String> missing) {
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
        if (operator.equals("Null")) {
            boolean wantAbsent = condition.values().stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            return wantAbsent == (actual == null);
        }
        if (!known(operator)) {
            return false;
        }
        if (actual == null) {
            if (missing != null && !ifExists) {
                missing.add(condition.key());
            }
            return ifExists || "forallvalues".equals(set) || set == null && negated(operator);
        }
        List<String> expected = new ArrayList<>();
        for (String value : condition.values()) {
            // A variable whose key is missing makes that value match nothing.
            Optional<String> v = PolicyVariables.substitute(value, context, variables && substitutes(operator));
            v.ifPresent(expected::add);
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

    private static boolean substitutes(String operator) {
        return operator.startsWith("String") || operator.startsWith("Arn");
    }

    private static boolean known(String operator) {
        return switch (operator) {
            case "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
                 "StringLike", "StringNotLike", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
                 "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan",
                 "NumericGreaterThanEquals", "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
                 "DateGreaterThan", "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress" -> true;
            default -> false;
        };
    }

    /**
     * Whether one request value satisfies {@code operator} against the policy's values. Positive operators hold when
     * any policy value matches; negated ones when none does (the negation of the positive form).
     */
    static boolean valueMatches(String operator, String value, List<String> expected) {
        return switch (operator) {
            case "StringEquals" -> expected.contains(value);
            case "StringNotEquals" -> !expected.contains(value);
            case "StringEqualsIgnoreCase" -> expected.stream().anyMatch(value::equalsIgnoreCase);
            case "StringNotEqualsIgnoreCase" -> expected.stream().noneMatch(value::equalsIgnoreCase);
            case "StringLike" -> expected.stream().anyMatch(p -> Wildcards.matches(p, value));
            case "StringNotLike" -> expected.stream().noneMatch(p -> Wildcards.matches(p, value));
            // AWS documents ArnEquals and ArnLike alike: segment by segment, with wildcards.
            case "ArnEquals", "ArnLike" -> expected.stream().anyMatch(p -> arnMatches(p, value));
            case "ArnNotEquals", "ArnNotLike" -> expected.stream().noneMatch(p -> arnMatches(p, value));
            case "Bool" -> expected.stream().anyMatch(value::equalsIgnoreCase);
            case "BinaryEquals" -> expected.contains(value);
            case "IpAddress" -> expected.stream().anyMatch(c -> IpRanges.contains(c, value));
            case "NotIpAddress" -> expected.stream().noneMatch(c -> IpRanges.contains(c, value));
            default -> operator.startsWith("Numeric") ? Comparisons.numeric(operator, value, expected)
                    : operator.startsWith("Date") && Comparisons.date(operator, value, expected);
        };
    }

    /** Six colon-separated parts, each matched with wildcards (the resource part may itself hold colons). */
    static boolean arnMatches(String pattern, String arn) {
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length != 6 || a.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!Wildcards.matches(p[i], a[i])) {
                return false;
            }
        }
        return true;
    }
}
