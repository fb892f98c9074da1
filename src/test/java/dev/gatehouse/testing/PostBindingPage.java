package dev.gatehouse.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the auto-posting page of the SAML POST binding: its {@code SAMLResponse} and {@code RelayState} fields. */
public final class PostBindingPage {
    private static final Pattern FIELD = Pattern.compile("name=\"(SAMLResponse|RelayState)\" value=\"([^\"]*)\"");
    private static final Pattern NUMERIC_REFERENCE = Pattern.compile("&#(x[0-9a-fA-F]+|\\d+);");

    private PostBindingPage() {
    }

    /** The unescaped value of the hidden field {@code name} ({@code SAMLResponse} or {@code RelayState}), if any. */
    public static Optional<String> field(String html, String name) {
        Matcher m = FIELD.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Optional.of(unescape(m.group(2)));
            }
        }
        return Optional.empty();
    }

    public static boolean hasSamlResponse(String html) {
        return field(html, "SAMLResponse").isPresent();
    }

    /** The base64 {@code SAMLResponse} the page posts; fails the test when the page has none. */
    public static String samlResponse(String html) {
        return field(html, "SAMLResponse").orElseThrow(() -> new AssertionError("no SAMLResponse on the page: " + html));
    }

    /** The decoded XML of the page's {@code SAMLResponse}. */
    public static String xml(String html) {
        return new String(Base64.getDecoder().decode(samlResponse(html)), StandardCharsets.UTF_8);
    }

    /** HTML attribute unescaping: numeric references and the named ones an HTML escaper writes. */
    static String unescape(String s) {
        Matcher m = NUMERIC_REFERENCE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            int code = ref.startsWith("x") ? Integer.parseInt(ref.substring(1), 16) : Integer.parseInt(ref);
            m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(code)));
        }
        m.appendTail(out);
        return out.toString().replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
