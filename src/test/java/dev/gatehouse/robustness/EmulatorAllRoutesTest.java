package dev.gatehouse.robustness;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.TestIdpMetadata;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.LogCapture;
import dev.gatehouse.web.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 12, the emulated AWS account: every route its router lists, walked by {@link RouteWalker}
 * anonymously and as the account's root user in the console. Nothing answers 5xx, and no request logs more than
 * one line or a stack trace. Path parameters name a real provider, policy and role, so handlers really run.
 */
class EmulatorAllRoutesTest {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";
    private static TestAwsEmulator aws;

    @BeforeAll
    static void start() {
        aws = TestAwsEmulator.start();
        String provider = aws.iam().createSamlProvider(ACCOUNT_ID, "WalkedProvider",
                TestIdpMetadata.metadata("https://idp.example.com/walked")).arn();
        aws.iam().createPolicy(ACCOUNT_ID, "WalkedPolicy", "/", POLICY, null);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + provider + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}";
        aws.iam().createRole(ACCOUNT_ID, "WalkedRole", "/", trust, null, null);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static String concrete(String pattern) {
        String name = pattern.contains("/providers/") ? "WalkedProvider"
                : pattern.contains("/policies/") ? "WalkedPolicy"
                : pattern.contains("/roles/") ? "WalkedRole" : "Unknown";
        return pattern.replace("{name}", name);
    }

    @Test
    void noRouteAnswers5xxOrLogsAStackTrace() {
        List<WebServer.Route> routes = aws.emulator().routes();
        assertThat(routes).as("read from the router at runtime")
                .contains(new WebServer.Route("POST", "/"), new WebServer.Route("POST", "/saml"),
                        new WebServer.Route("HEAD", "/console/iam/roles/{name}"));
        RouteWalker.Caller root = rootSession();
        RouteWalker walker = new RouteWalker(aws.baseUrl(), EmulatorAllRoutesTest::concrete);
        try (LogCapture log = LogCapture.open()) {
            walker.walk(routes, new RouteWalker.Caller("anonymous", Map.of(), null), log);
            walker.walk(routes, root, log);
        }
        assertThat(walker.requests()).isGreaterThan(routes.size() * 2);
        assertThat(walker.findings()).as(RouteWalker.report(walker.findings())).isEmpty();
    }

    private static RouteWalker.Caller rootSession() {
        Http browser = Http.browser(aws.baseUrl());
        HttpResponse<String> page = browser.get("/console/signin");
        HttpResponse<String> signedIn = browser.post("/console/signin", Map.of("accountId", ACCOUNT_ID,
                "secretAccessKey", TestAwsEmulator.SECRET, "next", "/console/iam"));
        assertThat(signedIn.statusCode()).as(page.body()).isEqualTo(303);
        assertThat(browser.get("/console/iam").statusCode()).isEqualTo(200);
        return new RouteWalker.Caller("root", Map.of("Cookie", browser.cookieHeader()), browser.csrf());
    }
}
