package dev.gatehouse.testing;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A {@link SecureRandom} that draws the same bytes on every run, for tests that inject randomness and want to
 * know what it produced. SUN's {@code SHA1PRNG} seeded before its first use is deterministic; never outside tests.
 */
public final class SeededRandom {
    private SeededRandom() {
    }

    public static SecureRandom of(String seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG", "SUN");
            random.setSeed(seed.getBytes(StandardCharsets.UTF_8));
            return random;
        } catch (NoSuchAlgorithmException | java.security.NoSuchProviderException e) {
            throw new IllegalStateException("the JDK's SUN provider has no SHA1PRNG", e);
        }
    }
}
