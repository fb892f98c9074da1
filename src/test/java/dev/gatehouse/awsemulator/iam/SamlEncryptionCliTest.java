package dev.gatehouse.awsemulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.TestIdpMetadata;
import dev.gatehouse.samlxml.TestEncryption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static dev.gatehouse.awsemulator.iam.CliAnswers.fails;
import static dev.gatehouse.awsemulator.iam.CliAnswers.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SAML provider's encryption settings through the real AWS CLI v2: {@code --assertion-encryption-mode},
 * {@code --add-private-key}, {@code --remove-private-key} and what {@code get-saml-provider} shows. Debian's CLI
 * (2.9.19, 2023) predates these members, so the test gives it the newer shapes the way a user would, through
 * AWS_DATA_PATH (where {@code aws configure add-model} writes).
 */
class SamlEncryptionCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLI_IAM_MODEL = Path.of("/usr/lib/python3/dist-packages/awscli/botocore/data/iam/2010-05-08/service-2.json");
    private static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":saml-provider/Encrypted";
    private TestAwsEmulator aws;
    private Path models;

    @BeforeEach
    void start() throws Exception {
        TestAwsEmulator.requireAwsCli();
        aws = TestAwsEmulator.start();
        models = newerIamModel(aws.dataDir().resolve("models"));
    }

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    /** The CLI's own IAM model with the 2025 encryption shapes merged in. */
    private static Path newerIamModel(Path dir) throws Exception {
        ObjectNode model = (ObjectNode) JSON.readTree(CLI_IAM_MODEL.toFile());
        try (InputStream in = SamlEncryptionCliTest.class.getResourceAsStream("/interop/iam-saml-encryption-shapes.json")) {
            JsonNode shapes = JSON.readTree(in).path("shapes");
            shapes.fieldNames().forEachRemaining(name -> ((ObjectNode) model.path("shapes")).set(name, shapes.get(name)));
        }
        Path file = dir.resolve("iam/2010-05-08/service-2.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(model));
        return dir;
    }

    private JsonNode cli(String... args) throws Exception {
        return json(aws.awsWithModels(models, args));
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(aws.dataDir().resolve(name), content);
    }

    @Test
    void createWithAKeyThenRotateAndRemoveWithTheCli() throws Exception {
        Path metadata = file("idp.xml", TestIdpMetadata.metadata("https://idp.example.test/saml/metadata"));
        Path first = file("first.pem", TestEncryption.privateKeyPem(TestEncryption.keyPair("first")));
        Path second = file("second.pem", TestEncryption.privateKeyPem(TestEncryption.keyPair("second")));
        Path third = file("third.pem", TestEncryption.privateKeyPem(TestEncryption.keyPair("third")));

        cli("iam", "create-saml-provider", "--name", "Encrypted", "--saml-metadata-document", "file://" + metadata,
                "--assertion-encryption-mode", "Required", "--add-private-key", "file://" + first);
        JsonNode got = cli("iam", "get-saml-provider", "--saml-provider-arn", PROVIDER_ARN);
        assertThat(got.path("AssertionEncryptionMode").asText()).isEqualTo("Required");
        assertThat(got.path("PrivateKeyList")).hasSize(1);
        String firstId = got.path("PrivateKeyList").get(0).path("KeyId").asText();
        assertThat(firstId).matches("[A-Z0-9]{22,64}");
        assertThat(got.path("PrivateKeyList").get(0).path("Timestamp").asText()).isNotBlank();
        assertThat(got.toString()).doesNotContain("PRIVATE KEY");

        cli("iam", "update-saml-provider", "--saml-provider-arn", PROVIDER_ARN, "--add-private-key", "file://" + second);
        fails(aws.awsWithModels(models, "iam", "update-saml-provider", "--saml-provider-arn", PROVIDER_ARN,
                "--add-private-key", "file://" + third), "(LimitExceeded)");
        assertThat(keyIds()).hasSize(2).contains(firstId);

        cli("iam", "update-saml-provider", "--saml-provider-arn", PROVIDER_ARN, "--remove-private-key", firstId);
        assertThat(keyIds()).hasSize(1).doesNotContain(firstId);
        fails(aws.awsWithModels(models, "iam", "update-saml-provider", "--saml-provider-arn", PROVIDER_ARN,
                "--remove-private-key", firstId), "(NoSuchEntity)");

        cli("iam", "update-saml-provider", "--saml-provider-arn", PROVIDER_ARN, "--assertion-encryption-mode", "Allowed");
        assertThat(cli("iam", "get-saml-provider", "--saml-provider-arn", PROVIDER_ARN).path("AssertionEncryptionMode").asText())
                .isEqualTo("Allowed");
    }

    @Test
    void badKeysAndModesAreRefusedAndChangeNothing() throws Exception {
        Path metadata = file("idp.xml", TestIdpMetadata.metadata("https://idp.example.test/saml/metadata"));
        cli("iam", "create-saml-provider", "--name", "Encrypted", "--saml-metadata-document", "file://" + metadata);
        Path notAKey = file("cert.pem", TestEncryption.certificatePem(TestEncryption.keyPair("a certificate")));

        fails(aws.awsWithModels(models, "iam", "update-saml-provider", "--saml-provider-arn", PROVIDER_ARN,
                "--add-private-key", "file://" + notAKey), "(InvalidInput)");
        fails(aws.awsWithModels(models, "iam", "update-saml-provider", "--saml-provider-arn", PROVIDER_ARN,
                "--assertion-encryption-mode", "Required"), "(InvalidInput)");
        fails(aws.awsWithModels(models, "iam", "update-saml-provider", "--saml-provider-arn", PROVIDER_ARN,
                "--remove-private-key", "NOSUCHKEY0000000000000000"), "(NoSuchEntity)");

        JsonNode got = cli("iam", "get-saml-provider", "--saml-provider-arn", PROVIDER_ARN);
        assertThat(got.has("AssertionEncryptionMode")).isFalse();
        assertThat(got.path("PrivateKeyList")).isEmpty();
    }

    @Test
    void updateSamlProviderIsRecordedWithTheKeyHidden() throws Exception {
        Path metadata = file("idp.xml", TestIdpMetadata.metadata("https://idp.example.test/saml/metadata"));
        Path key = file("key.pem", TestEncryption.privateKeyPem(TestEncryption.keyPair("recorded")));
        cli("iam", "create-saml-provider", "--name", "Encrypted", "--saml-metadata-document", "file://" + metadata);
        cli("iam", "update-saml-provider", "--saml-provider-arn", PROVIDER_ARN, "--add-private-key", "file://" + key);

        JsonNode events = json(aws.aws("cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=EventName,AttributeValue=UpdateSAMLProvider"));
        assertThat(events.path("Events")).hasSize(1);
        JsonNode record = JSON.readTree(events.path("Events").get(0).path("CloudTrailEvent").asText());
        assertThat(record.path("requestParameters").path("addPrivateKey").asText()).isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
        assertThat(record.toString()).doesNotContain("PRIVATE KEY");
    }

    private List<String> keyIds() throws Exception {
        List<String> ids = new ArrayList<>();
        cli("iam", "get-saml-provider", "--saml-provider-arn", PROVIDER_ARN).path("PrivateKeyList")
                .forEach(k -> ids.add(k.path("KeyId").asText()));
        return ids;
    }
}
