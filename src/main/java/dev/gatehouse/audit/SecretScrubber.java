package dev.gatehouse.audit;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a secret before an event is stored: PEM blocks, {@code password}/{@code secret}/
 * {@code token}/{@code SAMLResponse} values in {@code key=value} or JSON form, bearer credentials, and any long
 * unbroken base64 run (a SAML response, a key, a certificate). A safety net behind callers that already pass no
 * secrets, so one careless detail string cannot put a credential in the trail.
 */
final class SecretScrubber {
    static final String MASK = "[redacted]";

    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("-----BEGIN [A-Z ]+-----[\\s\\S]*?(-----END [A-Z ]+-----|$)"),
            Pattern.compile("(?i)(\"(?:password|passwd|secret|token|samlresponse|private_?key|code)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\""),
            Pattern.compile("(?i)\\b((?:password|passwd|secret|token|samlresponse|private_?key)\\s*[=:]\\s*)[^\\s&,;\"]+"),
            Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/=-]+"),
            Pattern.compile("[A-Za-z0-9+/]{120,}={0,2}"));

    private SecretScrubber() {
    }

    private static final List<String> KEYWORDS = List.of("password", "passwd", "secret", "token", "samlresponse",
            "private", "code", "bearer");

    static String scrub(String text) {
        if (!mayHoldSecret(text)) {
            return text; // the common case (every launch), decided by plain scans instead of five regexes
        }
        String out = text;
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(out);
            if (m.find()) {
                out = m.replaceAll(r -> Matcher.quoteReplacement(r.groupCount() >= 1 && r.group(1) != null
                        && !r.group(1).startsWith("-----") ? r.group(1) + MASK : MASK));
            }
        }
        return out;
    }

    /** False only when none of the patterns can match: no PEM marker, no keyword, no base64 run of 120 or more. */
    static boolean mayHoldSecret(String text) {
        if (text.contains("-----BEGIN")) {
            return true;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String keyword : KEYWORDS) {
            if (lower.contains(keyword)) {
                return true;
            }
        }
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            run = base64 ? run + 1 : 0;
            if (run >= 120) {
                return true;
            }
        }
        return false;
    }
}
