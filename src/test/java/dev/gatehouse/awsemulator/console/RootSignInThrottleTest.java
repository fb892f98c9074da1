package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** The emulated console's root sign-in is throttled per account id and per client address, like the portal's. */
class RootSignInThrottleTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T09:00:00Z"));
    private TestAwsEmulator aws;

    @BeforeEach
    void start() {
        aws = TestAwsEmulator.start(clock);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private HttpResponse<String> signIn(String accountId, String secret) {
        Http browser = Http.browser(aws.baseUrl());
        String csrf = Http.csrfOf(browser.get("/console/signin").body());
        return browser.postRaw("/console/signin", Map.of("_csrf", csrf, "accountId", accountId, "secretAccessKey", secret));
    }

    private static boolean startedSession(HttpResponse<String> r) {
        return r.statusCode() == 303 && r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("aws_console="));
    }

    @Test
    void afterFiveWrongSecretsForAnAccountEvenTheRightOneIsRefusedUntilTheWindowHasPassed() {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(ACCOUNT_ID, "wrong-secret-" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> refused = signIn(ACCOUNT_ID, TestAwsEmulator.SECRET);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Your authentication information is incorrect.");
        assertThat(startedSession(refused)).isFalse();

        clock.advance(Duration.ofMinutes(14));
        assertThat(startedSession(signIn(ACCOUNT_ID, TestAwsEmulator.SECRET))).isFalse();

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(startedSession(signIn(ACCOUNT_ID, TestAwsEmulator.SECRET))).isTrue();
    }

    @Test
    void afterTwentyFailuresFromOneAddressEveryAccountIsRefusedThere() {
        for (int i = 0; i < 20; i++) {
            // Four other account ids, five guesses each: no account reaches its own limit.
            assertThat(signIn("99999999999" + (i % 4), "guess-" + i).statusCode()).isEqualTo(401);
        }

        assertThat(startedSession(signIn(ACCOUNT_ID, TestAwsEmulator.SECRET))).isFalse();
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(startedSession(signIn(ACCOUNT_ID, TestAwsEmulator.SECRET))).isTrue();
    }

    @Test
    void parallelBurstOfWrongSecretsHasAtMostTheLimitEvaluated() throws Exception {
        int burst = 40;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(burst);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String secret = "burst-" + i;
                Http browser = Http.browser(aws.baseUrl());
                String csrf = Http.csrfOf(browser.get("/console/signin").body());
                answers.add(pool.submit(() -> {
                    go.await();
                    return browser.postRaw("/console/signin", Map.of("_csrf", csrf, "accountId", ACCOUNT_ID, "secretAccessKey", secret));
                }));
            }
            go.countDown();
            for (var answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(401);
            }
        } finally {
            pool.shutdownNow();
        }

        // A failed attempt keeps its reservation, a refused one removes it: the rows left are the attempts whose
        // secret was compared.
        int evaluated = aws.emulator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM console_signin_attempts WHERE counter_key = :k")
                .bind("k", "account:" + ACCOUNT_ID).mapTo(Integer.class).one());
        assertThat(evaluated).isBetween(0, 5);
        assertThat(startedSession(signIn(ACCOUNT_ID, TestAwsEmulator.SECRET))).isEqualTo(evaluated < 5);
    }

    @Test
    void refusedAttemptsDoNotExtendTheLockAndASuccessClearsTheAccountsFailures() {
        for (int i = 0; i < 4; i++) {
            signIn(ACCOUNT_ID, "wrong-" + i);
        }
        assertThat(startedSession(signIn(ACCOUNT_ID, TestAwsEmulator.SECRET))).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(signIn(ACCOUNT_ID, "again-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(startedSession(signIn(ACCOUNT_ID, TestAwsEmulator.SECRET))).as("4 failures since the success").isTrue();

        for (int i = 0; i < 5; i++) {
            signIn(ACCOUNT_ID, "locking-" + i);
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(signIn(ACCOUNT_ID, "while-locked").statusCode()).isEqualTo(401); // refused, not counted
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(startedSession(signIn(ACCOUNT_ID, TestAwsEmulator.SECRET))).isTrue();
    }
}
