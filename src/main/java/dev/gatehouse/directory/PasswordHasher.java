package dev.gatehouse.directory;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.Semaphore;

/**
 * Hashes and checks passwords with Argon2id, storing the standard PHC string
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}.
 *
 * <p>Parameters: memory m = 19456 KiB (19 MiB), iterations t = 2, parallelism p = 1, a 16-byte random salt and a
 * 32-byte output, version 0x13. These are the OWASP Password Storage Cheat Sheet's minimum for Argon2id. The hash
 * is computed by the reference C implementation (argon2-jvm bundles it): about 20 ms here, against 100–200 ms for
 * the pure-Java implementations at the same parameters, so the cost an attacker pays per guess is unchanged while
 * sign-in stays fast. Checking reads the parameters from the stored string, so raising them later keeps old
 * hashes verifiable.
 *
 * <p>Thread-safe.
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int OUTPUT_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final Argon2Advanced ARGON2ID =
            Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, OUTPUT_BYTES);

    /**
     * At most one hash per core at a time: each takes 19 MiB of native memory, so a burst of parallel sign-ins
     * would otherwise grow the process by 19 MiB per request, and more concurrency than cores buys no speed.
     */
    private static final Semaphore CONCURRENT_HASHES = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    private final SecureRandom random;

    public PasswordHasher(SecureRandom random) {
        this.random = random;
    }

    /** The PHC string to store for {@code password}. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        char[] chars = password.toCharArray();
        CONCURRENT_HASHES.acquireUninterruptibly();
        try {
            return ARGON2ID.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, chars, StandardCharsets.UTF_8, salt);
        } finally {
            CONCURRENT_HASHES.release();
            java.util.Arrays.fill(chars, '\0');
        }
    }

    /** Whether {@code password} matches {@code storedHash}; a malformed or non-Argon2id hash never matches. */
    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null || !storedHash.startsWith("$argon2id$")) {
            return false;
        }
        char[] chars = password.toCharArray();
        CONCURRENT_HASHES.acquireUninterruptibly();
        try {
            return ARGON2ID.verify(storedHash, chars, StandardCharsets.UTF_8);
        } catch (RuntimeException malformed) {
            return false;
        } finally {
            CONCURRENT_HASHES.release();
            java.util.Arrays.fill(chars, '\0');
        }
    }
}
