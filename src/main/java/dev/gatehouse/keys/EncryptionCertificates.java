package dev.gatehouse.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;

/**
 * The certificate each application's assertions are encrypted to, if any (the service provider's public key:
 * nothing secret is kept here). Read on every launch through a short cache, like the signing keys, so a change on
 * one node reaches the others within {@link #RECHECK}. Thread-safe.
 */
public final class EncryptionCertificates {
    public static final Duration RECHECK = Duration.ofSeconds(5);
    /** Below this an RSA key is refused: the content key it transports would be the weakest link. */
    public static final int MIN_BITS = 2048;

    /** Where a certificate came from: uploaded by an administrator, or generated here and pushed to AWS. */
    public enum Source { UPLOADED, GENERATED }

    /**
     * An application's encryption certificate.
     *
     * @param mode       the AssertionEncryptionMode pushed to AWS (GENERATED only), else {@code null}
     * @param pushedKeys the KeyId AWS gave the pushed private key in each account, {@code accountId=keyId,…} (GENERATED only)
     */
    public record EncryptionCertificate(String appId, X509Certificate certificate, String pem, Source source, String mode,
                                        String pushedKeys, Instant updatedAt, String updatedBy) {
    }

    /** A certificate that cannot be used: not PEM, not X.509, not RSA of at least {@link #MIN_BITS} bits. */
    public static final class Unusable extends RuntimeException {
        public Unusable(String message) {
            super(message);
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Cache<String, Optional<EncryptionCertificate>> cache;

    public EncryptionCertificates(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(RECHECK).maximumSize(10_000).executor(Runnable::run).build();
    }

    /** The certificate a launch of {@code appId} encrypts to, or empty for plaintext assertions. */
    public Optional<X509Certificate> forLaunch(String appId) {
        return cache.get(appId, this::read).map(EncryptionCertificate::certificate);
    }

    public Optional<EncryptionCertificate> find(String appId) {
        return read(appId);
    }

    /** Stores (or replaces) the application's certificate inside the caller's transaction. */
    public void put(Handle h, String appId, String pem, Source source, String mode, String pushedKeys, String actor) {
        parse(pem);
        h.createUpdate("DELETE FROM app_encryption_certificates WHERE app_id = :a").bind("a", appId).execute();
        h.createUpdate("INSERT INTO app_encryption_certificates (app_id, certificate_pem, source, mode, pushed_keys, updated_at, updated_by) "
                        + "VALUES (:a, :pem, :s, :m, :k, :t, :by)")
                .bind("a", appId).bind("pem", pem).bind("s", source.name()).bind("m", mode).bind("k", pushedKeys)
                .bind("t", clock.millis()).bind("by", actor).execute();
        cache.invalidate(appId);
    }

    /** Removes it inside the caller's transaction; false when there was none. */
    public boolean remove(Handle h, String appId) {
        cache.invalidate(appId);
        return h.createUpdate("DELETE FROM app_encryption_certificates WHERE app_id = :a").bind("a", appId).execute() > 0;
    }

    /** Drops cached entries after the caller's transaction committed, so this node sees the change at once. */
    public void forget(Collection<String> appIds) {
        cache.invalidateAll(appIds);
    }

    private Optional<EncryptionCertificate> read(String appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT certificate_pem, source, mode, pushed_keys, updated_at, updated_by "
                        + "FROM app_encryption_certificates WHERE app_id = :a").bind("a", appId)
                .map((rs, c) -> new EncryptionCertificate(appId, parse(rs.getString(1)), rs.getString(1), Source.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6))).findOne());
    }

    /** Reads one PEM certificate; refuses anything else with a message for the administrator. */
    public static X509Certificate parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new Unusable("Paste the certificate in PEM form (-----BEGIN CERTIFICATE----- …).");
        }
        String text = pem.trim();
        if (!text.startsWith("-----BEGIN CERTIFICATE-----") || !text.endsWith("-----END CERTIFICATE-----")
                || text.indexOf("-----BEGIN", 1) >= 0) {
            throw new Unusable("The text is not one PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).");
        }
        X509Certificate certificate;
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(27, text.length() - 25));
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            throw new Unusable("The certificate could not be read as X.509.");
        }
        if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_BITS) {
            throw new Unusable("The certificate must carry an RSA key of at least " + MIN_BITS + " bits (the key transport is RSA-OAEP).");
        }
        return certificate;
    }

    /** A certificate as PEM, 64 characters a line. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
