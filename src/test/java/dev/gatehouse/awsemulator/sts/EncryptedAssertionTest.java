package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.iam.SamlProvider;
import dev.gatehouse.samlxml.TestEncryption;
import dev.gatehouse.samlxml.TestSamlResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.gatehouse.awsemulator.sts.StsScenario.ACCOUNT;
import static dev.gatehouse.awsemulator.sts.StsScenario.PROVIDER_ARN;
import static dev.gatehouse.awsemulator.sts.StsScenario.xml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encrypted assertions end to end on the emulator: a provider with a private key decrypts an EncryptedAssertion
 * (STS and the console's per-provider ACS), verifies the signature inside, refuses plaintext in Required mode and
 * refuses what none of its keys decrypts, with one text whatever the reason.
 */
class EncryptedAssertionTest {
    private static final TestSamlResponses.SigningIdentity KEY = TestEncryption.keyPair("Encryption key");
    private static final TestSamlResponses.SigningIdentity OTHER = TestEncryption.keyPair("Someone else's key");
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/Encrypted";

    private StsScenario scenario;
    private IamService iam;
    private String acs;

    @BeforeEach
    void start() {
        scenario = StsScenario.start();
        iam = scenario.aws.iam();
        SamlProvider provider = iam.updateSamlProvider(PROVIDER_ARN, null, "Allowed", TestEncryption.privateKeyPem(KEY), null);
        acs = scenario.aws.baseUrl() + "/saml/acs/" + provider.uuid();
        // AWS takes saml:aud from the Recipient: the provider's own ACS, written as AWS's URL.
        iam.createRole(ACCOUNT, "Encrypted", "/", StsScenario.trust(PROVIDER_ARN, "\"sts:AssumeRoleWithSAML\"",
                "{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml/acs/" + provider.uuid() + "\"}}"), 3600, null);
    }

    @AfterEach
    void stop() {
        scenario.close();
    }

    private TestSamlResponses.Builder toAcs() {
        return StsScenario.IDP.response().recipient(acs).role(ROLE, PROVIDER_ARN);
    }

    @Test
    void encryptedAssertionIsDecryptedVerifiedAndAccepted() {
        HttpResponse<String> r = scenario.assume(ROLE, PROVIDER_ARN, TestEncryption.encrypted(toAcs(), KEY), null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(xml(r.body(), "AccessKeyId")).startsWith("ASIA");
        assertThat(xml(r.body(), "Audience")).isEqualTo("https://signin.aws.amazon.com/saml/acs/" + iam.getSamlProvider(PROVIDER_ARN).uuid());
        // Allowed mode still takes plaintext at the shared endpoint.
        HttpResponse<String> plain = scenario.assume(scenario.response().base64());
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    }

    @Test
    void consoleSignInAtTheProvidersAcsLandsInTheConsole() {
        String path = "/saml/acs/" + iam.getSamlProvider(PROVIDER_ARN).uuid();
        HttpResponse<String> r = scenario.post(path, Map.of("SAMLResponse", TestEncryption.encrypted(toAcs(), KEY)), null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("aws_console="));
        // The shared /saml cannot know whose key to use: an encrypted assertion there is an invalid response.
        HttpResponse<String> shared = scenario.post("/saml", Map.of("SAMLResponse", TestEncryption.encrypted(toAcs(), KEY)), null);
        assertThat(shared.statusCode()).isEqualTo(400);
        assertThat(shared.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("aws_console="));
        HttpResponse<String> unknown = scenario.post("/saml/acs/SAMLSPNOSUCHPROVIDER000", Map.of("SAMLResponse",
                TestEncryption.encrypted(toAcs(), KEY)), null);
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    @Test
    void requiredModeRefusesPlaintextAndTheSharedEndpoint() {
        iam.updateSamlProvider(PROVIDER_ARN, null, "Required", null, null);

        HttpResponse<String> plain = scenario.assume(ROLE, PROVIDER_ARN, toAcs().base64(), null);
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(xml(plain.body(), "Code")).isEqualTo("InvalidIdentityToken");
        assertThat(xml(plain.body(), "Message")).isEqualTo(AssumeRoleWithSaml.ENCRYPTION_REQUIRED);

        HttpResponse<String> sharedRecipient = scenario.assume(ROLE, PROVIDER_ARN,
                TestEncryption.encrypted(StsScenario.IDP.response().recipient(scenario.aws.baseUrl() + "/saml").role(ROLE, PROVIDER_ARN), KEY), null);
        assertThat(sharedRecipient.statusCode()).isEqualTo(400);
        assertThat(xml(sharedRecipient.body(), "Message")).isEqualTo("The Recipient of the response is not an AWS sign-in endpoint.");

        HttpResponse<String> encrypted = scenario.assume(ROLE, PROVIDER_ARN, TestEncryption.encrypted(toAcs(), KEY), null);
        assertThat(encrypted.statusCode()).as(encrypted.body()).isEqualTo(200);
    }

    @Test
    void wrongKeyAndTamperedCiphertextAreRefusedAlikeAndChangeNothing() {
        HttpResponse<String> wrongKey = scenario.assume(ROLE, PROVIDER_ARN, TestEncryption.encrypted(toAcs(), OTHER), null);
        HttpResponse<String> tampered = scenario.assume(ROLE, PROVIDER_ARN,
                TestEncryption.encrypted(toAcs(), KEY, TestEncryption::tamperCiphertext), null);

        for (HttpResponse<String> r : java.util.List.of(wrongKey, tampered)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(xml(r.body(), "Code")).isEqualTo("InvalidIdentityToken");
            assertThat(xml(r.body(), "Message")).isEqualTo(AssumeRoleWithSaml.UNDECRYPTABLE);
        }
        assertThat(iam.findRoleByArn(ROLE).orElseThrow().lastUsedDate()).as("no session was issued").isNull();
        String path = "/saml/acs/" + iam.getSamlProvider(PROVIDER_ARN).uuid();
        HttpResponse<String> console = scenario.post(path, Map.of("SAMLResponse", TestEncryption.encrypted(toAcs(), OTHER)), null);
        assertThat(console.statusCode()).isEqualTo(400);
        assertThat(console.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("aws_console="));
    }

    @Test
    void anEncryptedAssertionSignedByAnotherKeyIsRefusedAfterDecryptionLikeOneThatDoesNotDecrypt() {
        // Once decrypted, anything short of a verified signature gets the decryption refusal's one text, so an altered
        // ciphertext does not tell its sender whether its plaintext parsed (no oracle for CBC's malleability).
        TestSamlResponses.Builder forged = toAcs().signWith(TestSamlResponses.SigningIdentity.generate("Attacker"));
        HttpResponse<String> r = scenario.assume(ROLE, PROVIDER_ARN, TestEncryption.encrypted(forged, KEY), null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(xml(r.body(), "Message")).isEqualTo(AssumeRoleWithSaml.UNDECRYPTABLE);
    }

    @Test
    void encryptedAndUnsignedIsRefused() {
        HttpResponse<String> r = scenario.assume(ROLE, PROVIDER_ARN, TestEncryption.encrypted(toAcs().unsigned(), KEY), null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(xml(r.body(), "Code")).isEqualTo("InvalidIdentityToken");
    }
}
