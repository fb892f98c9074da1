package dev.gatehouse.directory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCIM's ETag preconditions (RFC 7644 §3.14, RFC 7232): {@code If-Match} on writes (412 when the resource moved
 * on) and {@code If-None-Match} on reads (304 when the client's copy is current). ETags are {@code W/"version"}.
 */
final class ScimPreconditions {
    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,9})\"\\s*");

    private ScimPreconditions() {
    }

    /** The version named by {@code If-Match}, or {@code null} when absent or {@code *}. */
    static Integer ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        Matcher m = TAG.matcher(header);
        if (!m.matches()) {
            throw new ScimException(412, null, "If-Match must be an ETag of this resource, e.g. W/\"3\".");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Refuses (412) when {@code If-Match} names another version than {@code current}. */
    static void check(String ifMatchHeader, int current) {
        Integer expected = ifMatch(ifMatchHeader);
        if (expected != null && expected != current) {
            throw new ScimException(412, null, "The resource has changed since version " + expected + "; read it again.");
        }
    }

    /** Whether {@code If-None-Match} lists {@code current} (or is {@code *}): the client's copy is current. */
    static boolean noneMatch(String header, int current) {
        if (header == null || header.isBlank()) {
            return false;
        }
        for (String tag : header.split(",")) {
            Matcher m = TAG.matcher(tag);
            if (tag.trim().equals("*") || (m.matches() && Integer.parseInt(m.group(1)) == current)) {
                return true;
            }
        }
        return false;
    }
}
