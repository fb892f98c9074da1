package dev.gatehouse.awsemulator.iam;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.params.Parameter;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.TestIdpMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM through the AWS SDK for Java v2, which also signs x-amz-content-sha256 and its own headers. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class IamSdkTest {
    private TestAwsEmulator aws;
    private IamClient iam;

    @Parameter
    TestDatabase.Kind database;

    @BeforeEach
    void start() {
        aws = TestAwsEmulator.start(database);
        iam = client(TestAwsEmulator.SECRET);
    }

    @AfterEach
    void stop() {
        iam.close();
        aws.close();
    }

    private IamClient client(String secret) {
        return IamClient.builder().endpointOverride(URI.create(aws.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestAwsEmulator.ACCESS_KEY_ID, secret)))
                .build();
    }

    @Test
    void providerPoliciesRoleAndAttachmentsWithSdk() {
        String metadata = TestIdpMetadata.metadata("https://idp.example.test/saml/metadata");
        String providerArn = iam.createSAMLProvider(b -> b.name("Gatehouse").samlMetadataDocument(metadata)).samlProviderArn();
        assertThat(providerArn).isEqualTo("arn:aws:iam::" + ACCOUNT_ID + ":saml-provider/Gatehouse");
        var got = iam.getSAMLProvider(b -> b.samlProviderArn(providerArn));
        assertThat(got.samlMetadataDocument()).isEqualTo(metadata);
        assertThat(got.createDate()).isNotNull();
        assertThat(got.validUntil()).isAfter(got.createDate());

        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}";
        String a1 = iam.createPolicy(b -> b.policyName("One").policyDocument(doc)).policy().arn();
        String a2 = iam.createPolicy(b -> b.policyName("Two").policyDocument(doc).path("/team/")).policy().arn();
        assertThat(a2).isEqualTo("arn:aws:iam::" + ACCOUNT_ID + ":policy/team/Two");

        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + providerArn
                + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}}]}";
        var role = iam.createRole(b -> b.roleName("SdkRole").assumeRolePolicyDocument(trust)).role();
        assertThat(role.roleId()).matches("AROA[A-Z0-9]{17}");
        assertThat(role.maxSessionDuration()).isEqualTo(3600);
        iam.attachRolePolicy(b -> b.roleName("SdkRole").policyArn(a1));
        iam.attachRolePolicy(b -> b.roleName("SdkRole").policyArn(a2));
        assertThat(iam.listAttachedRolePolicies(b -> b.roleName("SdkRole")).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactlyInAnyOrder(a1, a2);

        // The SDK hands back the document as AWS sends it: URL-encoded.
        String encoded = iam.getRole(b -> b.roleName("SdkRole")).role().assumeRolePolicyDocument();
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(trust);
        assertThat(iam.listRoles().roles()).extracting(r -> r.roleName()).containsExactly("SdkRole");
        assertThat(iam.listPolicies(b -> b.scope(software.amazon.awssdk.services.iam.model.PolicyScopeType.LOCAL)).policies()).hasSize(2);
        assertThat(iam.listSAMLProviders().samlProviderList()).hasSize(1);

        iam.detachRolePolicy(b -> b.roleName("SdkRole").policyArn(a1));
        iam.detachRolePolicy(b -> b.roleName("SdkRole").policyArn(a2));
        iam.deleteRole(b -> b.roleName("SdkRole"));
        assertThatThrownBy(() -> iam.getRole(b -> b.roleName("SdkRole"))).isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The role with name SdkRole cannot be found.");
    }

    @Test
    void roleNameUniqueCaseInsensitivelyThenEntityAlreadyExists() {
        aws.iam().createSamlProvider(ACCOUNT_ID, "P", TestIdpMetadata.metadata("https://idp.example.test/m"));
        String trust = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::" + ACCOUNT_ID
                + ":saml-provider/P\"},\"Action\":\"sts:AssumeRoleWithSAML\"}}";
        iam.createRole(b -> b.roleName("ProdRole").assumeRolePolicyDocument(trust));
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("PRODROLE").assumeRolePolicyDocument(trust)))
                .isInstanceOf(EntityAlreadyExistsException.class);
        // Looked up case-sensitively, as the SAML Role attribute is matched.
        assertThat(aws.iam().findRoleByArn("arn:aws:iam::" + ACCOUNT_ID + ":role/prodrole")).isEmpty();
        assertThat(aws.iam().findRoleByArn("arn:aws:iam::" + ACCOUNT_ID + ":role/ProdRole")).isPresent();
    }

    @Test
    void trustPolicyWithoutPrincipalThenMalformedPolicyDocument() {
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("R").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRoleWithSAML\"}}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("Missing required field Principal");
        assertThat(aws.iam().listRoles(ACCOUNT_ID)).isEmpty();
    }

    @Test
    void maxSessionDurationOutOfRangeThenValidationError() {
        assertThatThrownBy(() -> iam.createRole(b -> b.roleName("R").maxSessionDuration(60).assumeRolePolicyDocument("{}")))
                .isInstanceOf(IamException.class)
                .satisfies(e -> assertThat(((IamException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"))
                .hasMessageContaining("Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600");
    }

    @Test
    void wrongSecretThenSignatureDoesNotMatchWithSdk() {
        try (IamClient bad = client("wrongSecretKey/abcdefghijklmnopqrstuvwxyz12")) {
            assertThatThrownBy(bad::listRoles).isInstanceOf(IamException.class)
                    .satisfies(e -> {
                        assertThat(((IamException) e).statusCode()).isEqualTo(403);
                        assertThat(((IamException) e).awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
    }
}
