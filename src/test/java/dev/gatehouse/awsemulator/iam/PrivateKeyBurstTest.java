package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.TestIdpMetadata;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.samlxml.TestEncryption;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SAML provider's two-key limit holds when AddPrivateKey calls arrive together: the provider's row is locked while
 * its keys are counted, so eight at once leave exactly two keys and six LimitExceeded, on H2 and PostgreSQL.
 */
class PrivateKeyBurstTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void eightAddPrivateKeysAtOnceLeaveExactlyTwo(TestDatabase.Kind kind) throws Exception {
        try (TestAwsEmulator aws = TestAwsEmulator.start(kind)) {
            IamService iam = aws.iam();
            String arn = iam.createSamlProvider(ACCOUNT_ID, "Burst", TestIdpMetadata.metadata("https://idp.example.test/burst")).arn();
            List<String> pems = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                pems.add(TestEncryption.privateKeyPem(TestEncryption.keyPair("burst " + i)));
            }
            CountDownLatch gate = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(pems.size());
            int added = 0;
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (String pem : pems) {
                    results.add(pool.submit(() -> {
                        gate.await();
                        try {
                            iam.updateSamlProvider(arn, null, "Allowed", pem, null);
                            return true;
                        } catch (AwsError e) {
                            assertThat(e.code()).isEqualTo("LimitExceeded");
                            return false;
                        }
                    }));
                }
                gate.countDown();
                for (Future<Boolean> f : results) {
                    added += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(added).isEqualTo(2);
            assertThat(iam.getSamlProvider(arn).privateKeys()).hasSize(2);
            assertThat(iam.getSamlProvider(arn).encryptionMode()).isEqualTo("Allowed");
        }
    }
}
