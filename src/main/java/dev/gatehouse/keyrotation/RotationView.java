package dev.gatehouse.keyrotation;

import dev.gatehouse.apps.App;
import dev.gatehouse.keys.KeyStatus;
import dev.gatehouse.keys.RotationKeys;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One application's rotation as the console shows it: its keys, the timeline, the worker's retry state, the
 * connected providers (none: the steps are the admin's).
 *
 * @param state     the worker's row (failures, next attempt, last error, test user), or {@code null}
 * @param providers the provider ARNs of the connected accounts; empty without a connection
 * @param testUsers the active assigned users the live test may sign for
 */
public record RotationView(App app, List<RotationKeys.KeyState> keys, List<RotationRecords.Step> steps,
                           RotationRecords.State state, List<String> providers, RotationPolicy policy, Instant now,
                           List<String> testUsers) {

    public Optional<RotationKeys.KeyState> key(KeyStatus status) {
        return keys.stream().filter(k -> k.status() == status).findFirst();
    }

    /** An AWS application (the guide's template or an accounts catalog), whose steps by hand name IAM and its CLI. */
    public boolean aws() {
        return app.template() instanceof dev.gatehouse.apps.ExternalAwsAccountTemplate
                || app.template() instanceof dev.gatehouse.apps.AwsAccountCatalogTemplate;
    }

    public boolean connected() {
        return !providers.isEmpty();
    }

    /** Whole days until the active key expires (negative once it has). */
    public long activeDaysLeft() {
        return key(KeyStatus.ACTIVE).map(k -> Duration.between(now, k.notAfter()).toDays()).orElse(0L);
    }

    /** When the old key's grace period ends, or {@code null} without a passive key. */
    public Instant graceEnds() {
        return key(KeyStatus.PASSIVE).map(k -> k.statusSince().plus(policy.grace())).orElse(null);
    }

    public boolean graceOver() {
        Instant end = graceEnds();
        return end != null && !end.isAfter(now);
    }

    /** The AWS CLI command that uploads the metadata file by hand. */
    public String cliCommand() {
        return "aws iam update-saml-provider --saml-provider-arn arn:aws:iam::ACCOUNT_ID:saml-provider/PROVIDER_NAME "
                + "--saml-metadata-document file://metadata.xml";
    }

    public String testUser() {
        return state == null || state.testUser() == null ? "" : state.testUser();
    }

    public static String time(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
    }
}
