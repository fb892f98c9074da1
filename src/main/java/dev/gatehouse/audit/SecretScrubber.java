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

    static String scrub(String text) {
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
}
