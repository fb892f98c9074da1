package dev.gatehouse.directory;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.security.SecureRandom;

/**
 * Hashes and checks passwords with Argon2id (password4j, pure Java), storing the standard PHC string
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}.
 *
 * <p>Parameters: memory m = 19456 KiB (19 MiB), iterations t = 2, parallelism p = 1, a 16-byte random salt and a
 * 32-byte output, version 0x13. These are the OWASP Password Storage Cheat Sheet's minimum for Argon2id; they
 * cost roughly 0.1 to 0.2 s per hash here, which bounds online guessing without making sign-in slow. Checking
 * reads the parameters from the stored string, so raising them later keeps old hashes verifiable.
 *
 * <p>Thread-safe.
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int OUTPUT_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final Argon2Function ARGON2ID =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, OUTPUT_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);

    private final SecureRandom random;

    public PasswordHasher(SecureRandom random) {
        this.random = random;
    }

    /** The PHC string to store for {@code password}. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return Password.hash(password).addSalt(salt).with(ARGON2ID).getResult();
    }

    /** Whether {@code password} matches {@code storedHash}; a malformed or non-Argon2id hash never matches. */
    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null || !storedHash.startsWith("$argon2id$")) {
            return false;
        }
        try {
            return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
