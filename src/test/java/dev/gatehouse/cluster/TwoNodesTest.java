package dev.gatehouse.cluster;

import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PostBindingPage;
import dev.gatehouse.testing.Peers;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.samlxml.SamlVerification;
import dev.gatehouse.samlxml.SignedSamlVerifier;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two identity-center nodes on one PostgreSQL schema behind one public URL, as behind a load balancer: node A in
 * its own JVM ({@code gatehouse serve}), node B in this one. Sessions, keys and directory changes made through
 * either are served by the other, and killing A with SIGKILL mid-traffic loses nothing A had acknowledged.
 */
class TwoNodesTest {
    private static final String PUBLIC_URL = "http://gatehouse.lb.test";
    private static final Pattern CERTIFICATE = Pattern.compile("<(?:ds:)?X509Certificate>([^<]+)</(?:ds:)?X509Certificate>");

    @Test
    void twoNodesOnOnePostgresActAsOneAndSurviveSigkillOfEither() throws Exception {
        try (TwoNodes cluster = TwoNodes.start(PUBLIC_URL)) {
            NodeProcess a = cluster.a();
            IdentityCenter b = cluster.b();
            String nodeB = cluster.urlOfB();
            User alice = b.services().directory().createUser("test",
                    new UserDraft("alice", "alice@example.com", "Alice", "A", "Alice A", true, false), TestData.PASSWORD);
            String appId = TestData.awsApp(b.services().applications(), "Prod", "https://signin.aws.amazon.com/saml");
            b.services().assignments().assign("test", appId, Assignments.PrincipalType.USER, alice.id());

            // Signed in on A, launched on B with the same cookie.
            String cookie = signIn(a.url(), "alice");
            String launchedOnB = samlResponse(Http.get(nodeB + "/launch/" + appId, cookie));
            List<X509Certificate> before = metadataCertificates(a.url(), appId);
            assertThat(before).hasSize(1);
            assertThat(verifiesWith(launchedOnB, before.get(0))).isTrue();

            // Rotated on A; B serves the new key first in its metadata and signs with it.
            assertThat(Http.exchange(HttpRequest.newBuilder(URI.create(a.url() + "/api/apps/" + appId + "/signing-keys"))
                    .header("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(201);
            List<X509Certificate> fromB = metadataCertificates(nodeB, appId);
            assertThat(fromB).hasSize(2).containsExactlyElementsOf(metadataCertificates(a.url(), appId));
            assertThat(fromB.get(1)).isEqualTo(before.get(0));
            X509Certificate rotated = fromB.get(0);
            String afterRotation = samlResponse(Http.get(nodeB + "/launch/" + appId, cookie));
            assertThat(verifiesWith(afterRotation, rotated)).isTrue();
            assertThat(verifiesWith(afterRotation, before.get(0))).isFalse();

            // Traffic on A: new sessions and SCIM users; SIGKILL once some have been acknowledged.
            List<String> sessionsOnA = new ArrayList<>(List.of(cookie));
            for (int i = 0; i < 3; i++) {
                sessionsOnA.add(signIn(a.url(), "alice"));
            }
            long trafficStart = System.nanoTime();
            List<String> acknowledgedUsers = new CopyOnWriteArrayList<>();
            AtomicBoolean killing = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(10);
            ExecutorService trafficThread = Executors.newSingleThreadExecutor();
            try {
                // Any failure before the kill (an error status, a refused launch, a broken connection) fails the test;
                // once A is being killed, a request that gets no answer ends the traffic.
                Future<?> traffic = trafficThread.submit(() -> {
                    for (int i = 0; ; i++) {
                        try {
                            HttpResponse<String> r = Http.exchange(HttpRequest.newBuilder(URI.create(a.url() + "/scim/v2/Users"))
                                    .header("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN)
                                    .header("Content-Type", "application/scim+json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                                            + "\"userName\":\"load-" + i + "\"}")).build());
                            assertThat(r.statusCode()).as("SCIM create on A: %s", r.body()).isEqualTo(201);
                            acknowledgedUsers.add(match(Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\""), r.body()));
                            enough.countDown();
                            HttpResponse<String> launch = Http.get(a.url() + "/launch/" + appId, cookie);
                            assertThat(launch.statusCode()).as("launch on A: %s", launch.body()).isEqualTo(200);
                        } catch (UncheckedIOException noAnswer) {
                            if (killing.get()) {
                                return null; // A is gone: this request never got an answer
                            }
                            throw noAnswer;
                        }
                    }
                });
                while (!enough.await(100, TimeUnit.MILLISECONDS)) {
                    if (traffic.isDone()) {
                        traffic.get(); // throws what failed the traffic before A acknowledged ten users
                        throw new AssertionError("the traffic ended before A acknowledged ten users");
                    }
                    assertThat(Duration.ofNanos(System.nanoTime() - trafficStart)).as("A acknowledged ten users in time")
                            .isLessThan(Duration.ofMinutes(2));
                }
                killing.set(true);
                a.kill();
                traffic.get(1, TimeUnit.MINUTES); // rethrows a failure of the traffic thread
            } finally {
                trafficThread.shutdownNow();
            }

            assertThat(a.process().exitValue()).isEqualTo(137); // 128 + SIGKILL
            assertThat(acknowledgedUsers).hasSizeGreaterThanOrEqualTo(10);
            for (String userId : acknowledgedUsers) {
                assertThat(Http.exchange(HttpRequest.newBuilder(URI.create(nodeB + "/scim/v2/Users/" + userId))
                        .header("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN).build()).statusCode())
                        .as("user %s acknowledged by A", userId).isEqualTo(200);
            }
            for (String session : sessionsOnA) {
                String response = samlResponse(Http.get(nodeB + "/launch/" + appId, session));
                assertThat(verifiesWith(response, rotated)).isTrue();
            }
        }
    }

    @Test
    void nodeWithAnotherMasterKeyThenRefusesToStartWithReason() throws Exception {
        Path dir = Files.createTempDirectory("gatehouse-cluster");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, dir);
             IdentityCenter first = IdentityCenter.start(IdentityCenterConfig.of(0, Files.createDirectories(dir.resolve("first")), db.url(), PUBLIC_URL))) {
            TestData.awsApp(first.services().applications(), "Prod", "https://signin.aws.amazon.com/saml");
            Path otherKey = dir.resolve("other.key");
            Files.writeString(otherKey, MasterKey.newEncodedKey(new SecureRandom()));
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

            Peers.Result second = Peers.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, "dev.gatehouse.cli.Main", "serve", "--port", Integer.toString(TwoNodes.freePort()),
                    "--db", db.url(), "--master-key-file", otherKey.toString(), "--data", dir.resolve("second").toString()),
                    Map.of(), null); // bounded: fails the test when the node does not exit
            String output = second.output();

            assertThat(second.exitCode()).as(output).isEqualTo(2);
            assertThat(output).contains("is not the one this database's signing keys were encrypted with")
                    .doesNotContain(Files.readString(otherKey).strip()).doesNotContain("\tat dev.gatehouse");
        }
    }

    /** Signs in through a node's portal form; returns the Cookie header the browser would send afterwards. */
    private static String signIn(String node, String userName) {
        return Http.browser(node).signIn(userName, TestData.PASSWORD).cookieHeader();
    }

    private static String samlResponse(HttpResponse<String> launch) {
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
        return PostBindingPage.samlResponse(launch.body());
    }

    private List<X509Certificate> metadataCertificates(String node, String appId) throws Exception {
        String xml = Http.exchange(HttpRequest.newBuilder(URI.create(node + "/api/apps/" + appId + "/saml-metadata")).build()).body();
        Matcher m = CERTIFICATE.matcher(xml);
        List<X509Certificate> found = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        while (m.find()) {
            found.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(
                    Base64.getMimeDecoder().decode(m.group(1)))));
        }
        return found;
    }

    private static boolean verifiesWith(String samlResponse, X509Certificate certificate) {
        return new SignedSamlVerifier().verify(samlResponse, null, List.of(certificate)) instanceof SamlVerification.Verified;
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

}
