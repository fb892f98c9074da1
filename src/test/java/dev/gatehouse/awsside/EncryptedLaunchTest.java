package dev.gatehouse.awsside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.iam.SamlProvider;
import dev.gatehouse.directory.User;
import dev.gatehouse.samlxml.TestEncryption;
import dev.gatehouse.samlxml.TestSamlResponses;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Peers;
import dev.gatehouse.testing.PostBindingPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encrypted launches from the identity center into the emulated account: a key pair made here and pushed through
 * the connection (rotated, then removed), and an uploaded certificate whose output xmlsec1 decrypts on its own.
 */
class EncryptedLaunchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    private static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Gatehouse";
    private static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/Encrypted";
    private TestIdentityCenter ic;
    private TestAwsEmulator aws;
    private String app;
    private String uuid;

    @BeforeEach
    void start() {
        aws = TestAwsEmulator.start();
        ic = TestIdentityCenter.start();
        User alice = TestData.user(ic, "alice", "alice@example.com");
        app = ic.center().services().applications().create("test", new AppInput("external-aws-account", "Encrypted account",
                null, aws.baseUrl() + "/saml", null, null, null)).app().id();
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, alice.id());
        SamlProvider provider = aws.iam().createSamlProvider(ACCOUNT, "Gatehouse", metadata());
        uuid = provider.uuid();
        aws.iam().createRole(ACCOUNT, "Encrypted", "/", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Federated\":\"" + PROVIDER_ARN + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":"
                + "{\"StringEquals\":{\"SAML:aud\":[\"https://signin.aws.amazon.com/saml\",\"https://signin.aws.amazon.com/saml/acs/"
                + uuid + "\"]}}}]}", 3600, null);
        ic.center().services().applications().replaceMappings("test", app, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, ROLE_ARN + "," + PROVIDER_ARN, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified")));
    }

    @AfterEach
    void stop() {
        ic.close();
        aws.close();
    }

    @Test
    void aKeyPushedThroughTheConnectionEncryptsLaunchesThatLandThenRotatesAndStops() throws Exception {
        AwsSideFixtures.connect(ic, aws, app);
        useProviderAcs();

        HttpResponse<String> pushed = put("{\"generate\":true,\"mode\":\"Allowed\"}");
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.body()).contains("\"source\":\"GENERATED\"").doesNotContain("PRIVATE KEY");
        SamlProvider atAws = aws.iam().getSamlProvider(PROVIDER_ARN);
        assertThat(atAws.encryptionMode()).isEqualTo("Allowed");
        assertThat(atAws.privateKeys()).hasSize(1);
        String firstKey = atAws.privateKeys().get(0).keyId();

        String assertion = launch();
        assertThat(xml(assertion)).contains("EncryptedAssertion").doesNotContain("RoleSessionName").doesNotContain("alice@example.com");
        assertLandsInConsole(assertion);
        assertStsAccepts(assertion);

        // Rotation to Required: the new key is added beside the old, then the old one goes and Required is set.
        HttpResponse<String> rotated = put("{\"generate\":true,\"mode\":\"Required\"}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        atAws = aws.iam().getSamlProvider(PROVIDER_ARN);
        assertThat(atAws.encryptionMode()).isEqualTo("Required");
        assertThat(atAws.privateKeys()).hasSize(1).noneMatch(k -> k.keyId().equals(firstKey));
        assertLandsInConsole(launch());
        assertThat(auditTypes()).contains("AWS_ENCRYPTION_KEY_PUSHED");

        HttpResponse<String> removed = ic.send(ic.admin("/api/apps/" + app + "/aws-encryption").DELETE().build());
        assertThat(removed.statusCode()).isEqualTo(204);
        atAws = aws.iam().getSamlProvider(PROVIDER_ARN);
        assertThat(atAws.encryptionMode()).isEqualTo("Allowed");
        assertThat(atAws.privateKeys()).isEmpty();
        String plain = launch();
        assertThat(xml(plain)).doesNotContain("EncryptedAssertion");
        assertLandsInConsole(plain);
        assertThat(auditTypes()).contains("AWS_ENCRYPTION_CERTIFICATE_REMOVED");
    }

    @Test
    void requiredModeIsRefusedUntilTheAcsIsTheProvidersOwnAndPushingNeedsAConnection() throws Exception {
        HttpResponse<String> unconnected = put("{\"generate\":true,\"mode\":\"Allowed\"}");
        assertThat(unconnected.statusCode()).isEqualTo(400);
        assertThat(unconnected.body()).contains("Connect the account first");

        AwsSideFixtures.connect(ic, aws, app);
        HttpResponse<String> wrongAcs = put("{\"generate\":true,\"mode\":\"Required\"}");
        assertThat(wrongAcs.statusCode()).isEqualTo(400);
        assertThat(wrongAcs.body()).contains("/saml/acs/" + uuid);
        SamlProvider atAws = aws.iam().getSamlProvider(PROVIDER_ARN);
        assertThat(atAws.privateKeys()).as("nothing pushed").isEmpty();
        assertThat(atAws.encryptionMode()).isNull();
        assertThat(ic.send(ic.admin("/api/apps/" + app + "/aws-encryption").GET().build()).statusCode()).isEqualTo(404);

        // Someone sets Required on the provider by hand: Check setup finds that this application sends plaintext.
        aws.iam().updateSamlProvider(PROVIDER_ARN, null, "Required", TestEncryption.privateKeyPem(TestEncryption.keyPair("by hand")), null);
        JsonNode checks = JSON.readTree(ic.send(ic.admin("/api/apps/" + app + "/checks").GET().build()).body());
        List<String> errors = new java.util.ArrayList<>();
        checks.path("findings").forEach(f -> {
            if ("ERROR".equals(f.path("severity").asText())) {
                errors.add(f.path("check").asText());
            }
        });
        assertThat(errors).contains("encryption");
    }

    @Test
    void anUploadedCertificatesOutputDecryptsWithXmlsec1AndItsSignatureVerifies(@TempDir Path dir) throws Exception {
        Peers.xmlsec1();
        TestSamlResponses.SigningIdentity recipient = TestEncryption.keyPair("Uploaded recipient");
        HttpResponse<String> refused = put("{\"certificatePem\":\"-----BEGIN CERTIFICATE-----\\nnot base64\\n-----END CERTIFICATE-----\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ic.send(ic.admin("/api/apps/" + app + "/aws-encryption").GET().build()).statusCode()).isEqualTo(404);

        HttpResponse<String> uploaded = put(JSON.createObjectNode().put("certificatePem", TestEncryption.certificatePem(recipient)).toString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(auditTypes()).contains("AWS_ENCRYPTION_CERTIFICATE_UPLOADED");

        Path encrypted = Files.writeString(dir.resolve("encrypted.xml"), xml(launch()));
        Path key = Files.writeString(dir.resolve("key.pem"), TestEncryption.privateKeyPem(recipient));
        Path decrypted = dir.resolve("decrypted.xml");
        Peers.Result decrypt = Peers.run(List.of(Peers.xmlsec1(), "--decrypt", "--privkey-pem", key.toString(),
                "--output", decrypted.toString(), encrypted.toString()), Map.of(), null);
        assertThat(decrypt.exitCode()).as(decrypt.output()).isZero();
        String plain = Files.readString(decrypted);
        assertThat(plain).contains("<saml2:Assertion").contains("alice@example.com").doesNotContain("EncryptedData");

        Path cert = Files.writeString(dir.resolve("idp.pem"), "-----BEGIN CERTIFICATE-----\n" + signingCertificate() + "\n-----END CERTIFICATE-----\n");
        Peers.Result verify = Peers.run(List.of(Peers.xmlsec1(), "--verify", "--enabled-key-data", "raw-x509-cert",
                "--pubkey-cert-pem", cert.toString(), "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                decrypted.toString()), Map.of(), null);
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("OK");

        // The emulator's provider has no key for this certificate: the launch is refused and no session starts.
        useProviderAcs();
        HttpResponse<String> console = consolePost(launch());
        assertThat(console.statusCode()).isEqualTo(400);
        assertThat(console.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("aws_console="));
    }

    private void useProviderAcs() {
        ic.center().services().applications().update("test", app, new AppInput("external-aws-account", "Encrypted account",
                null, aws.baseUrl() + "/saml/acs/" + uuid, null, null, null));
    }

    private HttpResponse<String> put(String body) {
        return ic.send(ic.admin("/api/apps/" + app + "/aws-encryption").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String launch() {
        return PostBindingPage.samlResponse(Http.browser(ic.baseUrl()).signIn("alice", TestData.PASSWORD).get("/launch/" + app).body());
    }

    private void assertLandsInConsole(String assertion) {
        HttpResponse<String> r = consolePost(assertion);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("aws_console="));
    }

    private HttpResponse<String> consolePost(String assertion) {
        return aws.send(HttpRequest.newBuilder(URI.create(aws.baseUrl() + "/saml/acs/" + uuid))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(Map.of("SAMLResponse", assertion)))).build());
    }

    private void assertStsAccepts(String assertion) {
        Peers.Output r = aws.aws("sts", "assume-role-with-saml", "--role-arn", ROLE_ARN, "--principal-arn", PROVIDER_ARN,
                "--saml-assertion", assertion);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("assumed-role/Encrypted/alice@example.com");
    }

    private List<String> auditTypes() {
        return ic.center().services().audit().recent(100).stream().map(AuditLog.Event::type).toList();
    }

    private String metadata() {
        HttpResponse<String> r = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps/" + app + "/saml-metadata")).build());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private String signingCertificate() {
        Matcher m = Pattern.compile("<ds:X509Certificate>([^<]+)</ds:X509Certificate>").matcher(metadata());
        assertThat(m.find()).isTrue();
        return m.group(1).replaceAll("\\s", "");
    }

    private static String xml(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
