package dev.gatehouse.awsemulator.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes the inner XML of a Query API result with every text value escaped, so no caller-supplied string can
 * change the document's structure. Not thread-safe; one per response.
 */
public final class ResultXml {
    private final StringBuilder out = new StringBuilder();

    /** {@code <name>text</name>}; a {@code null} value writes nothing, as AWS omits absent members. */
    public ResultXml element(String name, String text) {
        if (text != null) {
            out.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append('>');
        }
        return this;
    }

    public ResultXml element(String name, long value) {
        return element(name, Long.toString(value));
    }

    public ResultXml element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    /** An ISO-8601 timestamp in UTC, as AWS writes them ({@code 2026-01-02T03:04:05Z}). */
    public ResultXml element(String name, Instant time) {
        return time == null ? this : element(name, timestamp(time));
    }

    /** Escaped text inside the element opened last (list members that are plain strings). */
    public ResultXml text(String text) {
        out.append(escape(text));
        return this;
    }

    public ResultXml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public ResultXml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    public static String timestamp(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Escapes text for element content and attribute values; drops characters XML 1.0 cannot carry. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\r' -> b.append("&#xD;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        if (Character.isSurrogate(c) || c < 0xFFFE) {
                            b.append(c);
                        }
                    }
                }
            }
        }
        return b.toString();
    }
}
