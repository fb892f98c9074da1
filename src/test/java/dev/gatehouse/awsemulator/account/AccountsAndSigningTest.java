package dev.gatehouse.awsemulator.account;

import dev.gatehouse.awsemulator.AwsEmulator;
import dev.gatehouse.awsemulator.EmulatorConfig;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountsAndSigningTest {

    @Test
    void rootCredentialsFromEnvironmentValueAreCreatedIdempotently(@TempDir Path dir) {
        List<RootCredential> roots = EmulatorConfig.parseRootCredentials(
                "111122223333:AKIAFIRSTKEY00000001:secretNumberOne/abcdefgh, 444455556666:AKIASECONDKEY0000002:secretNumberTwo+abcdefgh");
        assertThat(roots).extracting(RootCredential::accountId).containsExactly("111122223333", "444455556666");
        EmulatorConfig config = EmulatorConfig.of(0, dir, null, null, roots);
        AwsEmulator.start(config).close();
        try (AwsEmulator again = AwsEmulator.start(config)) {
            assertThat(again.accounts().list()).extracting(Account::accountId).containsExactly("111122223333", "444455556666");
            assertThat(again.accounts().findRoot("AKIASECONDKEY0000002")).map(RootCredential::secretAccessKey).hasValue("secretNumberTwo+abcdefgh");
        }
    }

    @Test
    void malformedEnvironmentEntryIsRefusedWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> EmulatorConfig.parseRootCredentials("12345:AKIAFIRSTKEY00000001:topSecretValue123456"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 1").hasMessageNotContaining("topSecretValue");
    }

    @Test
    void createdAccountHasTwelveDigitIdAndAkiaKey(@TempDir Path dir) {
        try (AwsEmulator emulator = AwsEmulator.start(EmulatorConfig.of(0, dir, null, null, List.of()))) {
            RootCredential root = emulator.accounts().create(null);
            assertThat(root.accountId()).matches("\\d{12}");
            assertThat(root.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
            assertThat(root.secretAccessKey()).hasSize(40);
            assertThat(root.toString()).doesNotContain(root.secretAccessKey());
        }
    }

    @Test
    void requestSignedTwentyMinutesAwayFromServerClockThenSignatureExpired() {
        try (TestAwsEmulator aws = TestAwsEmulator.start(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)));
             IamClient iam = IamClient.builder().endpointOverride(URI.create(aws.baseUrl())).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET))).build()) {
            assertThatThrownBy(iam::listRoles).isInstanceOf(IamException.class)
                    .satisfies(e -> assertThat(((IamException) e).awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"))
                    .hasMessageContaining("Signature expired");
        }
    }

    @Test
    void requestSignedTenMinutesAwayFromServerClockIsAccepted() {
        try (TestAwsEmulator aws = TestAwsEmulator.start(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
             IamClient iam = IamClient.builder().endpointOverride(URI.create(aws.baseUrl())).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET))).build()) {
            assertThat(iam.listRoles().roles()).isEmpty();
        }
    }
}
