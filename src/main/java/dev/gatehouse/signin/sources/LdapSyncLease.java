package dev.gatehouse.signin.sources;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The right to run the LDAP sync, shared by every node through one database row: taking it is a single conditional
 * UPDATE, so of two nodes asking at once exactly one gets it. The schedule takes it only when the interval has
 * passed since the last sync started anywhere; "Sync now" whenever no sync runs. A claim not finished within
 * {@link #STALE} (its node died mid-sync) is taken over. Thread-safe.
 */
public final class LdapSyncLease {
    /** Longer than any sync should take; after it a running claim counts as abandoned. */
    public static final Duration STALE = Duration.ofMinutes(15);

    /** A taken lease: give it back with {@link #finish}. */
    public record Claim(Instant startedAt, String node) {
    }

    /** The last sync as the row records it, for the refusal message. */
    public record LastRun(Instant startedAt, Instant finishedAt, String node) {
        public boolean running() {
            return startedAt != null && finishedAt == null;
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final String node;

    /** @param node this node's name in the row, e.g. a random id chosen at start-up */
    public LdapSyncLease(Jdbi jdbi, Clock clock, String node) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.node = node;
    }

    /** For the schedule: taken when no sync runs (or it is stale) and {@code interval} has passed since the last start. */
    public Optional<Claim> claimIfDue(Duration interval) {
        Instant now = clock.instant();
        return claim(now, "started_at IS NULL OR (started_at <= :due AND (finished_at IS NOT NULL OR started_at < :stale))",
                now.minus(interval));
    }

    /** For "Sync now": taken whenever no sync runs (or it is stale). */
    public Optional<Claim> claimNow() {
        Instant now = clock.instant();
        return claim(now, "started_at IS NULL OR finished_at IS NOT NULL OR started_at < :stale", now);
    }

    /** Marks the claimed sync finished, whatever its outcome; nothing when another node has taken over meanwhile. */
    public void finish(Claim claim) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE ldap_sync_lease SET finished_at = :now WHERE id = 1 AND started_at = :started AND node = :node")
                .bind("now", clock.instant()).bind("started", claim.startedAt()).bind("node", claim.node()).execute());
    }

    public LastRun lastRun() {
        return jdbi.withHandle(h -> h.createQuery("SELECT started_at, finished_at, node FROM ldap_sync_lease WHERE id = 1")
                .map((rs, ctx) -> new LastRun(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), rs.getString(3)))
                .one());
    }

    private Optional<Claim> claim(Instant now, String condition, Instant due) {
        int taken = jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE ldap_sync_lease SET started_at = :now, finished_at = NULL, node = :node WHERE id = 1 AND (" + condition + ")")
                .bind("now", now).bind("node", node).bind("due", due).bind("stale", now.minus(STALE)).execute());
        return taken == 1 ? Optional.of(new Claim(now, node)) : Optional.empty();
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
