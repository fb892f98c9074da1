package dev.gatehouse.awsemulator.sts;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Condition-key values of one request, looked up case-insensitively as IAM does with key names. */
record ConditionContext(Map<String, List<String>> values) {
    static ConditionContext of(Map<String, List<String>> raw) {
        Map<String, List<String>> lower = new HashMap<>();
        raw.forEach((key, list) -> {
            if (list != null && !list.isEmpty()) {
                lower.merge(key.toLowerCase(Locale.ROOT), List.copyOf(list), (a, b) -> {
                    var merged = new java.util.ArrayList<>(a);
                    merged.addAll(b);
                    return List.copyOf(merged);
                });
            }
        });
        return new ConditionContext(Map.copyOf(lower));
    }

    /** The key's values, or {@code null} when the request does not carry the key. */
    List<String> get(String key) {
        return values.get(key.toLowerCase(Locale.ROOT));
    }
}
