package dev.gatehouse.signin;

import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.storage.Database;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.MovableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A challenge's attempts on its own, without the sign-in throttle (whose limit happens to be 5 as well): 40
 * threads reserving at once on H2 and on PostgreSQL get exactly 5 between them.
 */
class ChallengeAttemptsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void fortyParallelReservationsOnOneChallengeGetExactlyFive(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir); Database database = Database.open(db.url(), "identity")) {
            MovableClock clock = new MovableClock(Instant.parse("2030-01-02T03:04:10Z"));
            RandomIds ids = new RandomIds(new SecureRandom());
            User alice = new UserStore(database.jdbi(), clock, ids)
                    .create(new UserDraft("alice", null, null, null, null, true, false), null);
            ChallengeStore challenges = new ChallengeStore(database.jdbi(), clock);
            String token = ids.token();
            challenges.create(token, alice.id(), "PORTAL", null, clock.instant().plus(Duration.ofMinutes(5)));
            String id = challenges.find(token).orElseThrow().id();

            int taken = reserveInParallel(challenges, id, 40);

            assertThat(taken).isEqualTo(SignInFlow.MAX_CODE_ATTEMPTS);
            assertThat(challenges.find(token).orElseThrow().attempts()).isEqualTo(SignInFlow.MAX_CODE_ATTEMPTS);
        }
    }

    private static int reserveInParallel(ChallengeStore challenges, String id, int n) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return challenges.reserveAttempt(id, SignInFlow.MAX_CODE_ATTEMPTS);
                }));
            }
            gate.countDown();
            int taken = 0;
            for (Future<Boolean> f : futures) {
                taken += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            return taken;
        } finally {
            pool.shutdownNow();
        }
    }
}
