package dev.gatehouse.keyrotation;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.awsside.AwsApiClient;
import dev.gatehouse.awsside.AwsErrorDecoder;
import dev.gatehouse.awsside.AwsSide;
import dev.gatehouse.awsside.ProviderPush;
import dev.gatehouse.awsside.TestSignIn;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.keys.KeyStatus;
import dev.gatehouse.keys.RotationKeys;
import dev.gatehouse.keys.SigningKey;
import dev.gatehouse.keys.SigningKeyStore;

import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The steps of a rotation with a connection, for one application this node has claimed: push the metadata holding
 * the active and next keys to every connected account with UpdateSAMLProvider; test-sign-in with the next key in
 * each; only when every account passes, promote it. After the grace period, push the metadata without the old key
 * and retire it. Every step is idempotent (a repeated push writes the same document; promotion and retirement are
 * conditional UPDATEs), recorded on the timeline and audited; a failure leaves the keys as they were. Thread-safe.
 */
final class AwsRotationSteps {
    static final String ACTOR = "key-rotation";

    private final SigningKeyStore keys;
    private final RotationKeys rotation;
    private final AwsSide side;
    private final ProviderPush push;
    private final RotationRecords records;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration grace;

    AwsRotationSteps(SigningKeyStore keys, RotationKeys rotation, AwsSide side, ProviderPush push, RotationRecords records,
                     AuditLog audit, Clock clock, Duration grace) {
        this.keys = keys;
        this.rotation = rotation;
        this.side = side;
        this.push = push;
        this.records = records;
        this.audit = audit;
        this.clock = clock;
        this.grace = grace;
    }

    /** Whether {@code appId} has work for the connected path now: a NEXT key, or a PASSIVE key past its grace. */
    boolean hasWork(String appId) {
        Instant now = clock.instant();
        return rotation.states(appId).stream().anyMatch(k -> k.status() == KeyStatus.NEXT
                || (k.status() == KeyStatus.PASSIVE && !k.statusSince().plus(grace).isAfter(now)));
    }

    /** One attempt at the next step for a claimed application; records success or failure on its row. */
    void advance(String appId, List<AwsSide.ConnectedAccount> accounts) {
        // The keys this run works from; every push and promotion first checks they are still those, since a run that
        // outlived its lease (slow accounts) must not push metadata another node's promotion has made stale.
        long version = keys.keySetVersion(appId);
        List<SigningKey> published = keys.publishedKeys(appId);
        Optional<SigningKey> next = published.stream().filter(k -> k.status() == KeyStatus.NEXT).findFirst();
        String failure;
        if (next.isPresent()) {
            failure = pushAll(appId, next.get().id(), accounts, side.metadata(appId, published), "PUSHED", version);
            if (failure == null) {
                failure = testAll(appId, next.get(), accounts);
            }
            if (failure == null) {
                failure = unchanged(appId, version);
            }
            if (failure == null) {
                String before = published.get(0).id();
                if (rotation.promote(appId, next.get().id())) {
                    records.step(appId, next.get().id(), "PROMOTED", true, "The next key is active; " + before
                            + " stays published as passive until " + clock.instant().plus(grace).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".");
                    audit.recordChange(ACTOR, "KEY_ROTATION_PROMOTED", appId, Map.of("active", before),
                            Map.of("active", next.get().id(), "passive", before));
                }
            }
        } else {
            Instant now = clock.instant();
            Set<String> expired = rotation.states(appId).stream().filter(k -> k.status() == KeyStatus.PASSIVE
                    && !k.statusSince().plus(grace).isAfter(now)).map(RotationKeys.KeyState::id).collect(Collectors.toSet());
            if (expired.isEmpty()) {
                records.succeeded(appId);
                return;
            }
            List<SigningKey> kept = published.stream().filter(k -> !expired.contains(k.id())).toList();
            failure = pushAll(appId, String.join(",", expired), accounts, side.metadata(appId, kept), "REMOVAL_PUSHED", version);
            if (failure == null) {
                failure = unchanged(appId, version);
            }
            if (failure == null) {
                for (String id : expired) {
                    if (rotation.retire(appId, id)) {
                        records.step(appId, id, "RETIRED", true, "The old certificate is out of the metadata and of every connected account.");
                        audit.recordChange(ACTOR, "KEY_ROTATION_RETIRED", appId, Map.of("passive", id), Map.of("retired", id));
                    }
                }
            }
        }
        if (failure == null) {
            records.succeeded(appId);
        } else {
            records.failed(appId, failure);
            audit.record(ACTOR, "KEY_ROTATION_FAILED", appId, failure);
        }
    }

    /** {@code null} while the application's keys are as this run read them; else why the run stops here. */
    private String unchanged(String appId, long version) {
        return keys.keySetVersion(appId) == version ? null
                : "The keys changed while this step ran (another node or an administrator): it starts again from them.";
    }

    private String pushAll(String appId, String keyId, List<AwsSide.ConnectedAccount> accounts, String metadata, String step,
                           long version) {
        for (AwsSide.ConnectedAccount account : accounts) {
            String changed = unchanged(appId, version);
            if (changed != null) {
                return changed;
            }
            try {
                push.push(account, metadata);
                records.step(appId, keyId, step, true, "UpdateSAMLProvider " + account.providerArn() + " in account " + account.accountId() + ".");
                audit.record(ACTOR, "KEY_ROTATION_" + step, appId, "key=" + keyId + " provider=" + account.providerArn());
            } catch (AwsApiClient.AwsApiError e) {
                String text = "UpdateSAMLProvider " + account.providerArn() + " failed: " + e.quoted() + hint(e.quoted());
                records.step(appId, keyId, step, false, text);
                return text;
            }
        }
        return null;
    }

    private String testAll(String appId, SigningKey next, List<AwsSide.ConnectedAccount> accounts) {
        String chosen = records.state(appId).map(RotationRecords.State::testUser).orElse(null);
        boolean catalog = !side.catalogTargets(appId).isEmpty();
        for (AwsSide.ConnectedAccount account : accounts) {
            String text;
            boolean ok;
            if (catalog || account.roles().size() != 1) {
                // A catalog account: no one role every user may sign into; AWS holding the certificate is the test.
                String problem = holds(account, next);
                ok = problem == null;
                text = ok ? "GetSAMLProvider " + account.providerArn() + " holds the next certificate." : problem;
            } else {
                Optional<UserClaims> user = side.testUser(appId, chosen);
                if (user.isEmpty()) {
                    ok = false;
                    text = chosen == null ? "No active user is assigned: the next key cannot be tested. Assign one."
                            : "The test user " + chosen + " is not an active assigned user: choose another.";
                } else {
                    TestSignIn.Result result = side.testSignIn(appId, account, user.get(), next, ACTOR);
                    ok = result.ok();
                    // The decoder's causes are about setting an account up; here the likely one is the pushed
                    // metadata not being what STS reads (another account, another provider), so say that.
                    text = result.ok() ? result.message() : result.message()
                            + " (the account's STS does not accept the next key: check that the connection's IAM endpoint is the same account)";
                }
            }
            records.step(appId, next.id(), "TESTED", ok, text);
            audit.record(ACTOR, ok ? "KEY_ROTATION_TESTED" : "KEY_ROTATION_TEST_FAILED", appId, "key=" + next.id() + " " + text);
            if (!ok) {
                return text;
            }
        }
        return null;
    }

    /** {@code null} when the account's provider holds {@code key}'s certificate, else what is wrong. */
    private String holds(AwsSide.ConnectedAccount account, SigningKey key) {
        String certificate;
        try {
            certificate = Base64.getEncoder().encodeToString(key.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        try {
            return push.certificates(account).contains(certificate) ? null
                    : "GetSAMLProvider " + account.providerArn() + " does not hold the next certificate.";
        } catch (AwsApiClient.AwsApiError e) {
            return "GetSAMLProvider " + account.providerArn() + " failed: " + e.quoted() + hint(e.quoted());
        }
    }

    /** The error decoder's first likely cause, so the timeline says what to fix. */
    private static String hint(String awsError) {
        return AwsErrorDecoder.decode(awsError).stream().flatMap(d -> d.causes().stream()).findFirst()
                .map(c -> " (likely: " + c.cause() + ")").orElse("");
    }
}
