package dev.gatehouse.keyrotation;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.awsside.AwsSide;
import dev.gatehouse.awsside.ProviderPush;
import dev.gatehouse.keys.KeyStatus;
import dev.gatehouse.keys.RotationKeys;
import dev.gatehouse.keys.SigningKeyStore;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing-key rotation for every application: the worker's tick (expiry warnings, a NEXT key once the active one
 * expires within the lead time, and with a connection the steps of {@link AwsRotationSteps}), and the admin's
 * actions: start a rotation now, choose the test user, and without a connection promote the next key and remove the
 * old certificate by hand. Every change is audited and on the application's timeline. Thread-safe.
 */
public final class KeyRotation {
    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    /** Days before the active key's expiry at which a warning is raised, once each. */
    static final int[] WARNING_DAYS = {1, 7, 30};

    /** An admin action refused: {@code status} 400 for bad input, 409 when the rotation is not at that step. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Applications apps;
    private final RotationKeys rotation;
    private final AwsSide side;
    private final RotationRecords records;
    private final AwsRotationSteps steps;
    private final AuditLog audit;
    private final Clock clock;
    private final RotationPolicy policy;

    public KeyRotation(Applications apps, SigningKeyStore keys, RotationKeys rotation, AwsSide side, ProviderPush push,
                       Jdbi jdbi, AuditLog audit, Clock clock, RotationPolicy policy) {
        this.apps = apps;
        this.rotation = rotation;
        this.side = side;
        this.records = new RotationRecords(jdbi, clock);
        this.steps = new AwsRotationSteps(keys, rotation, side, push, records, audit, clock, policy.grace());
        this.audit = audit;
        this.clock = clock;
        this.policy = policy;
    }

    public RotationPolicy policy() {
        return policy;
    }

    /** One pass of the worker over every application; one application's failure does not stop the others. */
    public void tick() {
        for (App app : apps.list()) {
            try {
                tick(app);
            } catch (RuntimeException e) {
                log.warn("Key rotation of {} failed this tick", app.id(), e);
            }
        }
    }

    private void tick(App app) {
        Instant now = clock.instant();
        List<RotationKeys.KeyState> states = rotation.states(app.id());
        Optional<RotationKeys.KeyState> active = states.stream().filter(k -> k.status() == KeyStatus.ACTIVE).findFirst();
        if (active.isEmpty()) {
            return;
        }
        warn(app, active.get(), now);
        boolean hasNext = states.stream().anyMatch(k -> k.status() == KeyStatus.NEXT);
        if (!hasNext && !active.get().notAfter().isAfter(now.plus(policy.leadTime()))) {
            createNext(AwsRotationSteps.ACTOR, app, "the active key expires on " + active.get().notAfter());
        }
        List<AwsSide.ConnectedAccount> accounts = connectedAccounts(app.id());
        if (!accounts.isEmpty() && steps.hasWork(app.id()) && records.claim(app.id())) {
            steps.advance(app.id(), accounts);
        }
    }

    private void warn(App app, RotationKeys.KeyState active, Instant now) {
        for (int days : WARNING_DAYS) {
            if (!active.notAfter().isAfter(now.plus(Duration.ofDays(days)))) {
                if (rotation.claimWarning(active.id(), days)) {
                    String text = "The active signing key " + active.id() + " of " + app.displayName() + " expires within "
                            + days + (days == 1 ? " day" : " days") + ", on " + active.notAfter() + ".";
                    records.step(app.id(), active.id(), "EXPIRY_WARNING", false, text);
                    audit.record(AwsRotationSteps.ACTOR, "KEY_EXPIRY_WARNING", app.id(), "key=" + active.id()
                            + " days=" + days + " notAfter=" + active.notAfter());
                }
                return; // only the nearest threshold: a key found at 5 days warns of 7, not of 30 too
            }
        }
    }

    private Optional<String> createNext(String actor, App app, String why) {
        Optional<String> created = rotation.createNext(app.id(), app.displayName());
        created.ifPresent(id -> {
            records.step(app.id(), id, "NEXT_CREATED", true, "A next key is published beside the active one: " + why + ".");
            audit.recordChange(actor, "KEY_ROTATION_NEXT_CREATED", app.id(), null, Map.of("next", id, "reason", why));
            records.dueNow(app.id());
        });
        return created;
    }

    /** "Start rotation now": a NEXT key at once; with a connection the worker's next tick pushes and tests it. */
    public String startNow(String actor, String appId) {
        App app = apps.find(appId);
        return createNext(actor, app, "started by " + actor).orElseThrow(() -> new Refused(409,
                "A rotation is already under way: the next key exists. Finish it first."));
    }

    /**
     * A rotation now, for a key thought exposed. Without a connection the new key signs at once and the old one stays
     * published as passive for the grace period. With one, AWS must hold the new key before it signs, or launches
     * fail: the rotation's steps run now instead of on the worker's next tick (a next key, pushed to every connected
     * account, tested, promoted); if an account refuses, the next key waits as in any rotation and the worker retries.
     *
     * @return the active key afterwards, and AWS's refusal when the connected steps did not finish ({@code null} when they did)
     */
    public Immediate rotateImmediately(String actor, String appId) {
        App app = apps.find(appId);
        List<AwsSide.ConnectedAccount> accounts = connectedAccounts(appId);
        if (accounts.isEmpty()) {
            String fresh = apps.rotateSigningKey(actor, appId).id();
            records.step(appId, fresh, "ROTATED_AT_ONCE", true, actor + " rotated the key at once: it signs from now on.");
            return new Immediate(fresh, 0, null);
        }
        createNext(actor, app, "rotated at once by " + actor);
        if (!records.claim(appId)) {
            return new Immediate(stateOf(appId, KeyStatus.ACTIVE).map(RotationKeys.KeyState::id).orElse(null), accounts.size(),
                    "Another node is running this rotation's steps now: its timeline shows when they finish.");
        }
        steps.advance(appId, accounts);
        String active = stateOf(appId, KeyStatus.ACTIVE).map(RotationKeys.KeyState::id).orElse(null);
        String failure = stateOf(appId, KeyStatus.NEXT).isEmpty() ? null
                : records.state(appId).map(RotationRecords.State::lastError).orElse("The next key is not active yet.");
        return new Immediate(active, accounts.size(), failure);
    }

    /** What an immediate rotation did: the new key, how many accounts it was pushed to, AWS's refusal if any. */
    public record Immediate(String activeKey, int connectedAccounts, String pushFailure) {
    }

    /** The user the live test signs for: an active user assigned to the application; blank: the first assigned. */
    public void chooseTestUser(String actor, String appId, String userName) {
        apps.find(appId);
        String name = userName == null || userName.isBlank() ? null : userName.strip();
        if (name != null && side.testUser(appId, name).isEmpty()) {
            throw new Refused(400, name + " is not an active user assigned to this application.");
        }
        records.setTestUser(appId, name);
        audit.recordChange(actor, "KEY_ROTATION_TEST_USER", appId, null, Map.of("testUser", name == null ? "(first assigned)" : name));
    }

    /** Without a connection: the admin uploaded the metadata holding the next key, which becomes active. */
    public void promoteByHand(String actor, String appId) {
        App app = apps.find(appId);
        if (!connectedAccounts(appId).isEmpty()) {
            throw new Refused(409, "The account is connected: Gatehouse promotes the next key itself once its test sign-in passes.");
        }
        RotationKeys.KeyState next = stateOf(appId, KeyStatus.NEXT).orElseThrow(() -> new Refused(409,
                "There is no next key to make active: start a rotation first."));
        String before = stateOf(appId, KeyStatus.ACTIVE).map(RotationKeys.KeyState::id).orElse("-");
        if (rotation.promote(appId, next.id())) {
            records.step(appId, next.id(), "PROMOTED", true, actor + " uploaded the metadata; the next key is active, " + before
                    + " stays published as passive until " + clock.instant().plus(policy.grace()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".");
            audit.recordChange(actor, "KEY_ROTATION_PROMOTED", app.id(), Map.of("active", before), Map.of("active", next.id(), "passive", before));
        }
    }

    /** After the grace period: the old certificate leaves the metadata (the admin then uploads it again). */
    public void removeOldByHand(String actor, String appId) {
        apps.find(appId);
        if (!connectedAccounts(appId).isEmpty()) {
            throw new Refused(409, "The account is connected: Gatehouse removes the old certificate from AWS itself after the grace period.");
        }
        Instant now = clock.instant();
        List<RotationKeys.KeyState> passive = rotation.states(appId).stream().filter(k -> k.status() == KeyStatus.PASSIVE).toList();
        if (passive.isEmpty()) {
            throw new Refused(409, "There is no old certificate to remove.");
        }
        for (RotationKeys.KeyState k : passive) {
            Instant end = k.statusSince().plus(policy.grace());
            if (end.isAfter(now)) {
                throw new Refused(409, "The old certificate stays published until its grace period ends on " + end + ".");
            }
        }
        for (RotationKeys.KeyState k : passive) {
            if (rotation.retire(appId, k.id())) {
                records.step(appId, k.id(), "RETIRED", true, actor + " removed the old certificate from the metadata.");
                audit.recordChange(actor, "KEY_ROTATION_RETIRED", appId, Map.of("passive", k.id()), Map.of("retired", k.id()));
            }
        }
    }

    /** What the rotation page shows. */
    public RotationView view(String appId) {
        App app = apps.find(appId);
        List<AwsSide.ConnectedAccount> accounts = connectedAccounts(appId);
        return new RotationView(app, rotation.states(appId), records.steps(appId, 100), records.state(appId).orElse(null),
                accounts.stream().map(AwsSide.ConnectedAccount::providerArn).toList(), policy, clock.instant(), side.testUserNames(appId));
    }

    private Optional<RotationKeys.KeyState> stateOf(String appId, KeyStatus status) {
        return rotation.states(appId).stream().filter(k -> k.status() == status).findFirst();
    }

    /** The application's connected accounts; none for an application that is not an AWS one. */
    private List<AwsSide.ConnectedAccount> connectedAccounts(String appId) {
        try {
            return side.connectedAccounts(appId);
        } catch (AwsSide.NoTarget e) {
            return List.of();
        }
    }
}
