package dev.gatehouse.keyrotation;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsside.AwsApiClient;
import dev.gatehouse.awsside.AwsConnection;
import dev.gatehouse.awsside.AwsSide;
import dev.gatehouse.awsside.AwsSideFixtures;
import dev.gatehouse.awsside.ProviderPush;
import dev.gatehouse.keys.KeyStatus;
import dev.gatehouse.keys.SigningKey;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation through an account connection, against the emulated account: launches run in three threads through
 * every step (next key, push, test sign-in, promotion, the grace period, the old certificate's removal) and none
 * fails; a next key the account does not hold fails its test sign-in and is not promoted until it does.
 */
class RotationWithConnectionTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRotationCompletesWithNoFailedLaunchDuringIt(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (RotationScenario s = new RotationScenario(kind)) {
            s.setUpAccount(s.aws, dir);
            AwsSideFixtures.connect(s.ic, s.aws, s.app);
            String first = s.keyId(KeyStatus.ACTIVE);
            int total;
            try (Launches launches = new Launches(s, 3)) {
                launches.awaitMore(5);
                String next = s.rotation().startNow("root", s.app);
                launches.awaitMore(5);

                s.rotation().tick(); // push ACTIVE+NEXT, test-sign-in with NEXT, promote
                assertThat(s.keyId(KeyStatus.ACTIVE)).isEqualTo(next);
                assertThat(s.keyId(KeyStatus.PASSIVE)).isEqualTo(first);
                // Past the launch path's cache re-check, so launches sign with the new key from here.
                launches.betweenLaunches(() -> s.clock.advance(Duration.ofSeconds(10)));
                launches.awaitMore(5);

                s.rotation().tick(); // within the grace period: nothing to do
                assertThat(s.keyId(KeyStatus.PASSIVE)).isEqualTo(first);
                launches.betweenLaunches(() -> s.clock.advance(RotationPolicy.DEFAULT.grace().plusMinutes(1)));
                launches.awaitMore(5);

                s.rotation().tick(); // the metadata without the old key goes to AWS; the old key retires
                assertThat(s.keys()).filteredOn(k -> k.id().equals(first)).singleElement()
                        .satisfies(k -> assertThat(k.status()).isEqualTo(KeyStatus.RETIRED));
                launches.awaitMore(5);
                launches.close();
                assertThat(launches.failed()).isEmpty();
                assertThat(launches.failures()).isZero();
                total = launches.successes();
            }
            assertThat(total).isGreaterThanOrEqualTo(25);
            System.out.println("Launches during the rotation on " + kind + ": " + total + " succeeded, 0 failed");

            // What AWS holds at the end: exactly the new certificate.
            SigningKey active = s.ic.center().services().keys().activeKey(s.app);
            AwsConnection connection = new AwsConnection(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET, "us-east-1",
                    s.aws.baseUrl(), s.aws.baseUrl(), s.aws.baseUrl(), null);
            Set<String> held = new ProviderPush(new AwsApiClient(s.clock)).certificates(
                    new AwsSide.ConnectedAccount(RotationScenario.ACCOUNT, RotationScenario.PROVIDER_ARN, List.of(), connection));
            assertThat(held).containsExactly(Base64.getEncoder().encodeToString(active.certificate().getEncoded()));

            List<String> steps = s.rotation().view(s.app).steps().stream().map(RotationRecords.Step::step).toList();
            assertThat(steps).containsExactly("RETIRED", "REMOVAL_PUSHED", "PROMOTED", "TESTED", "PUSHED", "NEXT_CREATED");
            assertThat(s.rotation().view(s.app).steps()).allSatisfy(step -> assertThat(step.ok()).isTrue());
            assertThat(s.ic.center().services().audit().recent(500)).extracting(e -> e.type())
                    .contains("KEY_ROTATION_NEXT_CREATED", "KEY_ROTATION_PUSHED", "KEY_ROTATION_TESTED",
                            "KEY_ROTATION_PROMOTED", "KEY_ROTATION_REMOVAL_PUSHED", "KEY_ROTATION_RETIRED", "TEST_ASSERTION");
        }
    }

    @Test
    void aNextKeyTheAccountDoesNotHoldFailsItsTestAndIsNotPromoted(@TempDir Path dir) throws Exception {
        try (RotationScenario s = new RotationScenario(TestIdentityCenter.defaultKind());
             TestAwsEmulator elsewhere = TestAwsEmulator.start(s.clock)) {
            s.setUpAccount(s.aws, dir);
            s.setUpAccount(elsewhere, dir);
            // A connection whose IAM endpoint is another account: the push lands there, sign-ins happen here.
            connect(s, elsewhere.baseUrl(), s.aws.baseUrl());
            String first = s.keyId(KeyStatus.ACTIVE);
            String next = s.rotation().startNow("root", s.app);

            s.rotation().tick();
            assertThat(s.keyId(KeyStatus.ACTIVE)).isEqualTo(first);
            assertThat(s.keyId(KeyStatus.NEXT)).isEqualTo(next);
            RotationView view = s.rotation().view(s.app);
            assertThat(view.steps().get(0).step()).isEqualTo("TESTED");
            assertThat(view.steps().get(0).ok()).isFalse();
            assertThat(view.state().failures()).isEqualTo(1);
            assertThat(view.state().lastError()).contains("AssumeRoleWithSAML").contains("InvalidIdentityToken");
            assertThat(s.ic.center().services().audit().recent(50)).extracting(e -> e.type())
                    .contains("KEY_ROTATION_TEST_FAILED", "KEY_ROTATION_FAILED").doesNotContain("KEY_ROTATION_PROMOTED");

            TestData.admin(s.ic, "root");
            Http admin = Http.browser(s.ic.baseUrl());
            admin.get("/admin/login");
            admin.post("/admin/login", Map.of("username", "root", "password", TestData.PASSWORD));
            assertThat(admin.get("/admin/apps/" + s.app + "/rotation").body()).contains("id=\"last-error\"").contains("InvalidIdentityToken");

            connect(s, s.aws.baseUrl(), s.aws.baseUrl()); // fixed
            s.rotation().tick(); // still backing off
            assertThat(s.keyId(KeyStatus.NEXT)).isEqualTo(next);
            s.clock.advance(RotationRecords.FIRST_RETRY.plusSeconds(1));
            s.rotation().tick();
            assertThat(s.keyId(KeyStatus.ACTIVE)).isEqualTo(next);
            assertThat(s.rotation().view(s.app).state().failures()).isZero();
        }
    }

    @Test
    void checkSetupTestSignsInAsTheChosenUserAndRefusesOthers(@TempDir Path dir) throws Exception {
        try (RotationScenario s = new RotationScenario(TestIdentityCenter.defaultKind())) {
            s.setUpAccount(s.aws, dir);
            AwsSideFixtures.connect(s.ic, s.aws, s.app);
            HttpResponse<String> checked = s.ic.send(s.ic.admin("/api/apps/" + s.app + "/checks?testUser=bob").build());
            assertThat(checked.statusCode()).isEqualTo(200);
            assertThat(checked.body()).contains("\"check\":\"test-sign-in\",\"severity\":\"OK\"").contains("as bob into " + RotationScenario.ROLE_ARN);
            // The assertion made in bob's name is audited as the administrator's act, naming bob.
            assertThat(s.ic.center().services().audit().recent(20)).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("TEST_ASSERTION");
                assertThat(e.actor()).isNotEqualTo("bob");
                assertThat(e.detail()).contains("for=bob");
            });
            assertThat(s.ic.send(s.ic.admin("/api/apps/" + s.app + "/checks").build()).body()).doesNotContain("test-sign-in");
            HttpResponse<String> stranger = s.ic.send(s.ic.admin("/api/apps/" + s.app + "/checks?testUser=mallory").build());
            assertThat(stranger.statusCode()).isEqualTo(409);
            assertThat(stranger.body()).contains("mallory is not an active user assigned");
            // A promotion by hand is refused while the connection does it.
            s.rotation().startNow("root", s.app);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.rotation().promoteByHand("root", s.app))
                    .isInstanceOf(KeyRotation.Refused.class).hasMessageContaining("connected");
            assertThat(s.keyId(KeyStatus.NEXT)).isNotNull();
        }
    }

    @Test
    void aRotationAtOnceIsPushedToTheAccountSoLaunchesKeepLanding(@TempDir Path dir) throws Exception {
        try (RotationScenario s = new RotationScenario(TestIdentityCenter.defaultKind())) {
            s.setUpAccount(s.aws, dir);
            AwsSideFixtures.connect(s.ic, s.aws, s.app);
            String first = s.keyId(KeyStatus.ACTIVE);
            try (Launches launches = new Launches(s, 2)) {
                launches.awaitMore(3);
                HttpResponse<String> rotated = s.ic.send(s.ic.admin("/api/apps/" + s.app + "/signing-keys")
                        .POST(HttpRequest.BodyPublishers.noBody()).build());
                assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
                assertThat(rotated.body()).contains("\"pushed\":true").contains("\"connectedAccounts\":1").doesNotContain("pushFailure");
                // Past the launch path's cache re-check: launches now sign with the new key, which AWS already holds.
                launches.betweenLaunches(() -> s.clock.advance(Duration.ofSeconds(10)));
                launches.awaitMore(5);
                launches.close();
                assertThat(launches.failures()).isZero();
            }
            String fresh = s.keyId(KeyStatus.ACTIVE);
            assertThat(fresh).isNotEqualTo(first);
            assertThat(s.keyId(KeyStatus.PASSIVE)).isEqualTo(first);
            AwsConnection connection = new AwsConnection(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET, "us-east-1",
                    s.aws.baseUrl(), s.aws.baseUrl(), s.aws.baseUrl(), null);
            assertThat(new ProviderPush(new AwsApiClient(s.clock)).certificates(
                    new AwsSide.ConnectedAccount(RotationScenario.ACCOUNT, RotationScenario.PROVIDER_ARN, List.of(), connection)))
                    .hasSize(2).contains(Base64.getEncoder().encodeToString(s.ic.center().services().keys().activeKey(s.app)
                            .certificate().getEncoded()));
            assertThat(s.rotation().view(s.app).steps().stream().map(RotationRecords.Step::step).toList())
                    .containsExactly("PROMOTED", "TESTED", "PUSHED", "NEXT_CREATED");

            // With the connection's key gone bad, the new key waits unpublished at AWS, the old one keeps signing,
            // and the response says why.
            connect(s, s.aws.baseUrl(), s.aws.baseUrl(), "wrongSecretKey/abcdefghijklmnopqrstuvwxyz12");
            HttpResponse<String> refused = s.ic.send(s.ic.admin("/api/apps/" + s.app + "/signing-keys")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(refused.statusCode()).isEqualTo(201);
            assertThat(refused.body()).contains("\"pushed\":false").contains("SignatureDoesNotMatch");
            assertThat(s.keyId(KeyStatus.ACTIVE)).isEqualTo(fresh);
            assertThat(s.keyId(KeyStatus.NEXT)).isNotNull();
            assertThat(s.ic.center().services().audit().recent(20)).anySatisfy(e -> assertThat(e.type()).isEqualTo("KEY_ROTATION_FAILED"));
        }
    }

    private static void connect(RotationScenario s, String iam, String sts) {
        connect(s, iam, sts, TestAwsEmulator.SECRET);
    }

    private static void connect(RotationScenario s, String iam, String sts, String secret) {
        HttpResponse<String> r = s.ic.send(s.ic.admin("/api/apps/" + s.app + "/aws-connection").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessKeyId\":\"" + TestAwsEmulator.ACCESS_KEY_ID + "\",\"secretAccessKey\":\""
                        + secret + "\",\"iamEndpoint\":\"" + iam + "\",\"stsEndpoint\":\"" + sts
                        + "\",\"cloudTrailEndpoint\":\"" + sts + "\"}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
