package dev.gatehouse.apps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each user last launched each catalog pair, for the portal's "recently used first". Written behind the launch:
 * a launch notes the time in memory and a node's flusher stores the latest per pair (every second), so the launch
 * waits for no database write (on PostgreSQL that write was a fifth of a catalog launch's time) and a burst of
 * launches of one pair costs one write. This node shows its own notes at once; other nodes after the next flush. The
 * order is a convenience: notes not yet flushed when a node stops are lost, and a note for a role or user deleted
 * meanwhile is dropped. Thread-safe.
 */
final class RecentLaunches {
    private static final Logger log = LoggerFactory.getLogger(RecentLaunches.class);
    /** Notes held at most; beyond it a launch writes its note itself rather than grow the buffer. */
    static final int MAX_PENDING = 100_000;

    private record Key(String userId, String appId, String accountId, String roleName) {
        String useKey() {
            return appId + " " + accountId + " " + roleName;
        }
    }

    private final CatalogStore store;
    private final Clock clock;
    private final Map<Key, Instant> pending = new ConcurrentHashMap<>();

    RecentLaunches(CatalogStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void note(String userId, String appId, String accountId, String roleName) {
        Instant now = clock.instant();
        if (pending.size() >= MAX_PENDING) {
            store.recordUse(userId, appId, accountId, roleName, now);
            return;
        }
        pending.merge(new Key(userId, appId, accountId, roleName), now, (a, b) -> b.isAfter(a) ? b : a);
    }

    /** The user's last launch of each pair ("app account role" → instant): stored, overlaid with this node's notes. */
    Map<String, Instant> of(String userId) {
        Map<String, Instant> out = new HashMap<>(store.recentUses(userId));
        pending.forEach((key, at) -> {
            if (key.userId().equals(userId)) {
                out.merge(key.useKey(), at, (a, b) -> b.isAfter(a) ? b : a);
            }
        });
        return out;
    }

    /** Stores every note taken so far; a note that cannot be stored (its role or user is gone) is dropped. */
    int flush() {
        int stored = 0;
        for (Key key : pending.keySet()) {
            Instant at = pending.remove(key);
            if (at == null) {
                continue;
            }
            try {
                store.recordUse(key.userId(), key.appId(), key.accountId(), key.roleName(), at);
                stored++;
            } catch (RuntimeException e) {
                log.debug("Dropped a recent-launch note for a role or user deleted since: {}", e.getMessage());
            }
        }
        return stored;
    }

    /** Forgets the notes of a deleted user, so a later flush does not store them again. */
    void forgetUser(String userId) {
        pending.keySet().removeIf(k -> k.userId().equals(userId));
    }
}
