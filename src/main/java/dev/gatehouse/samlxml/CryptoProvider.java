package dev.gatehouse.samlxml;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import java.security.Signature;
import java.util.concurrent.CompletableFuture;

/**
 * Chooses the JCE provider that computes RSA signatures. One RSA signature per launch dominates the identity
 * provider's cost, and the JDK's own provider signs at about a third of OpenSSL's rate; the Amazon Corretto
 * Crypto Provider (AWS-LC) reaches OpenSSL's. It is installed first where its native library loads (Linux on
 * x86-64) and the JDK's provider is used everywhere else.
 */
public final class CryptoProvider {
    private static String inUse;

    private CryptoProvider() {
    }

    /**
     * {@link #install()} on a daemon thread of its own: the native library loads while the caller opens the database,
     * two independent parts of start-up. Join the future before the first signature.
     */
    public static CompletableFuture<String> installInBackground() {
        return CompletableFuture.supplyAsync(CryptoProvider::install, task -> {
            Thread t = new Thread(task, "crypto-provider");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Installs the fastest working provider once; returns a sentence naming the one that signs RSA-SHA256. */
    public static synchronized String install() {
        if (inUse == null) {
            try {
                if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null) {
                    AmazonCorrettoCryptoProvider.install();
                    AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
                }
            } catch (Throwable e) {
                // Unsupported platform or a failed self-test: the JDK provider stays first, which is correct, only slower.
            }
            try {
                inUse = "RSA signing provider: " + Signature.getInstance("SHA256withRSA").getProvider().getInfo();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("no provider for SHA256withRSA", e);
            }
        }
        return inUse;
    }
}
