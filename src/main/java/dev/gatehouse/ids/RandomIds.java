package dev.gatehouse.ids;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The one place that turns random bytes into identifiers and secrets, so every id, token and nonce is drawn from
 * the {@link SecureRandom} the composition root injects (a test can pass a seeded one). Thread-safe.
 */
public final class RandomIds {
    /** Bytes in a {@link #token()}: 256 bits, beyond guessing for any lifetime we give a token. */
    public static final int TOKEN_BYTES = 32;

    private final SecureRandom random;

    public RandomIds(SecureRandom random) {
        this.random = random;
    }

    /** {@code n} random bytes (salts, nonces, key material). */
    public byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A 256-bit secret, base64url without padding: session, CSRF and challenge tokens. */
    public String token() {
        return urlSafe(TOKEN_BYTES);
    }

    /** {@code n} random bytes as base64url without padding. */
    public String urlSafe(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(n));
    }

    /** {@code n} random bytes as standard base64 with padding. */
    public String base64(int n) {
        return Base64.getEncoder().encodeToString(bytes(n));
    }

    /** {@code n} random bytes as lower-case hex, e.g. the tail of {@code app-…} or {@code u-…} ids. */
    public String hex(int n) {
        return HexFormat.of().formatHex(bytes(n));
    }

    /** {@code length} characters drawn uniformly from {@code alphabet} (AWS-style key ids and unique ids). */
    public String fromAlphabet(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A number from 0 (inclusive) to {@code bound} (exclusive). */
    public long below(long bound) {
        return random.nextLong(bound);
    }

    /** A version 4 UUID from this source (request ids). */
    public String uuid() {
        byte[] b = bytes(16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(hi, lo).toString();
    }
}
