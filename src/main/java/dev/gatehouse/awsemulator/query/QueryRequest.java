package dev.gatehouse.awsemulator.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;

/**
 * One Query API call as received: the decoded parameters (query string and form body merged), the raw body the
 * signature covers, and the headers with lower-cased names.
 *
 * @param method   HTTP method, upper case
 * @param path     request path as sent (not decoded)
 * @param rawQuery the query string as sent, or empty
 * @param headers  header values by lower-cased name
 * @param body     the raw request body
 * @param params   decoded parameters, in order of appearance, first value first
 */
public record QueryRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
                           Map<String, List<String>> params) {

    /** Builds a request, decoding the query string and (for form bodies) the body. */
    public static QueryRequest of(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, List<String>> params = new LinkedHashMap<>();
        decodeInto(rawQuery == null ? "" : rawQuery, params);
        String type = lower.getOrDefault("content-type", "");
        if (type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            decodeInto(new String(body, StandardCharsets.UTF_8), params);
        }
        return new QueryRequest(method, path, rawQuery == null ? "" : rawQuery, Collections.unmodifiableMap(lower), body,
                Collections.unmodifiableMap(params));
    }

    /**
     * Form-decodes {@code encoded} ({@code +} is a space, {@code %2B} a plus). A malformed escape is refused with
     * an {@link AwsError} rather than guessed at.
     */
    static void decodeInto(String encoded, Map<String, List<String>> into) {
        if (encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                into.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw AwsError.malformedQueryString("The request body or query string is not correctly URL-encoded.");
            }
        }
    }

    /** The first value of {@code name}, or {@code null}. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The values of an AWS list parameter {@code name.member.1}, {@code name.member.2}, … in index order. */
    public List<String> memberList(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            String v = param(name + ".member." + i);
            if (v == null) {
                return out;
            }
            out.add(v);
        }
    }

    /** A header by case-insensitive name, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
