package dev.gatehouse.signin.factors;

import java.util.Map;

/**
 * What the user sent on the second-factor step: the code form's fields (a typed code today; a passkey's signed
 * challenge would arrive the same way).
 */
public record FactorAnswer(Map<String, String> fields) {
    public FactorAnswer {
        fields = Map.copyOf(fields);
    }

    /** A typed code, the common case. */
    public static FactorAnswer code(String code) {
        return new FactorAnswer(code == null ? Map.of() : Map.of("code", code));
    }

    /** The field's value, or {@code null}. */
    public String field(String name) {
        return fields.get(name);
    }
}
