package dev.gatehouse.awsemulator.core;

import dev.gatehouse.ids.RandomIds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

    /**
     * What is stored of an STS session token: its SHA-256, hex. The token is a long random value, so a fast
     * unsalted hash suffices; unlike the secret key it is only ever compared, never needed to sign.
     */
    public static String sessionTokenHash(String sessionToken) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sessionToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
