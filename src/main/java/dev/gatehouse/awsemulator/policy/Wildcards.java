package dev.gatehouse.awsemulator.policy;

import java.util.Locale;

/**
 * IAM's glob matching, the one copy every policy check uses: {@code *} matches any run of characters, {@code ?}
 * exactly one; nothing else is special. Actions compare case-insensitively, resources and condition values as
 * written (IAM User Guide, "IAM JSON policy elements: Action" and "Resource").
 */
public final class Wildcards {
    private Wildcards() {
    }

    /** Case-sensitive match of {@code value} against {@code pattern}. */
    public static boolean matches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** An action ({@code service:Name}) against a policy's action pattern: IAM ignores case in both. */
    public static boolean actionMatches(String pattern, String action) {
        return matches(pattern.toLowerCase(Locale.ROOT), action.toLowerCase(Locale.ROOT));
    }
}
