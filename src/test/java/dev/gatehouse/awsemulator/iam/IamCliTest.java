package dev.gatehouse.awsemulator.iam;

import static dev.gatehouse.awsemulator.iam.CliAnswers.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Peers;
import dev.gatehouse.awsemulator.TestIdpMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** IAM through the real AWS CLI v2 (Debian's, at /usr/bin/aws), signed with SigV4 by the CLI itself. */
class IamCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":saml-provider/Gatehouse";
    private TestAwsEmulator aws;

    @BeforeEach
    void start() {
        TestAwsEmulator.requireAwsCli();
        aws = TestAwsEmulator.start();
    }

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(aws.dataDir().resolve(name), content);
    }


    private void createProvider() throws Exception {
        Path metadata = file("idp.xml", TestIdpMetadata.metadata("https://idp.example.test/saml/metadata"));
        json(aws.aws("iam", "create-saml-provider", "--name", "Gatehouse", "--saml-metadata-document", "file://" + metadata));
    }

    @Test
    void samlProviderCreateGetListUpdateDeleteWithCli() throws Exception {
        String metadata = TestIdpMetadata.metadata("https://idp.example.test/saml/metadata", List.of(TestIdpMetadata.certificate(2048, "a")),
                Instant.parse("2031-01-02T03:04:05Z"));
        Path file = file("idp.xml", metadata);

        JsonNode created = json(aws.aws("iam", "create-saml-provider", "--name", "Gatehouse", "--saml-metadata-document", "file://" + file));
        assertThat(created.path("SAMLProviderArn").asText()).isEqualTo(PROVIDER_ARN);

        JsonNode got = json(aws.aws("iam", "get-saml-provider", "--saml-provider-arn", PROVIDER_ARN));
        assertThat(got.path("SAMLMetadataDocument").asText()).isEqualTo(metadata);
        assertThat(got.path("ValidUntil").asText()).startsWith("2031-01-02T03:04:05");
        assertThat(aws.iam().getSamlProvider(PROVIDER_ARN).uuid()).matches("SAMLSP[A-Z0-9]{16}");

        JsonNode list = json(aws.aws("iam", "list-saml-providers"));
        assertThat(list.path("SAMLProviderList").findValuesAsText("Arn")).containsExactly(PROVIDER_ARN);

        Path rotated = file("rotated.xml", TestIdpMetadata.metadata("https://idp.example.test/saml/metadata",
                List.of(TestIdpMetadata.certificate(2048, "old"), TestIdpMetadata.certificate(2048, "new")), null));
        JsonNode updated = json(aws.aws("iam", "update-saml-provider", "--saml-provider-arn", PROVIDER_ARN,
                "--saml-metadata-document", "file://" + rotated));
        assertThat(updated.path("SAMLProviderArn").asText()).isEqualTo(PROVIDER_ARN);
        assertThat(aws.iam().getSamlProvider(PROVIDER_ARN).signingCertificates()).hasSize(2);

        Peers.Output deleted = aws.aws("iam", "delete-saml-provider", "--saml-provider-arn", PROVIDER_ARN);
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
        assertThat(json(aws.aws("iam", "list-saml-providers")).path("SAMLProviderList")).isEmpty();
    }

    @Test
    void roleWithSamlTrustAndTwoAttachedPoliciesWithCli() throws Exception {
        createProvider();
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"*\"}]}";
        JsonNode p1 = json(aws.aws("iam", "create-policy", "--policy-name", "ReadBuckets", "--policy-document", doc));
        JsonNode p2 = json(aws.aws("iam", "create-policy", "--policy-name", "Describe", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"ec2:Describe*\"],\"Resource\":[\"*\"]}}"));
        String arn1 = p1.path("Policy").path("Arn").asText();
        assertThat(arn1).isEqualTo("arn:aws:iam::" + ACCOUNT_ID + ":policy/ReadBuckets");
        assertThat(p1.path("Policy").path("PolicyId").asText()).matches("ANPA[A-Z0-9]{17}");

        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER_ARN
                + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}}]}";
        JsonNode role = json(aws.aws("iam", "create-role", "--role-name", "GatehouseAdmin", "--assume-role-policy-document", trust,
                "--max-session-duration", "7200"));
        assertThat(role.path("Role").path("Arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT_ID + ":role/GatehouseAdmin");
        assertThat(role.path("Role").path("RoleId").asText()).matches("AROA[A-Z0-9]{17}");

        json(aws.aws("iam", "attach-role-policy", "--role-name", "GatehouseAdmin", "--policy-arn", arn1));
        json0(aws.aws("iam", "attach-role-policy", "--role-name", "GatehouseAdmin", "--policy-arn", p2.path("Policy").path("Arn").asText()));
        JsonNode attached = json(aws.aws("iam", "list-attached-role-policies", "--role-name", "GatehouseAdmin"));
        assertThat(attached.path("AttachedPolicies").findValuesAsText("PolicyName")).containsExactlyInAnyOrder("ReadBuckets", "Describe");

        JsonNode got = json(aws.aws("iam", "get-role", "--role-name", "GatehouseAdmin"));
        // The CLI URL-decodes the document AWS sends encoded and prints it as JSON.
        assertThat(got.path("Role").path("AssumeRolePolicyDocument").path("Statement").get(0).path("Principal").path("Federated").asText())
                .isEqualTo(PROVIDER_ARN);
        assertThat(got.path("Role").path("MaxSessionDuration").asInt()).isEqualTo(7200);

        JsonNode version = json(aws.aws("iam", "get-policy-version", "--policy-arn", arn1, "--version-id", "v1"));
        assertThat(version.path("PolicyVersion").path("Document").path("Statement").get(0).path("Action").asText()).isEqualTo("s3:ListAllMyBuckets");

        Peers.Output conflict = aws.aws("iam", "delete-role", "--role-name", "GatehouseAdmin");
        assertThat(conflict.exitCode()).isEqualTo(254);
        assertThat(conflict.stderr()).contains("(DeleteConflict)");
        Peers.Output policyConflict = aws.aws("iam", "delete-policy", "--policy-arn", arn1);
        assertThat(policyConflict.stderr()).contains("(DeleteConflict)");
    }

    private static void json0(Peers.Output r) {
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    @Test
    void wrongSecretThenSignatureDoesNotMatch() {
        Peers.Output r = aws.awsAs(TestAwsEmulator.ACCESS_KEY_ID, "wrongSecretKey/abcdefghijklmnopqrstuvwxyz12", "iam", "list-roles");
        assertThat(r.exitCode()).isEqualTo(254);
        assertThat(r.stderr()).contains("An error occurred (SignatureDoesNotMatch) when calling the ListRoles operation: "
                + "The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void unknownAccessKeyThenInvalidClientTokenId() {
        Peers.Output r = aws.awsAs("AKIAUNKNOWNKEY000001", TestAwsEmulator.SECRET, "iam", "list-roles");
        assertThat(r.exitCode()).isEqualTo(254);
        assertThat(r.stderr()).contains("(InvalidClientTokenId)").contains("The security token included in the request is invalid.");
    }

    @Test
    void unsignedThenMissingAuthenticationToken() {
        Peers.Output r = aws.aws("iam", "list-roles", "--no-sign-request");
        assertThat(r.exitCode()).isEqualTo(254);
        assertThat(r.stderr()).contains("(MissingAuthenticationToken)").contains("Request is missing Authentication Token");
    }

    @Test
    void duplicateProviderThenEntityAlreadyExists() throws Exception {
        createProvider();
        Path metadata = file("other.xml", TestIdpMetadata.metadata("https://other.example.test/metadata"));
        Peers.Output r = aws.aws("iam", "create-saml-provider", "--name", "Gatehouse", "--saml-metadata-document", "file://" + metadata);
        assertThat(r.exitCode()).isEqualTo(254);
        assertThat(r.stderr()).contains("(EntityAlreadyExists)");
        assertThat(aws.iam().getSamlProvider(PROVIDER_ARN).entityId()).isEqualTo("https://idp.example.test/saml/metadata");
    }

    @Test
    void metadataWith512BitKeyThenInvalidInputAndNothingCreated() throws Exception {
        Path weak = file("weak.xml", TestIdpMetadata.metadataFromDer("https://idp.example.test/saml/metadata",
                List.of(TestIdpMetadata.certificateDer(512, "weak", false)), null));
        Peers.Output r = aws.aws("iam", "create-saml-provider", "--name", "Weak", "--saml-metadata-document", "file://" + weak);
        assertThat(r.exitCode()).isEqualTo(254);
        assertThat(r.stderr()).contains("An error occurred (InvalidInput) when calling the CreateSAMLProvider operation: Could not parse metadata");
        assertThat(aws.iam().listSamlProviders(ACCOUNT_ID)).isEmpty();
    }

    @Test
    void malformedPolicyThenMalformedPolicyDocumentAndNothingCreated() {
        Peers.Output r = aws.aws("iam", "create-policy", "--policy-name", "Broken", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}");
        assertThat(r.exitCode()).isEqualTo(254);
        assertThat(r.stderr()).contains("(MalformedPolicyDocument)").contains("Missing required field Resource");
        assertThat(aws.iam().listPolicies(ACCOUNT_ID)).isEmpty();
    }

    @Test
    void badRoleNameThenValidationError() {
        Peers.Output r = aws.aws("iam", "create-role", "--role-name", "bad name!", "--assume-role-policy-document", "{}");
        assertThat(r.exitCode()).isEqualTo(254);
        assertThat(r.stderr()).contains("(ValidationError)")
                .contains("Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        assertThat(aws.iam().listRoles(ACCOUNT_ID)).isEmpty();
    }
}
