package dev.gatehouse.signin.sources;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * The LDAP source as its stored settings say now: the identity source the sign-in flow asks (nothing, when LDAP
 * is off or not set up), the admin page's "Test connection" and "Sync now", and the scheduled sync, which
 * {@link #tick()} runs once the configured interval has passed since the last run on any node. Every sync first
 * takes the {@link LdapSyncLease}, so two never run side by side, on one node or across nodes. Thread-safe.
 */
public final class ConfiguredLdap implements IdentitySource {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredLdap.class);
    /** The actor of scheduled runs in the audit log. */
    public static final String SCHEDULE_ACTOR = "ldap-sync";

    private final LdapSettingsStore store;
    private final Directory directory;
    private final AuditLog audit;
    private final LdapSyncLease lease;

    public ConfiguredLdap(LdapSettingsStore store, Directory directory, AuditLog audit, LdapSyncLease lease) {
        this.store = store;
        this.directory = directory;
        this.audit = audit;
        this.lease = lease;
    }

    public LdapSettingsStore settings() {
        return store;
    }

    @Override
    public Optional<Verdict> check(String userName, String password) {
        return store.loadRecent().filter(LdapSettingsStore.Stored::enabled)
                .flatMap(stored -> new LdapIdentitySource(stored.settings(), directory).check(userName, password));
    }

    /** Connects and binds with the stored settings: a sentence for the admin, or a failure with one. */
    public String testConnection() throws LdapIdentitySource.LdapFailure {
        return source().testConnection();
    }

    /** Syncs now, by {@code actor}; refused while a sync runs, here or on another node. */
    public LdapSync.Summary syncNow(String actor) throws LdapIdentitySource.LdapFailure {
        LdapSyncLease.Claim claim = lease.claimNow().orElseThrow(() -> new LdapIdentitySource.LdapFailure(
                "A sync is already running (started " + lease.lastRun().startedAt() + "); try again when it has finished.", null));
        return runClaimed(actor, claim);
    }

    private LdapSync.Summary runClaimed(String actor, LdapSyncLease.Claim claim) throws LdapIdentitySource.LdapFailure {
        try {
            return new LdapSync(source(), directory, audit).run(actor);
        } finally {
            lease.finish(claim); // a failed sync is retried at the next interval, not at once
        }
    }

    /**
     * Runs the scheduled sync when LDAP is on and its interval has passed; failures are audited and logged, and
     * never end the schedule.
     */
    public void tick() {
        try {
            tickOnce();
        } catch (RuntimeException e) {
            log.error("Scheduled LDAP sync stopped with an error", e);
        }
    }

    private void tickOnce() {
        Optional<LdapSettingsStore.Stored> stored = store.load().filter(LdapSettingsStore.Stored::enabled);
        if (stored.isEmpty()) {
            return;
        }
        Optional<LdapSyncLease.Claim> claim = lease.claimIfDue(Duration.ofMinutes(stored.get().syncIntervalMinutes()));
        if (claim.isEmpty()) {
            return; // not due yet, or another node is syncing
        }
        try {
            LdapSync.Summary summary = runClaimed(SCHEDULE_ACTOR, claim.get());
            log.info("Scheduled LDAP sync: {}", summary);
        } catch (LdapIdentitySource.LdapFailure e) {
            log.warn("Scheduled LDAP sync failed: {}", e.getMessage());
        }
    }

    private LdapIdentitySource source() throws LdapIdentitySource.LdapFailure {
        LdapSettingsStore.Stored stored = store.load().orElseThrow(() ->
                new LdapIdentitySource.LdapFailure("No LDAP settings are saved yet.", null));
        return new LdapIdentitySource(stored.settings(), directory);
    }
}
