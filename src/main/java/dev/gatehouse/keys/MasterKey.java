package dev.gatehouse.keys;

import dev.gatehouse.storage.PrivateFiles;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that encrypts secrets at rest (signing private keys, and whatever else must be readable yet not lie in
 * the database in the clear): AES-256-GCM, a fresh random 96-bit nonce per message, and caller-chosen associated
 * data binding each ciphertext to its row, so a ciphertext copied onto another row does not decrypt. Sealed
 * values read {@code v1.<base64(nonce || ciphertext+tag)>}. The key bytes never leave this object: no getter,
 * and {@link #toString()} names only where the key came from. Thread-safe.
 */
public final class MasterKey {
    /** The environment variable holding base64 of 32 random bytes. */
    public static final String ENV = "GATEHOUSE_MASTER_KEY";
    /** The file generated in the data directory when no key is supplied. */
    public static final String FILE_NAME = "master.key";

    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random;
    private final String source;

    private MasterKey(byte[] raw, SecureRandom random, String source) {
        if (raw.length != 32) {
            throw new MasterKeyException("The master key from " + source + " is " + raw.length
                    + " bytes; it must be base64 of exactly 32 random bytes (e.g. `head -c 32 /dev/urandom | base64`).");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.random = random;
        this.source = source;
    }

    /**
     * Finds the master key: the file named by {@code --master-key-file}, else the environment value, else
     * {@value #FILE_NAME} in the data directory, generated there (readable by its owner only) on first start.
     */
    public static MasterKey resolve(Path keyFile, String environmentValue, Path dataDir, SecureRandom random) {
        if (keyFile != null) {
            return fromFile(keyFile, random);
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return new MasterKey(decode(environmentValue, "environment variable " + ENV), random, "environment variable " + ENV);
        }
        Path generated = dataDir.toAbsolutePath().resolve(FILE_NAME);
        if (!Files.exists(generated)) {
            generate(generated, random);
        }
        return fromFile(generated, random);
    }

    /** A key from its 32 raw bytes (tests, and callers that hold the bytes already). */
    public static MasterKey of(byte[] raw, SecureRandom random, String source) {
        return new MasterKey(raw.clone(), random, source);
    }

    /** Base64 of 32 fresh random bytes: the format of the key file and of {@value #ENV}. */
    public static String newEncodedKey(SecureRandom random) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Encrypts {@code plaintext}; the same {@code associatedData} must be given to decrypt it. */
    public String encrypt(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * @throws MasterKeyException when the value was sealed under another key, for other associated data, or was
     *                            altered: GCM's tag cannot tell these apart, and none of them may yield bytes
     */
    public byte[] decrypt(String sealed, String associatedData) {
        if (!isSealed(sealed)) {
            throw new MasterKeyException("the value is not sealed under a master key");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("the sealed value is not base64");
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new MasterKeyException("the sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new MasterKeyException("the value does not decrypt under the master key from " + source);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Whether {@code value} has the sealed format (rows written before keys were encrypted do not). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Where the key came from, for the start-up line: a file path or the environment variable's name. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "MasterKey[from " + source + "]";
    }

    private static MasterKey fromFile(Path file, SecureRandom random) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new MasterKeyException("Cannot read the master key file " + file + ": " + e.getMessage());
        }
        String source = "file " + file.toAbsolutePath();
        return new MasterKey(decode(text, source), random, source);
    }

    private static byte[] decode(String text, String source) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("The master key from " + source + " is not base64 (expected base64 of 32 random bytes).");
        }
    }

    private static void generate(Path file, SecureRandom random) {
        try {
            PrivateFiles.directory(file.getParent());
            byte[] content = (newEncodedKey(random) + "\n").getBytes(StandardCharsets.US_ASCII);
            // Created with mode 600 from the start, so there is no moment when others could read it.
            Files.createFile(file, PrivateFiles.fileMode());
            Files.write(file, content);
        } catch (FileAlreadyExistsException raced) {
            // another process sharing the data directory generated it first: use theirs
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the master key file " + file, e);
        }
    }
}
