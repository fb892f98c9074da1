package dev.gatehouse.keyrotation;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.keys.KeyStatus;
import dev.gatehouse.keys.RotationKeys;
import dev.gatehouse.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation of an "AWS accounts" catalog with two connected accounts: the next key is promoted only once both
 * accounts hold it (one account refusing the push holds it back), and after the grace period both providers hold
 * exactly the new certificate.
 */
class RotationCatalogTest {
    private static final String FIRST = TestAwsEmulator.ACCOUNT_ID;
    private static final String SECOND = "210987654321";

    @Test
    void everyConnectedAccountMustHoldTheNextKeyBeforeItIsActive() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        try (TestAwsEmulator aws = TestAwsEmulator.start(clock);
             TestIdentityCenter ic = TestIdentityCenter.start(TestIdentityCenter.defaultKind(), c -> c.withKeyRotation(
                     RotationPolicy.DEFAULT.withInterval(Duration.ZERO)), clock)) {
            RootCredential second = aws.emulator().accounts().create(SECOND);
            String app = ic.center().services().applications().create("test", new AppInput("aws-account-catalog", "Accounts",
                    null, null, null, null, null)).app().id();
            AwsCatalog catalog = ic.center().services().catalog();
            String metadata = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps/" + app + "/saml-metadata")).build()).body();
            for (String account : new String[] {FIRST, SECOND}) {
                catalog.putAccount("test", app, account, new AwsCatalog.AccountInput("Account " + account, "Gatehouse",
                        aws.baseUrl() + "/saml", null));
                aws.iam().createSamlProvider(account, "Gatehouse", metadata);
            }
            connect(ic, aws, app, FIRST, TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET);
            connect(ic, aws, app, SECOND, second.accessKeyId(), "not-the-secret");
            KeyRotation rotation = ic.center().services().keyRotation();
            String first = ic.center().services().keys().activeKey(app).id();
            String next = rotation.startNow("root", app);

            rotation.tick(); // the second account refuses the push: nothing is promoted
            assertThat(status(rotation, app, next)).isEqualTo(KeyStatus.NEXT);
            assertThat(rotation.view(app).state().lastError()).contains("UpdateSAMLProvider arn:aws:iam::" + SECOND);

            connect(ic, aws, app, SECOND, second.accessKeyId(), second.secretAccessKey());
            clock.advance(RotationRecords.FIRST_RETRY.plusSeconds(1));
            rotation.tick();
            assertThat(status(rotation, app, next)).isEqualTo(KeyStatus.ACTIVE);
            for (String account : new String[] {FIRST, SECOND}) {
                assertThat(held(aws, account)).hasSize(2);
            }

            clock.advance(RotationPolicy.DEFAULT.grace().plusMinutes(1));
            rotation.tick();
            assertThat(status(rotation, app, first)).isEqualTo(KeyStatus.RETIRED);
            String fresh = Base64.getEncoder().encodeToString(ic.center().services().keys().activeKey(app).certificate().getEncoded());
            for (String account : new String[] {FIRST, SECOND}) {
                assertThat(held(aws, account)).containsExactly(fresh);
            }
        }
    }

    private static KeyStatus status(KeyRotation rotation, String app, String keyId) {
        return rotation.view(app).keys().stream().filter(k -> k.id().equals(keyId)).map(RotationKeys.KeyState::status).findFirst().orElseThrow();
    }

    private static List<String> held(TestAwsEmulator aws, String account) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (X509Certificate c : aws.iam().getSamlProvider("arn:aws:iam::" + account + ":saml-provider/Gatehouse").signingCertificates()) {
            out.add(Base64.getEncoder().encodeToString(c.getEncoded()));
        }
        return out;
    }

    private static void connect(TestIdentityCenter ic, TestAwsEmulator aws, String app, String account, String key, String secret) {
        HttpResponse<String> r = ic.send(ic.admin("/api/apps/" + app + "/aws-connection?account=" + account)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"accessKeyId\":\"" + key
                        + "\",\"secretAccessKey\":\"" + secret + "\",\"iamEndpoint\":\"" + aws.baseUrl() + "\",\"stsEndpoint\":\""
                        + aws.baseUrl() + "\",\"cloudTrailEndpoint\":\"" + aws.baseUrl() + "\"}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
