package dev.gatehouse.keys;

import org.jdbi.v3.core.Jdbi;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each application's signing keys: created with the application, looked up on every launch. Parsed keys are
 * cached per application because parsing PKCS#8 and X.509 on every launch would be wasted work; the cache is
 * dropped whenever this node changes an application's keys. Thread-safe.
 */
public final class SigningKeyStore {
    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random;
    private final SelfSignedCertificates certificates;
    private final Map<String, List<SigningKey>> cache = new ConcurrentHashMap<>();

    public SigningKeyStore(Jdbi jdbi, Clock clock, SecureRandom random) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.random = random;
        this.certificates = new SelfSignedCertificates(random);
    }

    /** Generates a fresh ACTIVE key for {@code appId}; the common name identifies the application in the certificate. */
    public SigningKey createActiveKey(String appId, String commonName) {
        Instant now = clock.instant();
        SelfSignedCertificates.Generated generated = certificates.generate(commonName, now.minusSeconds(60));
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        String id = "k-" + HexFormat.of().formatHex(idBytes);
        try {
            String certificateDer = Base64.getEncoder().encodeToString(generated.certificate().getEncoded());
            String privateKey = Base64.getEncoder().encodeToString(generated.keyPair().getPrivate().getEncoded());
            jdbi.useTransaction(h -> {
                h.createUpdate("UPDATE signing_keys SET status = 'PASSIVE' WHERE app_id = :app AND status = 'ACTIVE'")
                        .bind("app", appId).execute();
                h.createUpdate("""
                                INSERT INTO signing_keys (id, app_id, status, private_key, certificate_pem, not_after, created_at)
                                VALUES (:id, :app, 'ACTIVE', :key, :cert, :notAfter, :now)""")
                        .bind("id", id).bind("app", appId).bind("key", privateKey).bind("cert", certificateDer)
                        .bind("notAfter", generated.certificate().getNotAfter().toInstant()).bind("now", now)
                        .execute();
            });
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        cache.remove(appId);
        return activeKey(appId);
    }

    /** The key that signs this application's assertions now. */
    public SigningKey activeKey(String appId) {
        return keysOf(appId).stream().filter(k -> k.status() == KeyStatus.ACTIVE).findFirst()
                .orElseThrow(() -> new IllegalStateException("application " + appId + " has no active signing key"));
    }

    /** The keys published in metadata: the active one first, then any passive ones still trusted. */
    public List<SigningKey> publishedKeys(String appId) {
        return keysOf(appId).stream().filter(k -> k.status() != KeyStatus.RETIRED)
                .sorted((a, b) -> a.status().compareTo(b.status())).toList();
    }

    private List<SigningKey> keysOf(String appId) {
        return cache.computeIfAbsent(appId, this::load);
    }

    private List<SigningKey> load(String appId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, app_id, status, private_key, certificate_pem, not_after, created_at
                        FROM signing_keys WHERE app_id = :app ORDER BY created_at DESC""")
                .bind("app", appId)
                .map((rs, c) -> new SigningKey(rs.getString(1), rs.getString(2), KeyStatus.valueOf(rs.getString(3)),
                        privateKey(rs.getString(4)),
                        SelfSignedCertificates.parse(Base64.getDecoder().decode(rs.getString(5))),
                        rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()))
                .list());
    }

    /** Forgets cached keys of one application (after it is deleted, or its keys change elsewhere). */
    public void evict(String appId) {
        cache.remove(appId);
    }

    private static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored private key is unreadable", e);
        }
    }
}
