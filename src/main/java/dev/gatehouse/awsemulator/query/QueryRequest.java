package dev.gatehouse.awsemulator.query;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.SignedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Query API call as received: the bytes the signature covers ({@link SignedRequest}) and the decoded
 * parameters (query string and form body merged).
 *
 * @param signed what the signature covers
 * @param params decoded parameters, in order of appearance, first value first
 */
public record QueryRequest(SignedRequest signed, Map<String, List<String>> params) {

    /** Builds a request, decoding the query string and (for form bodies) the body. */
    public static QueryRequest of(SignedRequest signed) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        decodeInto(signed.rawQuery(), params);
        String type = signed.header("content-type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            decodeInto(new String(signed.body(), StandardCharsets.UTF_8), params);
        }
        return new QueryRequest(signed, Collections.unmodifiableMap(params));
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
}
