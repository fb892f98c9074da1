package dev.gatehouse.samlxml;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;

/** Reads an unencrypted RSA private key in PEM ({@code PRIVATE KEY} PKCS#8 or {@code RSA PRIVATE KEY} PKCS#1). */
public final class PrivateKeyPem {
    /** Below this an RSA key is refused, as AWS refuses signing certificates below 1024 bits. */
    public static final int MIN_BITS = 2048;
    /**
     * Above this too: every encrypted sign-in posted to the emulator tries each stored key, and an RSA decryption
     * with a 16,000-bit key takes about a second, so one unauthenticated POST could cost many seconds of CPU.
     */
    public static final int MAX_BITS = 4096;

    private PrivateKeyPem() {
    }

    /** @throws IllegalArgumentException when the text is not exactly one unencrypted RSA private key of 2048 to 4096 bits */
    public static PrivateKey readRsa(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("The private key is empty.");
        }
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
            if (parser.readObject() != null) {
                throw new IllegalArgumentException("The file holds more than one PEM object.");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("The private key is not valid PEM.");
        }
        PrivateKeyInfo info;
        if (object instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (object instanceof PrivateKeyInfo pki) {
            info = pki;
        } else {
            throw new IllegalArgumentException("The PEM is not an unencrypted private key.");
        }
        PrivateKey key;
        try {
            key = new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The private key could not be read.");
        }
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException("The private key is not an RSA key.");
        }
        if (rsa.getModulus().bitLength() < MIN_BITS) {
            throw new IllegalArgumentException("The RSA key is shorter than " + MIN_BITS + " bits.");
        }
        if (rsa.getModulus().bitLength() > MAX_BITS) {
            throw new IllegalArgumentException("The RSA key is longer than " + MAX_BITS + " bits.");
        }
        return key;
    }
}
