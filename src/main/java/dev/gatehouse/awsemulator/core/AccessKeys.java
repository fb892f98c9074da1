package dev.gatehouse.awsemulator.core;

import dev.gatehouse.ids.RandomIds;

/**
 * The shape of AWS access keys, in one place for root keys and STS session keys: a four-letter prefix that says
 * what the key is ({@code AKIA} long-term, {@code ASIA} temporary) and sixteen base-32 characters, and a
 * 40-character secret.
 */
public final class AccessKeys {
    public static final String LONG_TERM_PREFIX = "AKIA";
    public static final String TEMPORARY_PREFIX = "ASIA";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private AccessKeys() {
    }

    public static String accessKeyId(String prefix, RandomIds ids) {
        return prefix + ids.fromAlphabet(KEY_ALPHABET, 16);
    }

    public static String secretAccessKey(RandomIds ids) {
        return ids.fromAlphabet(SECRET_ALPHABET, 40);
    }
}
