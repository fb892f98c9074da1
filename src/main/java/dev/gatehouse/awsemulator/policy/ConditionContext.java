package dev.gatehouse.awsemulator.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Condition-key values of one request, looked up case-insensitively as IAM does with key names. A key with no
 * value is absent, so {@code Null} and {@code ...IfExists} see it as missing.
 */
public record ConditionContext(Map<String, List<String>> values) {
    public static ConditionContext of(Map<String, List<String>> raw) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        raw.forEach((key, list) -> {
            if (list != null && !list.isEmpty()) {
                lower.merge(key.toLowerCase(Locale.ROOT), List.copyOf(list), (a, b) -> {
                    List<String> merged = new ArrayList<>(a);
                    merged.addAll(b);
                    return List.copyOf(merged);
                });
            }
        });
        return new ConditionContext(java.util.Collections.unmodifiableMap(lower));
    }

    /** The key's values, or {@code null} when the request does not carry the key. */
    public List<String> get(String key) {
        return values.get(key.toLowerCase(Locale.ROOT));
    }
}
