package dev.gatehouse.cluster;

import dev.gatehouse.TestData;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.testing.Burst;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in throttle on two nodes sharing PostgreSQL: a burst of wrong passwords for one user, half to each
 * node, all released at once, gets at most the limit (5) of them checked between the two, because each attempt is
 * reserved in the shared database before its password is looked at.
 */
class ClusterThrottleTest {
    private static final String WRONG = "not the password at all";

    @Test
    void burstSplitOverTwoNodesEvaluatesAtMostTheLimitAndTheRightPasswordIsRefusedOnBoth() throws Exception {
        try (TwoNodes cluster = TwoNodes.start("http://gatehouse.lb.test")) {
            IdentityCenter b = cluster.b();
            b.services().directory().createUser("test",
                    new UserDraft("alice", "alice@example.com", "Alice", "A", null, true, false), TestData.PASSWORD);
            List<HttpRequest> requests = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                requests.add(Burst.portalSignIn(i % 2 == 0 ? cluster.a().url() : cluster.urlOfB(), "alice", WRONG));
            }

            List<HttpResponse<String>> answers = Burst.send(requests);

            assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(401);
            assertThat(failures(b, "wrong-password")).isEqualTo(5);
            assertThat(failures(b, "throttled")).isEqualTo(55);
            List<HttpResponse<String>> right = Burst.send(List.of(
                    Burst.portalSignIn(cluster.a().url(), "alice", TestData.PASSWORD),
                    Burst.portalSignIn(cluster.urlOfB(), "alice", TestData.PASSWORD)));
            assertThat(right).extracting(HttpResponse::statusCode).containsOnly(401);
            assertThat(failures(b, "throttled")).isEqualTo(57);
        }
    }

    /** Failed sign-ins with {@code reason}, from the shared audit log (both nodes write to it). */
    private static long failures(IdentityCenter node, String reason) {
        return node.services().audit().recent(10_000).stream().filter(e -> e.type().equals("SIGN_IN_FAILED"))
                .map(AuditLog.Event::detail).filter(d -> d.contains("reason=" + reason + ";")).count();
    }
}
