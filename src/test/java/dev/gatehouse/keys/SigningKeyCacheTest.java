package dev.gatehouse.keys;

import dev.gatehouse.testing.MovableClock;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.storage.Database;
import dev.gatehouse.storage.TestDatabase;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two key stores on one database stand for two nodes. The second node sees a rotation made by the first: at once
 * in metadata, and for launches after the recheck interval, while launches in between cost no query at all.
 */
class SigningKeyCacheTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rotationOnOneNodeIsSeenByTheOtherWithoutAQueryPerLaunch(TestDatabase.Kind kind) {
        try (TestIdentityCenter ic = TestIdentityCenter.start(kind);
             Database second = Database.open(ic.center().config().jdbcUrl(), "identity")) {
            String appId = TestData.awsApp(ic, "Shared", "https://signin.aws.amazon.com/saml");
            SigningKeyStore nodeA = ic.center().services().keys();
            AtomicInteger queries = new AtomicInteger();
            second.jdbi().setSqlLogger(new SqlLogger() {
                @Override
                public void logBeforeExecution(StatementContext context) {
                    queries.incrementAndGet();
                }
            });
            MovableClock clock = new MovableClock(Instant.now());
            MasterKey master = MasterKey.resolve(null, null, ic.dataDir(), new SecureRandom());
            SigningKeyStore nodeB = new SigningKeyStore(second.jdbi(), clock, new SecureRandom(), master, Duration.ofSeconds(5));
            String original = nodeB.activeKey(appId).id();

            queries.set(0);
            for (int i = 0; i < 100; i++) {
                assertThat(nodeB.activeKey(appId).id()).isEqualTo(original);
            }
            assertThat(queries.get()).as("queries for 100 launches within the recheck interval").isZero();

            String rotated = nodeA.createActiveKey(appId, "Shared (" + appId + ")").id();
            assertThat(nodeB.activeKey(appId).id()).as("within the interval: the previous key, still published").isEqualTo(original);

            clock.advance(Duration.ofSeconds(6));
            queries.set(0);
            assertThat(nodeB.activeKey(appId).id()).isEqualTo(rotated);
            assertThat(queries.get()).as("a version read and the reload of the changed keys").isEqualTo(2);
            queries.set(0);
            clock.advance(Duration.ofSeconds(6));
            assertThat(nodeB.activeKey(appId).id()).isEqualTo(rotated);
            assertThat(queries.get()).as("unchanged keys: the version read only").isEqualTo(1);

            String again = nodeA.createActiveKey(appId, "Shared (" + appId + ")").id();
            assertThat(nodeB.publishedKeys(appId).get(0).id()).as("metadata is always current").isEqualTo(again);
            assertThat(nodeB.activeKey(appId).id()).as("and refreshes what launches use").isEqualTo(again);
        }
    }
}
