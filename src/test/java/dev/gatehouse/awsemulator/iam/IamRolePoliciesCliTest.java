package dev.gatehouse.awsemulator.iam;

import static dev.gatehouse.awsemulator.iam.CliAnswers.fails;
import static dev.gatehouse.awsemulator.iam.CliAnswers.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A role's inline policies, permissions boundary and AWS managed policies through the real AWS CLI v2, following
 * the CLI reference's examples for put-role-policy, get-role-policy, list-role-policies and delete-role-policy.
 */
class IamRolePoliciesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";
    static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
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



    @Test
    void inlinePoliciesPutGetListDeleteAsInTheCliExamples() throws Exception {
        json(aws.aws("iam", "create-role", "--role-name", "Test-Role", "--assume-role-policy-document", TRUST));
        Path file = Files.writeString(aws.dataDir().resolve("AdminPolicy.json"), ADMIN);
        json(aws.aws("iam", "put-role-policy", "--role-name", "Test-Role", "--policy-name", "ExamplePolicy",
                "--policy-document", "file://" + file));
        json(aws.aws("iam", "put-role-policy", "--role-name", "Test-Role", "--policy-name", "CloudwatchPutMetricPolicy",
                "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"cloudwatch:PutMetricData\",\"Resource\":\"*\"}}"));

        JsonNode got = json(aws.aws("iam", "get-role-policy", "--role-name", "Test-Role", "--policy-name", "ExamplePolicy"));
        assertThat(got.path("RoleName").asText()).isEqualTo("Test-Role");
        assertThat(got.path("PolicyName").asText()).isEqualTo("ExamplePolicy");
        assertThat(got.path("PolicyDocument")).isEqualTo(JSON.readTree(ADMIN));

        JsonNode listed = json(aws.aws("iam", "list-role-policies", "--role-name", "Test-Role"));
        assertThat(listed.path("PolicyNames").toString()).isEqualTo("[\"CloudwatchPutMetricPolicy\",\"ExamplePolicy\"]");
        JsonNode page = json(aws.aws("iam", "list-role-policies", "--role-name", "Test-Role", "--max-items", "1"));
        assertThat(page.path("PolicyNames").toString()).isEqualTo("[\"CloudwatchPutMetricPolicy\"]");
        assertThat(page.path("NextToken").asText()).isNotEmpty();

        fails(aws.aws("iam", "delete-role", "--role-name", "Test-Role"),
                "An error occurred (DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must delete policies first.");
        json(aws.aws("iam", "delete-role-policy", "--role-name", "Test-Role", "--policy-name", "ExamplePolicy"));
        fails(aws.aws("iam", "get-role-policy", "--role-name", "Test-Role", "--policy-name", "ExamplePolicy"),
                "An error occurred (NoSuchEntity) when calling the GetRolePolicy operation: The role policy with name ExamplePolicy cannot be found.");
        fails(aws.aws("iam", "delete-role-policy", "--role-name", "Test-Role", "--policy-name", "ExamplePolicy"),
                "(NoSuchEntity) when calling the DeleteRolePolicy operation: The role policy with name ExamplePolicy cannot be found.");
        json(aws.aws("iam", "delete-role-policy", "--role-name", "Test-Role", "--policy-name", "CloudwatchPutMetricPolicy"));
        json(aws.aws("iam", "delete-role", "--role-name", "Test-Role"));
    }

    @Test
    void inlinePolicyRefusalsChangeNothing() throws Exception {
        json(aws.aws("iam", "create-role", "--role-name", "R", "--assume-role-policy-document", TRUST));
        fails(aws.aws("iam", "put-role-policy", "--role-name", "Missing", "--policy-name", "P", "--policy-document", ADMIN),
                "(NoSuchEntity) when calling the PutRolePolicy operation: The role with name Missing cannot be found.");
        fails(aws.aws("iam", "put-role-policy", "--role-name", "R", "--policy-name", "P", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}"),
                "(MalformedPolicyDocument) when calling the PutRolePolicy operation: Missing required field Resource");
        fails(aws.aws("iam", "put-role-policy", "--role-name", "R", "--policy-name", "bad name", "--policy-document", ADMIN),
                "Value 'bad name' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                + "b".repeat(10_200) + "\"}}";
        Path file = Files.writeString(aws.dataDir().resolve("big.json"), big);
        fails(aws.aws("iam", "put-role-policy", "--role-name", "R", "--policy-name", "Big", "--policy-document", "file://" + file),
                "(LimitExceeded) when calling the PutRolePolicy operation: Maximum policy size of 10240 bytes exceeded for role R");
        assertThat(aws.iam().listRolePolicies(ACCOUNT_ID, "R")).isEmpty();
    }

    @Test
    void readOnlyAccessAttachesAndCountsAndDetaches() throws Exception {
        json(aws.aws("iam", "create-role", "--role-name", "Reader", "--assume-role-policy-document", TRUST));
        json(aws.aws("iam", "attach-role-policy", "--role-name", "Reader", "--policy-arn", READ_ONLY));
        JsonNode attached = json(aws.aws("iam", "list-attached-role-policies", "--role-name", "Reader"));
        assertThat(attached.path("AttachedPolicies").get(0).path("PolicyArn").asText()).isEqualTo(READ_ONLY);
        assertThat(attached.path("AttachedPolicies").get(0).path("PolicyName").asText()).isEqualTo("ReadOnlyAccess");

        JsonNode policy = json(aws.aws("iam", "get-policy", "--policy-arn", READ_ONLY)).path("Policy");
        assertThat(policy.path("AttachmentCount").asInt()).isEqualTo(1);
        assertThat(policy.path("Path").asText()).isEqualTo("/");
        assertThat(policy.path("DefaultVersionId").asText()).matches("v\\d+");
        JsonNode version = json(aws.aws("iam", "get-policy-version", "--policy-arn", READ_ONLY, "--version-id",
                policy.path("DefaultVersionId").asText())).path("PolicyVersion");
        assertThat(version.path("IsDefaultVersion").asBoolean()).isTrue();
        assertThat(version.path("Document").path("Statement").toString()).contains("\"Effect\":\"Allow\"");

        fails(aws.aws("iam", "delete-role", "--role-name", "Reader"), "Cannot delete entity, must detach all policies first.");
        json(aws.aws("iam", "detach-role-policy", "--role-name", "Reader", "--policy-arn", READ_ONLY));
        assertThat(json(aws.aws("iam", "get-policy", "--policy-arn", READ_ONLY)).path("Policy").path("AttachmentCount").asInt()).isZero();
        fails(aws.aws("iam", "attach-role-policy", "--role-name", "Reader", "--policy-arn", "arn:aws:iam::aws:policy/NoSuchPolicyAtAll"),
                "(NoSuchEntity) when calling the AttachRolePolicy operation: Policy arn:aws:iam::aws:policy/NoSuchPolicyAtAll does not exist or is not attachable.");
    }

    @Test
    void permissionsBoundaryOnCreatePutGetDelete() throws Exception {
        String boundary = "arn:aws:iam::aws:policy/PowerUserAccess";
        JsonNode created = json(aws.aws("iam", "create-role", "--role-name", "Bounded", "--assume-role-policy-document", TRUST,
                "--permissions-boundary", boundary)).path("Role");
        assertThat(created.path("PermissionsBoundary").path("PermissionsBoundaryArn").asText()).isEqualTo(boundary);
        assertThat(created.path("PermissionsBoundary").path("PermissionsBoundaryType").asText()).isEqualTo("Policy");
        assertThat(json(aws.aws("iam", "get-policy", "--policy-arn", boundary)).path("Policy").path("PermissionsBoundaryUsageCount").asInt())
                .isEqualTo(1);

        JsonNode local = json(aws.aws("iam", "create-policy", "--policy-name", "Fence", "--policy-document", ADMIN)).path("Policy");
        json(aws.aws("iam", "put-role-permissions-boundary", "--role-name", "Bounded", "--permissions-boundary", local.path("Arn").asText()));
        assertThat(json(aws.aws("iam", "get-role", "--role-name", "Bounded")).path("Role").path("PermissionsBoundary")
                .path("PermissionsBoundaryArn").asText()).isEqualTo(local.path("Arn").asText());
        fails(aws.aws("iam", "delete-policy", "--policy-arn", local.path("Arn").asText()), "(DeleteConflict)");
        fails(aws.aws("iam", "put-role-permissions-boundary", "--role-name", "Bounded", "--permissions-boundary",
                "arn:aws:iam::" + ACCOUNT_ID + ":policy/Nothing"), "(InvalidInput) when calling the PutRolePermissionsBoundary operation: "
                + "ARN arn:aws:iam::" + ACCOUNT_ID + ":policy/Nothing is not valid.");

        json(aws.aws("iam", "delete-role-permissions-boundary", "--role-name", "Bounded"));
        assertThat(json(aws.aws("iam", "get-role", "--role-name", "Bounded")).path("Role").has("PermissionsBoundary")).isFalse();
    }

    @Test
    void rolePolicySetNamesEveryIdentityPolicyAndTheBoundary() throws Exception {
        json(aws.aws("iam", "create-role", "--role-name", "Evaluated", "--assume-role-policy-document", TRUST,
                "--permissions-boundary", "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        JsonNode local = json(aws.aws("iam", "create-policy", "--policy-name", "Local", "--policy-document", ADMIN)).path("Policy");
        json(aws.aws("iam", "attach-role-policy", "--role-name", "Evaluated", "--policy-arn", local.path("Arn").asText()));
        json(aws.aws("iam", "attach-role-policy", "--role-name", "Evaluated", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"));
        json(aws.aws("iam", "put-role-policy", "--role-name", "Evaluated", "--policy-name", "Inline", "--policy-document", ADMIN));

        RolePolicySet set = aws.iam().rolePolicySet(ACCOUNT_ID, "Evaluated").orElseThrow();
        assertThat(set.identityPolicies()).extracting(RolePolicySet.NamedPolicy::name)
                .containsExactly("Local", "AdministratorAccess", "Inline");
        assertThat(set.identityPolicies().get(1).document()).contains("\"Action\":\"*\"");
        assertThat(set.identityPolicies().get(2).inline()).isTrue();
        assertThat(set.permissionsBoundary().arn()).isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(aws.iam().rolePolicySet(ACCOUNT_ID, "evaluated")).isEmpty();
    }
}
