package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.AwsError;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tags on IAM resources, stored by the resource's ARN, with IAM's rules: at most 50 per resource and per request,
 * keys of 1–128 and values of 0–256 characters of the model's alphabet, keys unique case-insensitively (a later
 * tag with a key differing only in case replaces the earlier one, as IAM does), and the {@code aws:} prefix
 * reserved in any case. Thread-safe; the callers hold the transaction so that a resource and its tags change together.
 */
final class IamTags {
    static final int MAX_TAGS = 50;
    static final String KEY_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";
    static final String VALUE_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";

    private static final java.util.Map<String, String> TABLES = java.util.Map.of("TagsPerRole", "iam_roles",
            "TagsPerPolicy", "iam_policies", "TagsPerSAMLProvider", "iam_saml_providers");

    private final IamStore store;

    IamTags(IamStore store) {
        this.store = store;
    }

    /** The model's constraints and IAM's rules on the tags of one request; nothing is stored. */
    static void check(List<IamTag> tags) {
        IamConstraints c = new IamConstraints();
        if (tags.size() > MAX_TAGS) {
            c.violation("Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to " + MAX_TAGS);
        }
        for (int i = 0; i < tags.size(); i++) {
            IamTag t = tags.get(i);
            String at = "tags." + (i + 1) + ".member.";
            c.required(at + "key", t.key()).length(at + "key", t.key(), 1, 128).pattern(at + "key", t.key(), KEY_PATTERN)
                    .required(at + "value", t.value()).length(at + "value", t.value(), 0, 256).pattern(at + "value", t.value(), VALUE_PATTERN);
        }
        c.check();
        Set<String> seen = new HashSet<>();
        for (IamTag t : tags) {
            if (reserved(t.key())) {
                throw AwsError.invalidInput("User is not authorized to use the reserved prefix 'aws:' in tag key " + t.key() + ".");
            }
            if (!seen.add(t.key().toLowerCase(Locale.ROOT))) {
                throw AwsError.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }

    static void checkKeys(List<String> keys) {
        IamConstraints c = new IamConstraints();
        if (keys.size() > MAX_TAGS) {
            c.violation("Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to " + MAX_TAGS);
        }
        for (int i = 0; i < keys.size(); i++) {
            String at = "tagKeys." + (i + 1) + ".member";
            c.length(at, keys.get(i), 1, 128).pattern(at, keys.get(i), KEY_PATTERN);
        }
        c.check();
    }

    static boolean reserved(String key) {
        return key.regionMatches(true, 0, "aws:", 0, 4);
    }

    /**
     * Adds or replaces tags (checked with {@link #check} first) inside the caller's transaction.
     *
     * @param quota IAM's quota name for the message, e.g. {@code TagsPerRole}
     */
    void tag(Handle h, String resourceArn, List<IamTag> tags, String quota) {
        // Lock the tagged resource's row, so two requests at once cannot both pass the quota check.
        h.createQuery("SELECT arn FROM " + TABLES.get(quota) + " WHERE arn = :r FOR UPDATE").bind("r", resourceArn).mapTo(String.class).findOne();
        List<IamTag> current = list(h, resourceArn);
        Set<String> keys = new HashSet<>();
        current.forEach(t -> keys.add(t.key().toLowerCase(Locale.ROOT)));
        tags.forEach(t -> keys.add(t.key().toLowerCase(Locale.ROOT)));
        if (keys.size() > MAX_TAGS) {
            throw AwsError.limitExceeded("Cannot exceed quota for " + quota + ": " + MAX_TAGS);
        }
        long seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM iam_tags WHERE resource_arn = :r")
                .bind("r", resourceArn).mapTo(Long.class).one();
        for (IamTag t : tags) {
            String lower = t.key().toLowerCase(Locale.ROOT);
            int updated = h.createUpdate("UPDATE iam_tags SET tag_key = :k, tag_value = :v WHERE resource_arn = :r AND key_lower = :l")
                    .bind("k", t.key()).bind("v", t.value()).bind("r", resourceArn).bind("l", lower).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO iam_tags (resource_arn, key_lower, tag_key, tag_value, seq) VALUES (:r, :l, :k, :v, :s)")
                        .bind("r", resourceArn).bind("l", lower).bind("k", t.key()).bind("v", t.value()).bind("s", ++seq).execute();
            }
        }
    }

    /** Removes the keys (compared case-insensitively); keys the resource does not have are ignored, as IAM does. */
    void untag(Handle h, String resourceArn, List<String> keys) {
        for (String key : keys) {
            h.createUpdate("DELETE FROM iam_tags WHERE resource_arn = :r AND key_lower = :l")
                    .bind("r", resourceArn).bind("l", key.toLowerCase(Locale.ROOT)).execute();
        }
    }

    void deleteAll(Handle h, String resourceArn) {
        h.createUpdate("DELETE FROM iam_tags WHERE resource_arn = :r").bind("r", resourceArn).execute();
    }

    List<IamTag> list(Handle h, String resourceArn) {
        return new ArrayList<>(h.createQuery("SELECT tag_key, tag_value FROM iam_tags WHERE resource_arn = :r ORDER BY seq")
                .bind("r", resourceArn).map((rs, c) -> new IamTag(rs.getString(1), rs.getString(2))).list());
    }

    List<IamTag> list(String resourceArn) {
        return store.inTransaction(h -> list(h, resourceArn));
    }
}
