package dev.gatehouse.keys;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state transitions of a key rotation, each safe when several nodes attempt it at once: a NEXT key is created
 * under a row lock on the application's key set (so two nodes ticking together make one), promotion and retirement
 * are conditional UPDATEs on the key's status (the node whose UPDATE matches a row wins; the others change
 * nothing), and an expiry warning is claimed by a conditional UPDATE of {@code expiry_warned_days}. Every change
 * bumps the key-set version, so other nodes' caches see it. Thread-safe.
 */
public final class RotationKeys {
    /** A key as rotation sees it: its status and since when, its expiry, and the smallest threshold warned of. */
    public record KeyState(String id, KeyStatus status, Instant statusSince, Instant notAfter, Instant createdAt,
                           Integer warnedDays) {
    }

    private final Jdbi jdbi;
    private final SigningKeyStore keys;
    private final Clock clock;

    public RotationKeys(Jdbi jdbi, SigningKeyStore keys, Clock clock) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.clock = clock;
    }

    /** The application's keys, newest first, retired ones included. */
    public List<KeyState> states(String appId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, status, status_since, not_after, created_at, expiry_warned_days FROM signing_keys
                        WHERE app_id = :app ORDER BY created_at DESC""").bind("app", appId)
                .map((rs, c) -> new KeyState(rs.getString(1), KeyStatus.valueOf(rs.getString(2)),
                        rs.getTimestamp(3) == null ? rs.getTimestamp(5).toInstant() : rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
                        (Integer) rs.getObject(6, Integer.class)))
                .list());
    }

    /**
     * Creates a NEXT key unless the application has one. The key pair is made before the transaction; inside it
     * the key set's row is locked, so a second node waits and then finds the first one's key.
     *
     * @return the new key's id, or empty when a NEXT key existed already
     */
    public Optional<String> createNext(String appId, String commonName) {
        SigningKeyStore.NewKey key = keys.newKey(appId, commonName);
        boolean created = jdbi.inTransaction(h -> {
            lockKeySet(h, appId);
            boolean exists = h.createQuery("SELECT COUNT(*) FROM signing_keys WHERE app_id = :app AND status = 'NEXT'")
                    .bind("app", appId).mapTo(Integer.class).one() > 0;
            if (!exists) {
                keys.storeNext(h, key);
            }
            return !exists;
        });
        keys.evict(appId);
        return created ? Optional.of(key.id()) : Optional.empty();
    }

    /**
     * NEXT key {@code nextId} becomes ACTIVE and the ACTIVE key PASSIVE, in one transaction.
     *
     * @return false when {@code nextId} is no longer NEXT (another node promoted it): nothing changed
     */
    public boolean promote(String appId, String nextId) {
        Instant now = clock.instant();
        boolean done = jdbi.inTransaction(h -> {
            lockKeySet(h, appId);
            int promoted = h.createUpdate("""
                            UPDATE signing_keys SET status = 'ACTIVE', status_since = :now
                            WHERE id = :id AND app_id = :app AND status = 'NEXT'""")
                    .bind("id", nextId).bind("app", appId).bind("now", now).execute();
            if (promoted == 0) {
                return false;
            }
            h.createUpdate("""
                            UPDATE signing_keys SET status = 'PASSIVE', status_since = :now
                            WHERE app_id = :app AND status = 'ACTIVE' AND id <> :id""")
                    .bind("id", nextId).bind("app", appId).bind("now", now).execute();
            SigningKeyStore.bumpVersion(h, appId);
            return true;
        });
        keys.evict(appId);
        return done;
    }

    /** @return false when {@code keyId} is not PASSIVE any more (another node retired it): nothing changed */
    public boolean retire(String appId, String keyId) {
        Instant now = clock.instant();
        boolean done = jdbi.inTransaction(h -> {
            int retired = h.createUpdate("""
                            UPDATE signing_keys SET status = 'RETIRED', status_since = :now
                            WHERE id = :id AND app_id = :app AND status = 'PASSIVE'""")
                    .bind("id", keyId).bind("app", appId).bind("now", now).execute();
            if (retired > 0) {
                SigningKeyStore.bumpVersion(h, appId);
            }
            return retired > 0;
        });
        keys.evict(appId);
        return done;
    }

    /**
     * Claims the expiry warning for {@code thresholdDays}: true for exactly one caller per key and threshold (and
     * never for a threshold above one already warned of).
     */
    public boolean claimWarning(String keyId, int thresholdDays) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE signing_keys SET expiry_warned_days = :days
                        WHERE id = :id AND (expiry_warned_days IS NULL OR expiry_warned_days > :days)""")
                .bind("id", keyId).bind("days", thresholdDays).execute()) == 1;
    }

    private static void lockKeySet(Handle h, String appId) {
        h.createQuery("SELECT version FROM signing_key_sets WHERE app_id = :app FOR UPDATE").bind("app", appId)
                .mapTo(Long.class).findOne();
    }
}
