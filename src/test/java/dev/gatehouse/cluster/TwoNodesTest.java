package dev.gatehouse.cluster;

import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.samlxml.SamlVerification;
import dev.gatehouse.samlxml.SignedSamlVerifier;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.gatehouse.cluster.ClusterHttp.awsApp;
import static dev.gatehouse.cluster.ClusterHttp.freePort;
import static dev.gatehouse.cluster.ClusterHttp.get;
import static dev.gatehouse.cluster.ClusterHttp.send;
import static dev.gatehouse.cluster.ClusterHttp.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two identity-center nodes on one PostgreSQL schema behind one public URL, as behind a load balancer: node A in
 * its own JVM ({@code gatehouse serve}), node B in this one. Sessions, keys and directory changes made through
 * either are served by the other, and killing A with SIGKILL mid-traffic loses nothing A had acknowledged.
 */
class TwoNodesTest {
    private static final String PUBLIC_URL = "http://gatehouse.lb.test";
    private static final Pattern SAML_RESPONSE = Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"");
    private static final Pattern CERTIFICATE = Pattern.compile("<(?:ds:)?X509Certificate>([^<]+)</(?:ds:)?X509Certificate>");

    @Test
    void twoNodesOnOnePostgresActAsOneAndSurviveSigkillOfEither() throws Exception {
        try (TwoNodes cluster = TwoNodes.start(PUBLIC_URL)) {
            NodeProcess a = cluster.a();
            IdentityCenter b = cluster.b();
            String nodeB = cluster.urlOfB();
            User alice = b.services().directory().createUser("test",
                    new UserDraft("alice", "alice@example.com", "Alice", "A", "Alice A", true, false), TestData.PASSWORD);
            String appId = awsApp(b.services().applications());
            b.services().assignments().assign("test", appId, Assignments.PrincipalType.USER, alice.id());

            // Signed in on A, launched on B with the same cookie.
            String cookie = signIn(a.url(), "alice");
            String launchedOnB = samlResponse(get(nodeB + "/launch/" + appId, cookie));
            List<X509Certificate> before = metadataCertificates(a.url(), appId);
            assertThat(before).hasSize(1);
            assertThat(verifiesWith(launchedOnB, before.get(0))).isTrue();

            // Rotated on A; B serves the new key first in its metadata and signs with it.
            assertThat(send(HttpRequest.newBuilder(URI.create(a.url() + "/api/apps/" + appId + "/signing-keys"))
                    .header("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(201);
            List<X509Certificate> fromB = metadataCertificates(nodeB, appId);
            assertThat(fromB).hasSize(2).containsExactlyElementsOf(metadataCertificates(a.url(), appId));
            assertThat(fromB.get(1)).isEqualTo(before.get(0));
            X509Certificate rotated = fromB.get(0);
            String afterRotation = samlResponse(get(nodeB + "/launch/" + appId, cookie));
            assertThat(verifiesWith(afterRotation, rotated)).isTrue();
            assertThat(verifiesWith(afterRotation, before.get(0))).isFalse();

            // Traffic on A: new sessions and SCIM users; SIGKILL once some have been acknowledged.
            List<String> sessionsOnA = new ArrayList<>(List.of(cookie));
            for (int i = 0; i < 3; i++) {
                sessionsOnA.add(signIn(a.url(), "alice"));
            }
            List<String> acknowledgedUsers = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(10);
            Thread traffic = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(a.url() + "/scim/v2/Users"))
                                .header("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN)
                                .header("Content-Type", "application/scim+json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                                        + "\"userName\":\"load-" + i + "\"}")).build());
                        if (r.statusCode() == 201) {
                            acknowledgedUsers.add(match(Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\""), r.body()));
                            enough.countDown();
                        }
                        get(a.url() + "/launch/" + appId, cookie);
                    } catch (RuntimeException nodeGone) {
                        // expected once A is killed: the request never got an answer
                    }
                }
            });
            traffic.start();
            assertThat(enough.await(2, java.util.concurrent.TimeUnit.MINUTES)).as("A acknowledged ten users").isTrue();
            a.kill();
            stop.set(true);
            traffic.join();

            assertThat(a.process().exitValue()).isEqualTo(137); // 128 + SIGKILL
            assertThat(acknowledgedUsers).hasSizeGreaterThanOrEqualTo(10);
            for (String userId : acknowledgedUsers) {
                assertThat(send(HttpRequest.newBuilder(URI.create(nodeB + "/scim/v2/Users/" + userId))
                        .header("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN).build()).statusCode())
                        .as("user %s acknowledged by A", userId).isEqualTo(200);
            }
            for (String session : sessionsOnA) {
                String response = samlResponse(get(nodeB + "/launch/" + appId, session));
                assertThat(verifiesWith(response, rotated)).isTrue();
            }
        }
    }

    @Test
    void nodeWithAnotherMasterKeyThenRefusesToStartWithReason() throws Exception {
        Path dir = Files.createTempDirectory("gatehouse-cluster");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, dir);
             IdentityCenter first = IdentityCenter.start(IdentityCenterConfig.of(0, Files.createDirectories(dir.resolve("first")), db.url(), PUBLIC_URL))) {
            awsApp(first.services().applications());
            Path otherKey = dir.resolve("other.key");
            Files.writeString(otherKey, MasterKey.newEncodedKey(new SecureRandom()));
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

            Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, "dev.gatehouse.cli.Main", "serve", "--port", Integer.toString(freePort()),
                    "--db", db.url(), "--master-key-file", otherKey.toString(), "--data", dir.resolve("second").toString())
                    .redirectErrorStream(true).start();
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(second.waitFor()).as(output).isEqualTo(2);
            assertThat(output).contains("is not the one this database's signing keys were encrypted with")
                    .doesNotContain(Files.readString(otherKey).strip()).doesNotContain("\tat dev.gatehouse");
        }
    }

    private static String samlResponse(HttpResponse<String> launch) {
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
        return match(SAML_RESPONSE, launch.body());
    }

    private List<X509Certificate> metadataCertificates(String node, String appId) throws Exception {
        String xml = send(HttpRequest.newBuilder(URI.create(node + "/api/apps/" + appId + "/saml-metadata")).build()).body();
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
