package dev.gatehouse.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.TestData;
import dev.gatehouse.devicelogin.DeviceFlow;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's tokens across nodes: issued through node A, refused by A the moment node B deactivates the
 * user (tokens are rows read on every call, never cached).
 */
class DeviceTokensTwoNodesTest {
    @Test
    void aDeactivationOnOneNodeEndsTheCommandLineOnTheOtherAtOnce() throws Exception {
        try (TwoNodes cluster = TwoNodes.start("http://gatehouse.lb.test")) {
            IdentityCenter b = cluster.b();
            String nodeA = cluster.a().url();
            User carl = b.services().directory().createUser("test",
                    new UserDraft("carl", "carl@example.com", "Carl", "C", "Carl C", true, false), TestData.PASSWORD);
            JsonNode tokens = DeviceFlow.tokens(nodeA, Http.browser(cluster.urlOfB()).signIn("carl", TestData.PASSWORD));
            String access = tokens.get("access_token").asText();
            assertThat(roles(nodeA, access)).isEqualTo(200);

            b.services().directory().replaceUser("test", carl.id(),
                    new UserDraft("carl", "carl@example.com", "Carl", "C", "Carl C", false, false), null, null);
            assertThat(roles(nodeA, access)).isEqualTo(401);
            assertThat(DeviceFlow.post(nodeA, "/oauth2/token", Map.of("grant_type", "refresh_token", "client_id", "gatehouse-cli",
                    "refresh_token", tokens.get("refresh_token").asText())).statusCode()).isEqualTo(400);
        }
    }

    private static int roles(String node, String accessToken) {
        return Http.exchange(HttpRequest.newBuilder(URI.create(node + "/api/me/aws-roles"))
                .header("Authorization", "Bearer " + accessToken).build()).statusCode();
    }
}
