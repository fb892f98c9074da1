package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.TestIdpMetadata;
import dev.gatehouse.awsemulator.sts.StsScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCESS_KEY_ID;
import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static dev.gatehouse.awsemulator.TestAwsEmulator.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13's IAM operations through the AWS SDK for Java v2: its paginators over every list, markers the
 * emulator did not write, AWS's managed policies, UpdateSAMLProvider without a document and RoleLastUsed after
 * an AssumeRoleWithSAML.
 */
class IamOperationsSdkTest {
    private StsScenario scenario;
    private IamClient iam;

    @BeforeEach
    void start() {
        scenario = StsScenario.start();
        iam = IamClient.builder().endpointOverride(URI.create(scenario.aws.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET))).build();
    }

    @AfterEach
    void stop() {
        iam.close();
        scenario.aws.close();
    }

    private static void refused(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }

    @Test
    void paginatorsWalkEveryListAndForeignMarkersAreRefused() {
        for (int n = 0; n < 7; n++) {
            int i = n;
            iam.createRole(b -> b.roleName("Paged" + i).assumeRolePolicyDocument(IamRolePoliciesCliTest.TRUST));
            iam.putRolePolicy(b -> b.roleName("Paged0").policyName("Inline" + i).policyDocument(IamRolePoliciesCliTest.ADMIN));
            iam.tagRole(b -> b.roleName("Paged0").tags(Tag.builder().key("k" + i).value("v").build()));
        }
        var firstPage = iam.listRoles(b -> b.maxItems(3));
        assertThat(firstPage.isTruncated()).isTrue();
        assertThat(firstPage.roles()).hasSize(3);
        assertThat(iam.listRolesPaginator(b -> b.maxItems(3)).roles().stream().map(Role::roleName))
                .containsExactly("Demo", "Paged0", "Paged1", "Paged2", "Paged3", "Paged4", "Paged5", "Paged6", "ReadOnly");
        assertThat(iam.listRolePoliciesPaginator(b -> b.roleName("Paged0").maxItems(2)).policyNames()).hasSize(7);
        assertThat(iam.listRoleTagsPaginator(b -> b.roleName("Paged0").maxItems(2)).tags()).hasSize(7);
        assertThat(iam.listAttachedRolePoliciesPaginator(b -> b.roleName("Demo").maxItems(1)).attachedPolicies()).hasSize(2);
        assertThat(iam.listPoliciesPaginator(b -> b.scope(PolicyScopeType.LOCAL).maxItems(1)).policies()).hasSize(2);

        refused(() -> iam.listRoles(b -> b.marker("not-a-marker-we-wrote")), 400, "ValidationError", "Invalid Marker.");
        refused(() -> iam.listRoles(b -> b.maxItems(0)), 400, "ValidationError",
                "Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
        refused(() -> iam.listRoles(b -> b.maxItems(1001)), 400, "ValidationError", "less than or equal to 1000");
    }

    @Test
    void iamClientSignedForTheGlobalPseudoRegionIsRefusedAsOnAws() {
        // An endpoint override keeps the SDK from mapping aws-global to us-east-1; AWS refuses that scope.
        try (IamClient global = IamClient.builder().endpointOverride(URI.create(scenario.aws.baseUrl())).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET))).build()) {
            refused(global::listRoles, 403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region, not 'aws-global'.");
        }
    }

    @Test
    void awsManagedPoliciesExistWithTheirDocumentsAndScopes() {
        List<Policy> aws = iam.listPoliciesPaginator(b -> b.scope(PolicyScopeType.AWS).maxItems(1000)).policies().stream().toList();
        assertThat(aws).hasSize(AwsManagedPolicies.all().size()).hasSizeGreaterThan(1000);
        for (String arn : List.of("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "job-function/ViewOnlyAccess",
                "SecurityAudit", "job-function/Billing", "job-function/SupportUser", "job-function/DatabaseAdministrator",
                "job-function/DataScientist", "job-function/NetworkAdministrator", "job-function/SystemAdministrator",
                "SignInLocalDevelopmentAccess")) {
            Policy p = iam.getPolicy(b -> b.policyArn("arn:aws:iam::aws:policy/" + arn)).policy();
            assertThat(p.isAttachable()).isTrue();
            String document = iam.getPolicyVersion(b -> b.policyArn(p.arn()).versionId(p.defaultVersionId())).policyVersion().document();
            assertThat(document).as(arn).contains("%22Statement%22");
        }
        assertThat(iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies()).extracting(Policy::policyName)
                .containsExactly("DemoEc2Describe", "DemoS3Read");
        iam.attachRolePolicy(b -> b.roleName("ReadOnly").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertThat(iam.listPolicies(b -> b.scope(PolicyScopeType.AWS).onlyAttached(true)).policies()).extracting(Policy::policyName)
                .containsExactly("ReadOnlyAccess");
        refused(() -> iam.getPolicyVersion(b -> b.policyArn("arn:aws:iam::aws:policy/AdministratorAccess").versionId("v2")), 404,
                "NoSuchEntity", "Policy arn:aws:iam::aws:policy/AdministratorAccess version v2 does not exist or is not attachable.");
        refused(() -> iam.deletePolicy(b -> b.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")), 403, "AccessDenied", "iam:DeletePolicy");
        refused(() -> iam.tagPolicy(b -> b.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess").tags(Tag.builder().key("a").value("b").build())),
                403, "AccessDenied", "iam:TagPolicy");
    }

    @Test
    void updateSamlProviderWithoutADocumentKeepsTheProvider() {
        String before = iam.getSAMLProvider(b -> b.samlProviderArn(StsScenario.PROVIDER_ARN)).samlMetadataDocument();
        assertThat(iam.updateSAMLProvider(b -> b.samlProviderArn(StsScenario.PROVIDER_ARN)).samlProviderArn()).isEqualTo(StsScenario.PROVIDER_ARN);
        assertThat(iam.getSAMLProvider(b -> b.samlProviderArn(StsScenario.PROVIDER_ARN)).samlMetadataDocument()).isEqualTo(before);
        String other = TestIdpMetadata.metadata("https://other.example.test/metadata");
        iam.updateSAMLProvider(b -> b.samlProviderArn(StsScenario.PROVIDER_ARN).samlMetadataDocument(other));
        assertThat(scenario.aws.iam().getSamlProvider(StsScenario.PROVIDER_ARN).entityId()).isEqualTo("https://other.example.test/metadata");
    }

    @Test
    void roleLastUsedIsSetWhenTheRoleIsAssumed() {
        assertThat(iam.getRole(b -> b.roleName("Demo")).role().roleLastUsed().lastUsedDate()).isNull();
        HttpResponse<String> assumed = scenario.assume(StsScenario.ROLE_ARN, StsScenario.PROVIDER_ARN, scenario.response().base64(), null);
        assertThat(assumed.statusCode()).as(assumed.body()).isEqualTo(200);
        var lastUsed = iam.getRole(b -> b.roleName("Demo")).role().roleLastUsed();
        assertThat(lastUsed.lastUsedDate()).isNotNull();
        assertThat(lastUsed.region()).isEqualTo("us-east-1");
        assertThat(iam.getRole(b -> b.roleName("ReadOnly")).role().roleLastUsed().lastUsedDate()).isNull();
    }

    @Test
    void badInputToTheNewActionsIsA4xxAndChangesNothing() {
        refused(() -> iam.putRolePolicy(b -> b.roleName("Demo").policyName("P")), 400, "ValidationError",
                "Value null at 'policyDocument' failed to satisfy constraint: Member must not be null");
        refused(() -> iam.tagRole(b -> b.roleName("Demo")), 400, "ValidationError", "'tags'");
        refused(() -> iam.untagRole(b -> b.roleName("Demo")), 400, "ValidationError", "'tagKeys'");
        refused(() -> iam.updateRole(b -> b.roleName("Demo").maxSessionDuration(60)), 400, "ValidationError",
                "Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600");
        refused(() -> iam.deleteRolePermissionsBoundary(b -> b.roleName("Demo")), 404, "NoSuchEntity", "Demo");
        refused(() -> iam.createRole(b -> b.roleName("T").assumeRolePolicyDocument(IamRolePoliciesCliTest.TRUST)
                .tags(Tag.builder().key("x".repeat(129)).value("v").build())), 400, "ValidationError",
                "at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128");
        refused(() -> iam.createRole(b -> b.roleName("T").assumeRolePolicyDocument(IamRolePoliciesCliTest.TRUST)
                .permissionsBoundary("arn:aws:iam::aws:policy/NoSuchThing")), 400, "InvalidInput", "is not valid.");
        assertThat(scenario.aws.iam().listRoles(ACCOUNT_ID)).extracting(IamRole::roleName).containsExactly("Demo", "ReadOnly");
        assertThat(scenario.aws.iam().listRolePolicies(ACCOUNT_ID, "Demo")).isEmpty();
    }

    @Test
    void policyVersionHistoryIsNotEmulatedAndSaysSo() {
        refused(() -> iam.listPolicyVersions(b -> b.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")), 400, "InvalidAction",
                "Could not find operation ListPolicyVersions");
        refused(() -> iam.createPolicyVersion(b -> b.policyArn("arn:aws:iam::" + ACCOUNT_ID + ":policy/DemoS3Read")
                .policyDocument(IamRolePoliciesCliTest.ADMIN)), 400, "InvalidAction", "Could not find operation CreatePolicyVersion");
    }
}
