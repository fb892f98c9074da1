package dev.gatehouse.keyrotation;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsside.AwsSideFixtures;
import dev.gatehouse.directory.User;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.keys.KeyStatus;
import dev.gatehouse.keys.RotationKeys;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.MovableClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the rotation tests share: an emulated account and an identity center on one movable clock (the worker
 * off: tests tick it), a guide instance with alice and bob assigned, its account set up by its own bundle script.
 */
final class RotationScenario implements AutoCloseable {
    static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Rotated";
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/RotatedRole";

    final MovableClock clock = new MovableClock(Instant.now());
    final TestAwsEmulator aws;
    final TestIdentityCenter ic;
    final String app;

    RotationScenario(TestDatabase.Kind kind) {
        aws = TestAwsEmulator.start(clock);
        // Sessions outlive the grace period the clock jumps over; the worker ticks only when the test says.
        ic = TestIdentityCenter.start(kind, c -> new IdentityCenterConfig(c.port(), c.dataDir(), c.jdbcUrl(), c.baseUrl(),
                c.adminToken(), Duration.ofDays(30), c.masterKeyFile(), c.bindAddress(), Duration.ZERO,
                RotationPolicy.DEFAULT.withInterval(Duration.ZERO)), clock);
        User alice = TestData.user(ic, "alice", "alice@example.com");
        User bob = TestData.user(ic, "bob", "bob@example.com");
        Applications apps = ic.center().services().applications();
        app = apps.create("test", new AppInput("external-aws-account", "Rotated account", null, aws.baseUrl() + "/saml",
                null, null, null)).app().id();
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, alice.id());
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, bob.id());
        apps.replaceMappings("test", app, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, ROLE_ARN + "," + PROVIDER_ARN, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified")));
    }

    /** Runs the instance's bundle script in {@code account} with the AWS CLI, as the admin would. */
    void setUpAccount(TestAwsEmulator account, Path dir) throws Exception {
        Path script = Files.createTempFile(dir, "setup", ".sh");
        Files.writeString(script, ic.send(ic.admin("/api/apps/" + app + "/aws-bundle/script").build()).body());
        assertThat(AwsSideFixtures.runScript(account, script, "").exitCode()).isZero();
    }

    KeyRotation rotation() {
        return ic.center().services().keyRotation();
    }

    List<RotationKeys.KeyState> keys() {
        return rotation().view(app).keys();
    }

    String keyId(KeyStatus status) {
        return keys().stream().filter(k -> k.status() == status).map(RotationKeys.KeyState::id).findFirst().orElse(null);
    }

    @Override
    public void close() {
        ic.close();
        aws.close();
    }
}
