package dev.gatehouse.security;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.testing.Burst;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

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

    @Test
    void countersOfNamesNotTriedForAWindowAreSweptAway() throws Exception {
        Burst.send(List.of(Burst.portalSignIn(ic.baseUrl(), "guess1", WRONG), Burst.portalSignIn(ic.baseUrl(), "guess2", WRONG)));
        ic.clock().advance(java.time.Duration.ofMinutes(17)); // past the 15-minute window and the 1-minute sweep period

        burst(ic.baseUrl(), 1, i -> ClockedCenter.PASSWORD);

        List<String> counters = ic.center().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT counter_key FROM sign_in_counters").mapTo(String.class).list());
        int failures = ic.center().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM sign_in_failures").mapTo(Integer.class).one());
        assertThat(counters).containsExactlyInAnyOrder("account:alice", "address:127.0.0.1");
        assertThat(failures).isZero();
        assertThat(ic.audit("SIGN_IN")).hasSize(1);
    }

    static int reasons(List<AuditLog.Event> failures, String reason) {
        return (int) failures.stream().filter(e -> e.detail().contains("reason=" + reason + ";")).count();
    }

    /** {@code n} portal sign-ins for alice, released together; request {@code i} gives {@code passwords.apply(i)}. */
    private static List<HttpResponse<String>> burst(String baseUrl, int n, IntFunction<String> passwords) throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(Burst.portalSignIn(baseUrl, "alice", passwords.apply(i)));
        }
        return Burst.send(requests);
    }
}
