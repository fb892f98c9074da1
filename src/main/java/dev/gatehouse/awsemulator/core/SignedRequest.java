package dev.gatehouse.awsemulator.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a request signature covers, as received: the method, the path and query string as sent, the headers (names
 * lower-cased) and the raw body. The wire adapter builds it; the authenticator checks it without knowing the
 * protocol around it.
 *
 * @param method   HTTP method, upper case
 * @param path     request path as sent (not decoded)
 * @param rawQuery the query string as sent, or empty
 * @param headers  header values by lower-cased name
 * @param body     the raw request body
 */
public record SignedRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {

    /** Lower-cases the header names so that lookups ignore case, as HTTP does. */
    public static SignedRequest of(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return new SignedRequest(method, path, rawQuery == null ? "" : rawQuery, Collections.unmodifiableMap(lower), body);
    }

    /** A header by case-insensitive name, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
