package dev.gatehouse.awsemulator.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.MovableClock;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.gatehouse.awsemulator.policy.PolicyWorld.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Revoke active sessions" on the emulated console's role page: older API sessions (AWS CLI v2) and older
 * federated console sessions of the role are refused with AWS's explicit-deny text; sessions begun afterwards work.
 * The emulator's clock moves two seconds between steps, since aws:TokenIssueTime has a resolution of one second.
 */
class SessionRevocationTest {
    private MovableClock clock;
    private PolicyWorld world;

    @BeforeEach
    void start() {
        clock = new MovableClock(Instant.now());
        world = PolicyWorld.start(clock);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private Http rootConsole() {
        Http browser = Http.browser(world.aws.baseUrl());
        HttpResponse<String> page = browser.get("/console/signin");
        HttpResponse<String> r = browser.postRaw("/console/signin", Map.of("_csrf", Http.csrfOf(page.body()),
                "accountId", ACCOUNT, "secretAccessKey", TestAwsEmulator.SECRET, "next", "/console/iam"));
        assertThat(r.statusCode()).isEqualTo(303);
        return browser;
    }

    private Http federatedConsole(String sessionName) {
        Http browser = Http.browser(world.aws.baseUrl());
        HttpResponse<String> r = browser.postRaw("/saml", Map.of("SAMLResponse", world.assertion("Wide", sessionName)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return browser;
    }

    private Peers.Output listRoles(Credentials c) {
        return world.aws.awsWithSession(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), "iam", "list-roles");
    }

    @Test
    void revokeCutsOffOlderApiAndConsoleSessionsAndSparesNewerOnes() throws IOException {
        Credentials older = world.session("Wide", "older");
        Http olderConsole = federatedConsole("older-console");
        assertThat(listRoles(older).exitCode()).isZero();
        assertThat(olderConsole.get("/console/home").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(2));
        Http root = rootConsole();
        HttpResponse<String> rolePage = root.get("/console/iam/roles/Wide");
        assertThat(rolePage.body()).contains("Revoke active sessions");
        HttpResponse<String> revoked = root.postRaw("/console/iam/roles/Wide/revoke-sessions", Map.of("_csrf", Http.csrfOf(rolePage.body())));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location")).hasValue("/console/iam/roles/Wide?done=revoked");
        clock.advance(Duration.ofSeconds(2));

        Peers.Output denied = listRoles(older);
        assertThat(denied.exitCode()).isEqualTo(254);
        assertThat(denied.stderr()).contains("User: arn:aws:sts::" + ACCOUNT + ":assumed-role/Wide/older is not authorized to perform: "
                + "iam:ListRoles on resource: arn:aws:iam::" + ACCOUNT + ":role/ with an explicit deny in an identity-based policy");
        HttpResponse<String> olderHome = olderConsole.get("/console/home");
        assertThat(olderHome.statusCode()).isEqualTo(403);
        assertThat(olderHome.body()).contains("assumed-role/Wide/older-console is not authorized to perform: iam:ListAttachedRolePolicies"
                + " on resource: role Wide with an explicit deny in an identity-based policy");

        assertThat(listRoles(world.session("Wide", "newer")).exitCode()).isZero();
        assertThat(federatedConsole("newer-console").get("/console/home").statusCode()).isEqualTo(200);

        // The inline policy is AWS's document, readable like any inline policy.
        Peers.Output policy = world.aws.aws("iam", "get-role-policy", "--role-name", "Wide", "--policy-name", "AWSRevokeOlderSessions");
        assertThat(policy.exitCode()).as(policy.stderr()).isZero();
        String document = new ObjectMapper().readTree(policy.stdout()).get("PolicyDocument").toString();
        assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).contains("\"Effect\":\"Deny\"").contains("DateLessThan")
                .contains("aws:TokenIssueTime");
    }

    @Test
    void checkAnActionOnTheRolePageUsesTheSimulator() {
        Http root = rootConsole();
        HttpResponse<String> allowed = root.get("/console/iam/roles/Demo/check?action=s3:GetObject&resource=arn:aws:s3:::reports/q1.csv");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).containsPattern("id=\"check-decision\"[^>]*>allowed<").contains("DemoPolicy");
        HttpResponse<String> denied = root.get("/console/iam/roles/Demo/check?action=s3:PutObject&resource=arn:aws:s3:::reports/q1.csv");
        assertThat(denied.body()).containsPattern("id=\"check-decision\"[^>]*>implicitDeny<");
        assertThat(root.get("/console/iam/roles/Nobody/check?action=s3:GetObject").statusCode()).isEqualTo(404);
        assertThat(root.get("/console/home/check?action=s3:GetObject").statusCode()).as("the root user has no role").isEqualTo(404);
    }

    @Test
    void aFederatedConsoleHomeChecksAnActionForItsOwnRole() {
        Http federated = federatedConsole("checker");
        assertThat(federated.get("/console/home").body()).contains("id=\"home-check-form\"");
        HttpResponse<String> check = federated.get("/console/home/check?action=iam:ListRoles&resource=*");
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains("Check an action for Wide").containsPattern("id=\"check-decision\"[^>]*>allowed<")
                .contains("action=\"/console/home/check\"");
        assertThat(federated.get("/console/home/check?action=ec2:RunInstances&resource=*").body())
                .containsPattern("id=\"check-decision\"[^>]*>implicitDeny<");
    }
}
