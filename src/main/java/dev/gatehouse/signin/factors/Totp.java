package dev.gatehouse.signin.factors;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.gatehouse.ids.RandomIds;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords as every authenticator app computes them (RFC 6238 defaults: HMAC-SHA-1, six
 * digits, 30-second steps). A code is accepted for the current step and one step either side, to allow for clock
 * drift and typing time. Thread-safe.
 */
public final class Totp {
    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    static final String ISSUER = "Gatehouse";
    private static final int SECRET_BYTES = 20; // 160 bits, the HMAC-SHA-1 block-friendly size RFC 4226 recommends
    /** RFC 4648 base32, the alphabet authenticator apps expect (160-bit secrets need no padding). */
    private static final Base32 BASE32 = new Base32();

    private final TimeBasedOneTimePasswordGenerator generator =
            new TimeBasedOneTimePasswordGenerator(STEP, DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    /** A new secret, base32 (RFC 4648, unpadded) as typed into an authenticator app. */
    public static String newSecret(RandomIds ids) {
        return BASE32.encodeToString(ids.bytes(SECRET_BYTES));
    }

    /** The code for {@code secret} at {@code at}. */
    public String code(String secret, Instant at) {
        try {
            return generator.generateOneTimePasswordString(key(secret), at, java.util.Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("stored TOTP secret is not usable", e);
        }
    }

    /**
     * The step number at which {@code code} is valid for {@code secret} around {@code now}, or empty. Callers
     * remember the step so that the same code cannot be used twice.
     */
    public OptionalLong matchingStep(String secret, String code, Instant now) {
        String typed = code == null ? "" : code.replace(" ", "");
        if (typed.length() != DIGITS || !typed.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long current = now.getEpochSecond() / STEP.getSeconds();
        for (long step = current - 1; step <= current + 1; step++) {
            String expected = code(secret, Instant.ofEpochSecond(step * STEP.getSeconds()));
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), typed.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The {@code otpauth://} URI an authenticator app reads from the QR code. */
    public static String provisioningUri(String secret, String account) {
        String label = enc(ISSUER) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + enc(ISSUER)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.getSeconds();
    }

    /** Decodes what a user may have typed or we stored: case, spaces, dashes and padding do not matter. */
    private static Key key(String secret) {
        String normalised = secret.replace(" ", "").replace("-", "").replace("=", "").toUpperCase(java.util.Locale.ROOT);
        if (!BASE32.isInAlphabet(normalised)) {
            throw new IllegalArgumentException("not a base32 secret");
        }
        return new SecretKeySpec(BASE32.decode(normalised), "RAW");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
