package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** IAM's per-role quotas hold when requests arrive together: the role's row is locked while a quota is checked. */
class IamQuotaBurstTest {

    /** Runs every task at once (held at a latch) and returns how many succeeded; AwsError counts as a refusal. */
    private static int together(List<Callable<Void>> tasks) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                results.add(pool.submit(() -> {
                    gate.await();
                    try {
                        task.call();
                        return true;
                    } catch (AwsError e) {
                        assertThat(e.code()).isEqualTo("LimitExceeded");
                        return false;
                    }
                }));
            }
            gate.countDown();
            int ok = 0;
            for (Future<Boolean> f : results) {
                ok += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void fiftyTagsAndTheInlineSizeQuotaHoldUnderABurst(TestDatabase.Kind kind) throws Exception {
        try (TestAwsEmulator aws = TestAwsEmulator.start(kind)) {
            IamService iam = aws.iam();
            IamRole role = iam.createRole(ACCOUNT_ID, "Burst", "/", IamRolePoliciesCliTest.TRUST, null, null);
            List<Callable<Void>> tagging = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<IamTag> ten = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    ten.add(new IamTag("t" + t + "k" + i, "v"));
                }
                tagging.add(() -> {
                    iam.tagResource(role.arn(), ten, "TagsPerRole");
                    return null;
                });
            }
            assertThat(together(tagging)).isEqualTo(5);
            assertThat(iam.listTags(role.arn())).hasSize(50);

            // Each document has about 4,000 characters: two fit in 10,240, a third does not.
            String big = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                    + "b".repeat(4_000) + "\"}}";
            List<Callable<Void>> inline = new ArrayList<>();
            for (int p = 0; p < 6; p++) {
                String name = "P" + p;
                inline.add(() -> {
                    iam.putRolePolicy(ACCOUNT_ID, "Burst", name, big);
                    return null;
                });
            }
            assertThat(together(inline)).isEqualTo(2);
            assertThat(iam.listRolePolicies(ACCOUNT_ID, "Burst")).hasSize(2);
        }
    }
}
