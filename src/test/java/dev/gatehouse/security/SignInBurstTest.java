package dev.gatehouse.security;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parallel password guesses against one account: the throttle reserves each attempt in the database before the
 * Argon2id check, so a burst evaluates at most the limit (5) however it is timed. Evaluations are counted from the
 * audit log, which records every checked password as {@code wrong-password} (or a sign-in) and every refusal
 * before the check as {@code throttled}.
 */
class SignInBurstTest {
    static final String WRONG = "not the password at all";
    static final int LIMIT = 5;

    private ClockedCenter ic;

    @BeforeEach
    void start() {
        ic = ClockedCenter.start();
        ic.user("alice");
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void burstOfFiftyNineWrongPasswordsEvaluatesOnlyTheLimitAndTheRightOneAfterwardsIsRefused() throws Exception {
        List<HttpResponse<String>> answers = burst(ic.baseUrl(), 59, i -> WRONG);

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(401);
        assertThat(reasons(ic.audit("SIGN_IN_FAILED"), "wrong-password")).isEqualTo(LIMIT);
        assertThat(reasons(ic.audit("SIGN_IN_FAILED"), "throttled")).isEqualTo(59 - LIMIT);

        HttpResponse<String> right = burst(ic.baseUrl(), 1, i -> ClockedCenter.PASSWORD).get(0);

        assertThat(right.statusCode()).isEqualTo(401);
        assertThat(ic.audit("SIGN_IN")).isEmpty();
        assertThat(reasons(ic.audit("SIGN_IN_FAILED"), "wrong-password")).isEqualTo(LIMIT);
    }

    @Test
    void burstOfFiftyNineWrongAndOneRightEvaluatesAtMostTheLimitBetweenSuccesses() throws Exception {
        burst(ic.baseUrl(), 60, i -> i == 37 ? ClockedCenter.PASSWORD : WRONG);

        int wrong = reasons(ic.audit("SIGN_IN_FAILED"), "wrong-password");
        if (ic.audit("SIGN_IN").isEmpty()) {
            assertThat(wrong).isEqualTo(LIMIT);
        } else {
            // The right password clears the account's counter (the owner signed in), so at most the limit before it
            // and the limit after it, minus the slot the right one took: never the 59 of the unreserved check.
            assertThat(wrong).isBetween(LIMIT - 1, 2 * LIMIT - 1);
        }
        assertThat(reasons(ic.audit("SIGN_IN_FAILED"), "throttled")).isEqualTo(60 - wrong - ic.audit("SIGN_IN").size());
    }

    static int reasons(List<AuditLog.Event> failures, String reason) {
        return (int) failures.stream().filter(e -> e.detail().contains("reason=" + reason + ";")).count();
    }

    interface PasswordOf {
        String of(int i);
    }

    /** {@code n} portal sign-ins for alice, released together; each from its own browser with its own CSRF cookie. */
    static List<HttpResponse<String>> burst(String baseUrl, int n, PasswordOf passwords) throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            urls.add(baseUrl);
        }
        return burst(urls, passwords);
    }

    /** One sign-in per URL (nodes may differ), all released at once; answers in the order of {@code urls}. */
    static List<HttpResponse<String>> burst(List<String> urls, PasswordOf passwords) throws Exception {
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        for (int i = 0; i < urls.size(); i++) {
            Http browser = Http.browser(urls.get(i));
            String csrf = Http.csrfOf(browser.get("/").body());
            HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get(i) + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", browser.cookieHeader())
                    .POST(HttpRequest.BodyPublishers.ofString(Http.form(java.util.Map.of(
                            "username", "alice", "password", passwords.of(i), "_csrf", csrf)))).build();
            calls.add(() -> {
                gate.await();
                return Http.exchangeOnNewConnection(request);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Callable<HttpResponse<String>> call : calls) {
                futures.add(pool.submit(call));
            }
            gate.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
