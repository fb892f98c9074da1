package dev.gatehouse.keys;

import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each application's signing keys: created with the application, looked up on every launch. Private keys are
 * sealed under the master key in the database ({@link KeysAtRest}).
 *
 * <p>Parsed keys are cached per application, because decrypting and parsing on every launch would be wasted
 * work. Nodes sharing a database must still agree: every change to an application's keys bumps its row in
 * {@code signing_key_sets} in the same transaction. Metadata always compares that version (one primary-key read:
 * metadata is fetched rarely and must be exact); a launch re-checks it only once {@link #DEFAULT_RECHECK} has
 * passed since the last check, so launches add no query in between. A launch on a node that has not yet seen a
 * rotation signs with the previous key, which rotation keeps published as PASSIVE, so relying parties still
 * accept it. Thread-safe.
 */
public final class SigningKeyStore {
    /** How long a launch trusts cached keys before re-reading the key-set version. */
    public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(5);

    private record Cached(long version, List<SigningKey> keys, Instant checkedAt) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random;
    private final SelfSignedCertificates certificates;
    private final KeysAtRest atRest;
    private final Duration recheck;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SigningKeyStore(Jdbi jdbi, Clock clock, SecureRandom random, MasterKey master) {
        this(jdbi, clock, random, master, DEFAULT_RECHECK);
    }

    public SigningKeyStore(Jdbi jdbi, Clock clock, SecureRandom random, MasterKey master, Duration recheck) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.random = random;
        this.certificates = new SelfSignedCertificates(random);
        this.atRest = new KeysAtRest(jdbi, clock, master);
        this.recheck = recheck;
    }

    /**
     * Run once at start: refuses a master key other than the one the database's keys were sealed under, and
     * seals rows left in plaintext by earlier versions.
     *
     * @return how many plaintext rows were sealed
     * @throws MasterKeyException when the master key does not match
     */
    public int prepare() {
        return atRest.prepare();
    }

    /**
     * Generates a fresh ACTIVE key for {@code appId}; an ACTIVE key it had becomes PASSIVE (still published, no
     * longer signing). The common name identifies the application in the certificate.
     */
    public SigningKey createActiveKey(String appId, String commonName) {
        NewKey key = newKey(appId, commonName);
        jdbi.useTransaction(h -> store(h, key));
        cache.remove(appId);
        return activeKey(appId);
    }

    /**
     * A key pair and certificate for {@code appId}, sealed but not stored yet: the slow, failure-prone part, done
     * before a transaction opens. The certificate's subject is {@code CN=commonName, OU=appId, O=Gatehouse}.
     */
    public NewKey newKey(String appId, String commonName) {
        Instant now = clock.instant();
        SelfSignedCertificates.Generated generated = certificates.generate(commonName, appId, now.minusSeconds(60));
        String id = "k-" + new RandomIds(random).hex(12);
        String certificateDer;
        try {
            certificateDer = Base64.getEncoder().encodeToString(generated.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        String sealed = atRest.seal(id, generated.keyPair().getPrivate().getEncoded());
        return new NewKey(appId, id, sealed, certificateDer, generated.certificate().getNotAfter().toInstant(), now);
    }

    /**
     * Stores {@code key} as its application's ACTIVE key in the caller's transaction {@code h} (so an application
     * and its first key are stored together or not at all); an ACTIVE key it had becomes PASSIVE.
     */
    public void store(Handle h, NewKey key) {
        // Rotations of one application queue on its key-set row: two at once would each demote the ACTIVE key they
        // see and both insert one, leaving two ACTIVE keys. (A new application has no row yet, and no rival.)
        h.createQuery("SELECT version FROM signing_key_sets WHERE app_id = :app FOR UPDATE").bind("app", key.appId())
                .mapTo(Long.class).findOne();
        h.createUpdate("UPDATE signing_keys SET status = 'PASSIVE', status_since = :now WHERE app_id = :app AND status = 'ACTIVE'")
                .bind("app", key.appId()).bind("now", key.createdAt()).execute();
        h.createUpdate("""
                        INSERT INTO signing_keys (id, app_id, status, private_key, certificate_pem, not_after, created_at, status_since)
                        VALUES (:id, :app, :status, :key, :cert, :notAfter, :now, :now)""")
                .bind("id", key.id()).bind("app", key.appId()).bind("key", key.sealedPrivateKey()).bind("status", "ACTIVE")
                .bind("cert", key.certificateDer()).bind("notAfter", key.notAfter()).bind("now", key.createdAt())
                .execute();
        bumpVersion(h, key.appId());
    }

    /** Stores {@code key} as its application's NEXT key in the caller's transaction (see {@link RotationKeys}). */
    void storeNext(Handle h, NewKey key) {
        h.createUpdate("""
                        INSERT INTO signing_keys (id, app_id, status, private_key, certificate_pem, not_after, created_at, status_since)
                        VALUES (:id, :app, 'NEXT', :key, :cert, :notAfter, :now, :now)""")
                .bind("id", key.id()).bind("app", key.appId()).bind("key", key.sealedPrivateKey())
                .bind("cert", key.certificateDer()).bind("notAfter", key.notAfter()).bind("now", key.createdAt())
                .execute();
        bumpVersion(h, key.appId());
    }

    /** A generated key waiting to be stored ({@link #newKey}, {@link #store}). */
    public record NewKey(String appId, String id, String sealedPrivateKey, String certificateDer, Instant notAfter,
                         Instant createdAt) {
    }

    /** The key that signs this application's assertions now. */
    public SigningKey activeKey(String appId) {
        return keysOf(appId, false).stream().filter(k -> k.status() == KeyStatus.ACTIVE).findFirst()
                .orElseThrow(() -> new IllegalStateException("application " + appId + " has no active signing key"));
    }

    /**
     * The keys published in metadata: the active one first, then the next one, then any passive ones still trusted.
     * Always current.
     */
    public List<SigningKey> publishedKeys(String appId) {
        return keysOf(appId, true).stream().filter(k -> k.status() != KeyStatus.RETIRED)
                .sorted((a, b) -> a.status().compareTo(b.status())).toList();
    }

    /** Forgets cached keys of one application (after it is deleted, or its keys change elsewhere). */
    public void evict(String appId) {
        cache.remove(appId);
    }

    /** Every key of the application, retired ones included, newest first; always current. */
    public List<SigningKey> allKeys(String appId) {
        return keysOf(appId, true);
    }

    private List<SigningKey> keysOf(String appId, boolean exact) {
        Instant now = clock.instant();
        Cached cached = cache.get(appId);
        if (cached != null && !exact && now.isBefore(cached.checkedAt().plus(recheck))) {
            return cached.keys();
        }
        Cached fresh = jdbi.withHandle(h -> {
            long version = version(h, appId);
            if (cached != null && cached.version() == version) {
                return new Cached(version, cached.keys(), now);
            }
            return new Cached(version, load(h, appId), now);
        });
        cache.put(appId, fresh);
        return fresh.keys();
    }

    private List<SigningKey> load(Handle h, String appId) {
        return h.createQuery("""
                        SELECT id, app_id, status, private_key, certificate_pem, not_after, created_at
                        FROM signing_keys WHERE app_id = :app ORDER BY created_at DESC""")
                .bind("app", appId)
                .map((rs, c) -> new SigningKey(rs.getString(1), rs.getString(2), KeyStatus.valueOf(rs.getString(3)),
                        atRest.open(rs.getString(1), rs.getString(4)),
                        SelfSignedCertificates.parse(Base64.getDecoder().decode(rs.getString(5))),
                        rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()))
                .list();
    }

    /**
     * The application's key-set version, read now: it changes with every change to its keys, so a step that read the
     * keys earlier can tell whether they are still what it read.
     */
    public long keySetVersion(String appId) {
        return jdbi.withHandle(h -> version(h, appId));
    }

    private static long version(Handle h, String appId) {
        return h.createQuery("SELECT version FROM signing_key_sets WHERE app_id = :app").bind("app", appId)
                .mapTo(Long.class).findOne().orElse(0L);
    }

    static void bumpVersion(Handle h, String appId) {
        int updated = h.createUpdate("UPDATE signing_key_sets SET version = version + 1 WHERE app_id = :app")
                .bind("app", appId).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO signing_key_sets (app_id, version) VALUES (:app, 1)").bind("app", appId).execute();
        }
    }
}
