package dev.gatehouse.awsemulator.policy;

import java.util.List;
import java.util.Optional;

/**
 * Policy variables in {@code Resource} and condition values (IAM User Guide, "IAM policy elements: Variables and
 * tags"): {@code ${key}} becomes the request's single value of that key, {@code ${key, 'default'}} falls back to
 * the default, and {@code ${*}}, {@code ${?}}, {@code ${$}} stand for the literal characters. Only documents of
 * version {@code 2012-10-17} have variables; older ones keep the text as written.
 */
final class PolicyVariables {
    private PolicyVariables() {
    }

    /** The text with its variables replaced; empty when a variable's key is missing and has no default. */
    static Optional<String> substitute(String text, ConditionContext context, boolean enabled) {
        if (!enabled || !text.contains("${")) {
            return Optional.of(text);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            int end = start < 0 ? -1 : text.indexOf('}', start);
            if (start < 0 || end < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            String inner = text.substring(start + 2, end).trim();
            switch (inner) {
                case "*" -> out.append('*');
                case "?" -> out.append('?');
                case "$" -> out.append('$');
                default -> {
                    String key = inner;
                    String fallback = null;
                    int comma = inner.indexOf(',');
                    if (comma > 0) {
                        key = inner.substring(0, comma).trim();
                        String d = inner.substring(comma + 1).trim();
                        if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                            fallback = d.substring(1, d.length() - 1);
                        }
                    }
                    List<String> values = context.get(key);
                    if (values != null && values.size() == 1) {
                        out.append(values.get(0));
                    } else if (fallback != null) {
                        out.append(fallback);
                    } else {
                        return Optional.empty();
                    }
                }
            }
            i = end + 1;
        }
        return Optional.of(out.toString());
    }
}
