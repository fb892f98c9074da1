package dev.gatehouse.cluster;

import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PostBindingPage;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.storage.NodeCache;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node-local caches of the launch path (session, user, groups, application, assignments) against changes made
 * on the other node: node A in its own JVM, node B in this one, one PostgreSQL schema. A sign-out, a SCIM
 * deactivation and a removed assignment on A stop launches on B, and an e-mail changed on A shows in B's assertions,
 * within {@link NodeCache#DEFAULT_TTL} (plus the poll interval and some slack); the node that made the change sees it
 * at once.
 */
class CacheStalenessTest {
    private static final String PUBLIC_URL = "http://gatehouse.lb.test";
    private static final Pattern ROLE_SESSION_NAME = Pattern.compile(
            "Name=\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\"[^>]*>\\s*<[^>]*AttributeValue[^>]*>([^<]*)<");
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration GIVE_UP = Duration.ofSeconds(3);
    /** The promised 1 s TTL, one poll interval, and room for a request on a busy two-core machine. */
    private static final Duration BOUND = Duration.ofMillis(1500);

    @Test
    void changesOnOneNodeStopLaunchesOnTheOtherWithinTheCacheTtl() throws Exception {
        try (TwoNodes cluster = TwoNodes.start(PUBLIC_URL)) {
            NodeProcess a = cluster.a();
            IdentityCenter b = cluster.b();
            String nodeB = cluster.urlOfB();
            String appId = TestData.awsApp(b.services().applications(), "Prod", "https://signin.aws.amazon.com/saml");
            User alice = user(b, "alice");
            User bob = user(b, "bob");
            User carol = user(b, "carol");
            User dave = user(b, "dave");
            for (User u : List.of(alice, bob, carol, dave)) {
                b.services().assignments().assign("test", appId, Assignments.PrincipalType.USER, u.id());
            }

            // Sign-out on A.
            String aliceCookie = signIn(a.url(), "alice");
            assertLaunches(a.url(), appId, aliceCookie); // both nodes' caches warm: A's own change must clear A's
            assertLaunches(nodeB, appId, aliceCookie);
            long signedOutAt = System.nanoTime();
            signOut(a.url(), aliceCookie);
            assertRefusedAtOnce(a.url(), appId, aliceCookie, "sign-out, on A itself");
            Duration signOutDelay = refusedWithin(nodeB, appId, aliceCookie, signedOutAt, "sign-out on A, launch on B");

            // Deactivation through SCIM on A (which also ends the user's sessions).
            String bobCookie = signIn(a.url(), "bob");
            assertLaunches(a.url(), appId, bobCookie); // both nodes' caches warm: A's own change must clear A's
            assertLaunches(nodeB, appId, bobCookie);
            long deactivatedAt = System.nanoTime();
            HttpResponse<String> patched = Http.exchange(HttpRequest.newBuilder(URI.create(a.url() + "/scim/v2/Users/" + bob.id()))
                    .header("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN)
                    .header("Content-Type", "application/scim+json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("""
                            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                             "Operations":[{"op":"replace","path":"active","value":false}]}""")).build());
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            assertRefusedAtOnce(a.url(), appId, bobCookie, "deactivation, on A itself");
            Duration deactivationDelay = refusedWithin(nodeB, appId, bobCookie, deactivatedAt, "SCIM deactivation on A, launch on B");

            // Assignment removed on A; the user stays signed in and active.
            String carolCookie = signIn(a.url(), "carol");
            assertLaunches(a.url(), appId, carolCookie); // both nodes' caches warm: A's own change must clear A's
            assertLaunches(nodeB, appId, carolCookie);
            long unassignedAt = System.nanoTime();
            HttpResponse<String> removed = Http.exchange(HttpRequest.newBuilder(
                            URI.create(a.url() + "/api/apps/" + appId + "/assignments/USER/" + carol.id()))
                    .header("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN).DELETE().build());
            assertThat(removed.statusCode()).as(removed.body()).isBetween(200, 204);
            assertRefusedAtOnce(a.url(), appId, carolCookie, "unassignment, on A itself");
            Duration unassignDelay = refusedWithin(nodeB, appId, carolCookie, unassignedAt, "assignment removed on A, launch on B");
            assertThat(Http.get(nodeB + "/", carolCookie).statusCode()).as("carol is still signed in on B").isEqualTo(200);
            assertThat(Http.get(nodeB + "/launch/" + appId, carolCookie).statusCode()).isEqualTo(403);

            // A profile change through SCIM on A (sessions stay): B's launches carry the new e-mail within the bound.
            User erin = user(b, "erin");
            b.services().assignments().assign("test", appId, Assignments.PrincipalType.USER, erin.id());
            String erinCookie = signIn(a.url(), "erin");
            assertThat(roleSessionName(nodeB, appId, erinCookie)).isEqualTo("erin@example.com");
            assertThat(roleSessionName(a.url(), appId, erinCookie)).isEqualTo("erin@example.com");
            assertThat(roleSessionName(nodeB, appId, erinCookie)).isEqualTo("erin@example.com");
            long editedAt = System.nanoTime();
            HttpResponse<String> edited = Http.exchange(HttpRequest.newBuilder(URI.create(a.url() + "/scim/v2/Users/" + erin.id()))
                    .header("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN)
                    .header("Content-Type", "application/scim+json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("""
                            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                             "Operations":[{"op":"replace","path":"emails[type eq \\"work\\"].value","value":"erin.new@example.com"}]}""")).build());
            assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
            assertThat(roleSessionName(a.url(), appId, erinCookie)).as("e-mail change, on A itself").isEqualTo("erin.new@example.com");
            Duration editDelay = changedWithin(nodeB, appId, erinCookie, editedAt, "e-mail changed on A, launch on B",
                    launch -> "erin.new@example.com".equals(roleSessionName(launch)));

            // A node's own change is seen by that node at once: sign-out on B, launch on B.
            String daveCookie = signIn(a.url(), "dave");
            assertLaunches(a.url(), appId, daveCookie); // both nodes' caches warm: A's own change must clear A's
            assertLaunches(nodeB, appId, daveCookie);
            signOut(nodeB, daveCookie);
            assertRefusedAtOnce(nodeB, appId, daveCookie, "sign-out, on B itself");
            assertLaunches(nodeB, appId, signIn(a.url(), "dave")); // and a new session of the same user works

            System.out.printf("Cross-node staleness (TTL %d ms): sign-out %d ms, SCIM deactivation %d ms, unassignment %d ms,"
                    + " e-mail change %d ms%n", NodeCache.DEFAULT_TTL.toMillis(), signOutDelay.toMillis(),
                    deactivationDelay.toMillis(), unassignDelay.toMillis(), editDelay.toMillis());
        }
    }

    /**
     * Launches on {@code node} every {@link #POLL} until one is refused; returns how long after {@code changedAt}
     * (a {@link System#nanoTime()}) that was, and fails when it took longer than {@link #BOUND}.
     */
    private Duration refusedWithin(String node, String appId, String cookie, long changedAt, String what) throws InterruptedException {
        return changedWithin(node, appId, cookie, changedAt, what, launch -> isRefusal(launch, what));
    }

    /**
     * Whether a launch was refused as a changed session, user or assignment must be: 403, or a redirect to the
     * portal's sign-in page. A launch that still answers the old way (200 with a SAMLResponse) is not refused yet;
     * anything else (a 500, a 404, a redirect elsewhere, a 200 without a response) fails the test.
     */
    private static boolean isRefusal(HttpResponse<String> launch, String what) {
        int status = launch.statusCode();
        if (status == 403) {
            return true;
        }
        if (status == 303 && launch.headers().firstValue("Location").orElse("").startsWith("/?next=")) {
            return true;
        }
        if (status == 200 && PostBindingPage.hasSamlResponse(launch.body())) {
            return false;
        }
        throw new AssertionError(what + ": neither a launch nor a refusal but HTTP " + status + " "
                + launch.headers().firstValue("Location").map(l -> "to " + l + " ").orElse("") + launch.body());
    }

    /**
     * Launches on {@code node} every {@link #POLL} until one shows the change; returns how long after {@code changedAt}
     * (a {@link System#nanoTime()}) that was, and fails when it took longer than {@link #BOUND}, or when a later
     * launch goes back to the old state.
     */
    private Duration changedWithin(String node, String appId, String cookie, long changedAt, String what,
                                   Predicate<HttpResponse<String>> changed) throws InterruptedException {
        int stale = 0;
        while (true) {
            HttpResponse<String> launch = Http.get(node + "/launch/" + appId, cookie);
            Duration since = Duration.ofNanos(System.nanoTime() - changedAt);
            if (changed.test(launch)) {
                System.out.printf("%s: changed (HTTP %d) %d ms after the change, %d stale launches served before%n",
                        what, launch.statusCode(), since.toMillis(), stale);
                assertThat(since).as("%s: seen only %d ms after the change", what, since.toMillis()).isLessThanOrEqualTo(BOUND);
                for (int i = 0; i < 3; i++) {
                    assertThat(changed.test(Http.get(node + "/launch/" + appId, cookie))).as("%s: stays changed", what).isTrue();
                }
                return since;
            }
            stale++;
            assertThat(since).as("%s: still the old state %d ms after the change", what, since.toMillis()).isLessThan(GIVE_UP);
            Thread.sleep(POLL.toMillis());
        }
    }

    private String roleSessionName(String node, String appId, String cookie) {
        HttpResponse<String> launch = Http.get(node + "/launch/" + appId, cookie);
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
        return roleSessionName(launch);
    }

    /** The RoleSessionName attribute value of the SAML response a launch page carries; fails on any other page. */
    private static String roleSessionName(HttpResponse<String> launch) {
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
        String xml = PostBindingPage.xml(launch.body());
        Matcher value = ROLE_SESSION_NAME.matcher(xml);
        assertThat(value.find()).as(xml).isTrue();
        return value.group(1);
    }

    private void assertRefusedAtOnce(String node, String appId, String cookie, String what) {
        HttpResponse<String> launch = Http.get(node + "/launch/" + appId, cookie);
        assertThat(isRefusal(launch, what)).as("%s: the first launch after the change", what).isTrue();
    }

    private void assertLaunches(String node, String appId, String cookie) {
        HttpResponse<String> launch = Http.get(node + "/launch/" + appId, cookie);
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
        assertThat(PostBindingPage.hasSamlResponse(launch.body())).as(launch.body()).isTrue();
    }

    /** Signs in through a node's portal form; returns the Cookie header the browser would send afterwards. */
    private static String signIn(String node, String userName) {
        return Http.browser(node).signIn(userName, TestData.PASSWORD).cookieHeader();
    }

    private static User user(IdentityCenter node, String userName) {
        return node.services().directory().createUser("test",
                new UserDraft(userName, userName + "@example.com", "Given", "Family", userName, true, false), TestData.PASSWORD);
    }

    /** The portal's sign-out button: a form POST with the page's CSRF token. */
    private void signOut(String node, String cookie) {
        HttpResponse<String> home = Http.get(node + "/", cookie);
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        HttpResponse<String> out = Http.exchange(HttpRequest.newBuilder(URI.create(node + "/logout"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + Http.encode(Http.csrfOf(home.body())))).build());
        assertThat(out.statusCode()).as(out.body()).isEqualTo(303);
    }

}
