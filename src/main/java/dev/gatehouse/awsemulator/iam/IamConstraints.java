package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.AwsError;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects violations of the IAM model's member constraints (required, length, pattern, range) and reports them
 * all at once as AWS does: {@code N validation error(s) detected: Value 'x' at 'roleName' failed to satisfy
 * constraint: …}. Not thread-safe; one per call.
 */
final class IamConstraints {
    static final String NAME_PATTERN = "[\\w+=,.@-]+";
    static final String PROVIDER_NAME_PATTERN = "[\\w._-]+";
    static final String ROLE_PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
    static final String POLICY_PATH_PATTERN = "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/";
    static final String DOCUMENT_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
    static final String DESCRIPTION_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*";

    private final List<String> violations = new ArrayList<>();

    IamConstraints required(String member, Object value) {
        if (value == null) {
            violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    IamConstraints length(String member, String value, int min, int max) {
        if (value != null && value.length() < min) {
            violations.add(value(value, member) + "Member must have length greater than or equal to " + min);
        } else if (value != null && value.length() > max) {
            violations.add(value(value, member) + "Member must have length less than or equal to " + max);
        }
        return this;
    }

    IamConstraints pattern(String member, String value, String regex) {
        if (value != null && !value.isEmpty() && !Pattern.compile(regex).matcher(value).matches()) {
            violations.add(value(value, member) + "Member must satisfy regular expression pattern: " + regex);
        }
        return this;
    }

    IamConstraints range(String member, Integer value, int min, int max) {
        if (value != null && value < min) {
            violations.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        } else if (value != null && value > max) {
            violations.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return this;
    }

    /** A violation worded by the caller, e.g. a list's length. */
    IamConstraints violation(String text) {
        violations.add(text);
        return this;
    }

    /** @throws AwsError ValidationError listing every violation found */
    void check() {
        if (!violations.isEmpty()) {
            int n = violations.size();
            throw AwsError.validationError(n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", violations));
        }
    }

    /** Long documents are not echoed back, as AWS leaves them out of the message too. */
    private static String value(String value, String member) {
        return value.length() > 256 ? "Value at '" + member + "' failed to satisfy constraint: "
                : "Value '" + value + "' at '" + member + "' failed to satisfy constraint: ";
    }
}
