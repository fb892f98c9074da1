package dev.gatehouse.keyrotation;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.keys.KeyStatus;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation without a connection: the rotation page's steps done by an administrator, the metadata uploaded with the
 * real AWS CLI command the page shows, launches accepted after the promotion and after the old certificate's
 * removal; buttons out of turn answer 409 and change nothing.
 */
class RotationByHandTest {
    private static final Pattern CERT = Pattern.compile("<ds:X509Certificate>");

    @Test
    void theAdminFollowsThePageStepByStep(@TempDir Path dir) throws Exception {
        TestAwsEmulator.requireAwsCli();
        try (RotationScenario s = new RotationScenario(TestIdentityCenter.defaultKind())) {
            s.setUpAccount(s.aws, dir);
            TestData.admin(s.ic, "root");
            Http admin = Http.browser(s.ic.baseUrl());
            admin.get("/admin/login");
            assertThat(admin.post("/admin/login", Map.of("username", "root", "password", TestData.PASSWORD)).statusCode()).isEqualTo(303);
            String path = "/admin/apps/" + s.app + "/rotation";
            String first = s.keyId(KeyStatus.ACTIVE);

            String page = admin.get(path).body();
            assertThat(page).contains("Steps by hand").contains("id=\"start-rotation\"").doesNotContain("id=\"promote\"");
            assertThat(admin.post(path + "/promote", Map.of()).statusCode()).isEqualTo(409);

            HttpResponse<String> started = admin.post(path + "/start", Map.of());
            assertThat(started.statusCode()).isEqualTo(200);
            String next = s.keyId(KeyStatus.NEXT);
            assertThat(started.body()).contains("Rotation started").contains(next).contains("id=\"promote\"")
                    .contains("href=\"/api/apps/" + s.app + "/saml-metadata\"").contains("aws iam update-saml-provider");
            assertThat(admin.post(path + "/start", Map.of()).statusCode()).isEqualTo(409);

            // Step 2 and 3: the file with both certificates, uploaded with the page's command.
            String metadata = download(s);
            assertThat(CERT.matcher(metadata).results().count()).isEqualTo(2);
            upload(s, dir, metadata);
            HttpResponse<String> promoted = admin.post(path + "/promote", Map.of());
            assertThat(promoted.statusCode()).isEqualTo(200);
            assertThat(s.keyId(KeyStatus.ACTIVE)).isEqualTo(next);
            assertThat(s.keyId(KeyStatus.PASSIVE)).isEqualTo(first);
            assertThat(promoted.body()).contains("The next key is active").doesNotContain("id=\"remove-old\"");
            s.clock.advance(java.time.Duration.ofSeconds(10)); // past the launch path's key cache
            assertThat(launch(s)).as("a launch signed with the new key").isEqualTo(200);

            // Step 4: not before the grace period ends.
            HttpResponse<String> early = admin.post(path + "/remove-old", Map.of());
            assertThat(early.statusCode()).isEqualTo(409);
            assertThat(early.body()).contains("grace period ends");
            assertThat(s.keyId(KeyStatus.PASSIVE)).isEqualTo(first);
            s.clock.advance(RotationPolicy.DEFAULT.grace().plusMinutes(1));
            admin.get(path); // fresh CSRF token after the jump
            HttpResponse<String> removed = admin.post(path + "/remove-old", Map.of());
            assertThat(removed.statusCode()).isEqualTo(200);
            assertThat(s.keyId(KeyStatus.PASSIVE)).isNull();
            String last = download(s);
            assertThat(CERT.matcher(last).results().count()).isEqualTo(1);
            assertThat(launch(s)).isEqualTo(200);
            assertThat(removed.body()).contains("data-step=\"RETIRED\"").contains("data-step=\"PROMOTED\"").contains("data-step=\"NEXT_CREATED\"");
            assertThat(s.ic.center().services().audit().recent(100)).extracting(e -> e.actor() + " " + e.type())
                    .contains("root KEY_ROTATION_NEXT_CREATED", "root KEY_ROTATION_PROMOTED", "root KEY_ROTATION_RETIRED");
            assertThat(admin.get("/admin/apps/999/rotation").statusCode()).isEqualTo(404);

            // The same start for automation, and the state as JSON.
            String api = "/api/apps/" + s.app + "/key-rotation";
            HttpResponse<String> apiStart = s.ic.send(s.ic.admin(api).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(apiStart.statusCode()).isEqualTo(201);
            assertThat(apiStart.body()).contains(s.keyId(KeyStatus.NEXT));
            assertThat(s.ic.send(s.ic.admin(api).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(409);
            assertThat(s.ic.send(s.ic.admin(api).build()).body()).contains("\"status\":\"NEXT\"").contains("\"connected\":false");
            assertThat(s.ic.send(s.ic.admin("/api/apps/nope/key-rotation").POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);
        }
    }

    /** Launches as alice and hands the assertion to STS in the emulated account: its HTTP status. */
    private static int launch(RotationScenario s) {
        String html = Http.browser(s.ic.baseUrl()).signIn("alice", TestData.PASSWORD).get("/launch/" + s.app).body();
        return s.aws.postForm("Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn=" + Http.encode(RotationScenario.ROLE_ARN)
                + "&PrincipalArn=" + Http.encode(RotationScenario.PROVIDER_ARN) + "&SAMLAssertion="
                + Http.encode(dev.gatehouse.testing.PostBindingPage.samlResponse(html))).statusCode();
    }

    private static String download(RotationScenario s) {
        HttpResponse<String> r = s.ic.send(HttpRequest.newBuilder(URI.create(s.ic.baseUrl() + "/api/apps/" + s.app + "/saml-metadata")).build());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The page's command with its placeholders filled, run with the AWS CLI. */
    private static void upload(RotationScenario s, Path dir, String metadata) throws Exception {
        Path file = dir.resolve("metadata.xml");
        Files.writeString(file, metadata);
        var out = s.aws.aws("iam", "update-saml-provider", "--saml-provider-arn", RotationScenario.PROVIDER_ARN,
                "--saml-metadata-document", "file://" + file);
        assertThat(out.exitCode()).as(out.stderr()).isZero();
    }
}
