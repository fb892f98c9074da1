package dev.gatehouse.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
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

    private final TimeBasedOneTimePasswordGenerator generator =
            new TimeBasedOneTimePasswordGenerator(STEP, DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    /** A new secret, base32 as typed into an authenticator app. */
    public static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base32.encode(bytes);
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

    private static Key key(String secret) {
        return new SecretKeySpec(Base32.decode(secret), "RAW");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
