package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * IAM's paging for every {@code List*}: {@code MaxItems} (1–1000, default 100), an opaque {@code Marker} and
 * {@code IsTruncated}. The marker carries the sort key of the next item, so a page boundary survives inserts and
 * deletes between calls; a marker the emulator did not write is refused with AWS's {@code Invalid Marker.}.
 */
final class IamPaging {
    static final int DEFAULT_MAX_ITEMS = 100;
    private static final String PREFIX = "gh1:";

    private IamPaging() {
    }

    /**
     * Writes {@code IsTruncated}, the list element with one {@code member} per item of the page, and {@code Marker}
     * when truncated.
     *
     * @param items sorted by {@code key}, ascending, keys unique
     */
    static <T> ResultXml page(ResultXml x, QueryRequest r, String listElement, List<T> items, Function<T, String> key,
                              BiConsumer<ResultXml, T> member) {
        Integer max = IamQueryOperations.integer(r.param("MaxItems"), "maxItems");
        new IamConstraints().range("maxItems", max, 1, 1000)
                .length("marker", r.param("Marker"), 1, 320).check();
        int size = max == null ? DEFAULT_MAX_ITEMS : max;
        int start = 0;
        if (r.param("Marker") != null) {
            String from = decode(r.param("Marker"));
            while (start < items.size() && key.apply(items.get(start)).compareTo(from) < 0) {
                start++;
            }
        }
        int end = Math.min(items.size(), start + size);
        boolean truncated = end < items.size();
        x.element("IsTruncated", truncated).open(listElement);
        for (T item : items.subList(start, end)) {
            member.accept(x.open("member"), item);
            x.close("member");
        }
        x.close(listElement);
        if (truncated) {
            x.element("Marker", encode(key.apply(items.get(end))));
        }
        return x;
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String marker) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return text.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // falls through to AWS's answer
        }
        throw AwsError.validationError("Invalid Marker.");
    }
}
