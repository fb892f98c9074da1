package dev.gatehouse.awsemulator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.io.IOException;

import static dev.gatehouse.awsemulator.policy.PolicyWorld.ACCOUNT;
import static dev.gatehouse.awsemulator.policy.PolicyWorld.roleArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Role policies and session policies decide what federated sessions may do, driven by the real AWS CLI v2 and the
 * AWS SDK for Java v2 with credentials from AssumeRoleWithSAML; denials carry AWS's texts.
 */
class PolicyEnforcementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PolicyWorld world;

    @BeforeAll
    static void start() {
        world = PolicyWorld.start();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static Peers.Output cli(Credentials c, String... args) {
        return world.aws.awsWithSession(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), args);
    }

    @Test
    void cliRoleAllowedListRolesListsRolesWithSessionCredentials() throws IOException {
        Peers.Output out = cli(world.session("Lister", "alice"), "iam", "list-roles");

        assertThat(out.exitCode()).as(out.stderr()).isZero();
        JsonNode roles = JSON.readTree(out.stdout()).get("Roles");
        assertThat(roles.findValuesAsText("RoleName")).contains("Lister", "Demo", "Denied", "Wide");
    }

    @Test
    void cliRoleWithoutIamPolicyGetsAwsAccessDeniedText() {
        Peers.Output out = cli(world.session("Demo", "bob"), "iam", "list-roles");

        assertThat(out.exitCode()).isEqualTo(254);
        assertThat(out.stderr()).contains("An error occurred (AccessDenied) when calling the ListRoles operation: "
                + "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/Demo/bob is not authorized to perform: iam:ListRoles on resource: "
                + "arn:aws:iam::" + ACCOUNT + ":role/ because no identity-based policy allows the iam:ListRoles action");
    }

    @Test
    void sdkExplicitDenyWinsOverAllow() {
        try (IamClient iam = world.iam(world.session("Denied", "carol"))) {
            assertThat(iam.getRole(b -> b.roleName("Demo")).role().arn()).isEqualTo(roleArn("Demo"));
            assertThatThrownBy(iam::listRoles).isInstanceOfSatisfying(IamException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::" + ACCOUNT
                        + ":assumed-role/Denied/carol is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::"
                        + ACCOUNT + ":role/ with an explicit deny in an identity-based policy");
            });
        }
    }

    @Test
    void sdkDenialNamesARoleAsIamDoes() {
        try (IamClient iam = world.iam(world.session("Demo", "dave"))) {
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("Wide"))).isInstanceOfSatisfying(IamException.class, e ->
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::" + ACCOUNT
                            + ":assumed-role/Demo/dave is not authorized to perform: iam:GetRole on resource: role Wide"
                            + " because no identity-based policy allows the iam:GetRole action"));
        }
    }

    @Test
    void sdkSessionPolicyNarrowsTheRole() {
        AssumeRoleWithSamlResponse r = world.assume("Wide", "erin", b -> b.policy(PolicyWorld.allow("\"iam:GetRole\"")));
        assertThat(r.packedPolicySize()).isBetween(1, 100);
        try (IamClient iam = world.iam(r.credentials())) {
            assertThat(iam.getRole(b -> b.roleName("Lister")).role().roleName()).isEqualTo("Lister");
            assertThatThrownBy(iam::listRoles).isInstanceOfSatisfying(IamException.class, e ->
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::" + ACCOUNT
                            + ":assumed-role/Wide/erin is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::"
                            + ACCOUNT + ":role/ because no session policy allows the iam:ListRoles action"));
        }
        // Without the session policy the same role lists roles.
        try (IamClient iam = world.iam(world.session("Wide", "erin"))) {
            assertThat(iam.listRoles().roles()).isNotEmpty();
        }
    }

    @Test
    void sdkManagedSessionPolicyByArnNarrowsAndAnUnknownArnIsRefused() {
        String listerPolicy = "arn:aws:iam::" + ACCOUNT + ":policy/ListerPolicy";
        AssumeRoleWithSamlResponse r = world.assume("Wide", "frank", b -> b.policyArns(p -> p.arn(listerPolicy)));
        try (IamClient iam = world.iam(r.credentials())) {
            assertThat(iam.listRoles().roles()).isNotEmpty();
            assertThatThrownBy(() -> iam.listAttachedRolePolicies(b -> b.roleName("Wide"))).isInstanceOfSatisfying(IamException.class, e ->
                    assertThat(e.awsErrorDetails().errorMessage()).endsWith("because no session policy allows the iam:ListAttachedRolePolicies action"));
        }
        String missing = "arn:aws:iam::" + ACCOUNT + ":policy/NoSuchPolicy";
        assertThatThrownBy(() -> world.assume("Wide", "frank", b -> b.policyArns(p -> p.arn(missing))))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Policy " + missing + " does not exist or is not attachable.");
                });
    }

    @Test
    void sdkInlinePolicyAllowsAndPermissionsBoundaryNarrows() {
        try (IamClient root = world.iam(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET)))) {
            root.createRole(b -> b.roleName("Inline").assumeRolePolicyDocument(
                    dev.gatehouse.awsemulator.sts.StsScenario.trust(PolicyWorld.PROVIDER_ARN, "\"sts:AssumeRoleWithSAML\"", null)));
            root.putRolePolicy(b -> b.roleName("Inline").policyName("CanList").policyDocument(PolicyWorld.allow("[\"iam:ListRoles\",\"iam:GetRole\"]")));
        }
        try (IamClient iam = world.iam(world.session("Inline", "ivy"))) {
            assertThat(iam.listRoles().roles()).isNotEmpty();
        }
        try (IamClient root = world.iam(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET)))) {
            root.putRolePermissionsBoundary(b -> b.roleName("Inline").permissionsBoundary("arn:aws:iam::" + ACCOUNT + ":policy/DemoPolicy"));
        }
        try (IamClient iam = world.iam(world.session("Inline", "ivy"))) {
            assertThatThrownBy(iam::listRoles).isInstanceOfSatisfying(IamException.class, e ->
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::" + ACCOUNT
                            + ":assumed-role/Inline/ivy is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::"
                            + ACCOUNT + ":role/ because no permissions boundary allows the iam:ListRoles action"));
        }
    }

    @Test
    void badSessionPolicyJsonIsA400NotA500() {
        assertThatThrownBy(() -> world.assume("Wide", "gina", b -> b.policy("{\"Version\":\"2012-10-17\",\"Statement\":[")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
                });
    }

    @Test
    void getCallerIdentityIsNeverDenied() {
        Peers.Output out = cli(world.session("Demo", "hank"), "sts", "get-caller-identity");

        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stdout()).contains("assumed-role/Demo/hank");
    }

    @Test
    void cliSimulatePrincipalPolicyAnswersAllowedAndImplicitDenyForS3() throws IOException {
        Peers.Output out = world.aws.aws("iam", "simulate-principal-policy", "--policy-source-arn", roleArn("Demo"),
                "--action-names", "s3:GetObject", "s3:PutObject", "--resource-arns", "arn:aws:s3:::reports/q1.csv");

        assertThat(out.exitCode()).as(out.stderr()).isZero();
        JsonNode results = JSON.readTree(out.stdout()).get("EvaluationResults");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("EvalActionName").asText()).isEqualTo("s3:GetObject");
        assertThat(results.get(0).get("EvalDecision").asText()).isEqualTo("allowed");
        assertThat(results.get(0).at("/MatchedStatements/0/SourcePolicyId").asText()).isEqualTo("DemoPolicy");
        assertThat(results.get(0).at("/MatchedStatements/0/SourcePolicyType").asText()).isEqualTo("user-managed");
        assertThat(results.get(0).at("/MatchedStatements/0/StartPosition/Line").asInt()).isEqualTo(1);
        assertThat(results.get(1).get("EvalActionName").asText()).isEqualTo("s3:PutObject");
        assertThat(results.get(1).get("EvalDecision").asText()).isEqualTo("implicitDeny");
        assertThat(results.get(1).get("MatchedStatements")).isEmpty();
    }

    @Test
    void sdkSimulateCustomPolicyReportsExplicitDenyMissingContextAndPages() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"data\"}}},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"*\"}]}";
        try (IamClient iam = world.iam(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET)))) {
            var noContext = iam.simulateCustomPolicy(b -> b.policyInputList(policy).actionNames("s3:GetObject", "s3:DeleteBucket"));
            assertThat(noContext.evaluationResults().get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
            assertThat(noContext.evaluationResults().get(0).missingContextValues()).containsExactly("aws:PrincipalTag/team");
            assertThat(noContext.evaluationResults().get(1).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
            assertThat(noContext.evaluationResults().get(1).matchedStatements().get(0).sourcePolicyId()).isEqualTo("PolicyInputList.1");

            var tagged = iam.simulateCustomPolicy(b -> b.policyInputList(policy).actionNames("s3:GetObject")
                    .contextEntries(c -> c.contextKeyName("aws:PrincipalTag/team").contextKeyValues("data").contextKeyType("string")));
            assertThat(tagged.evaluationResults().get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);

            var first = iam.simulateCustomPolicy(b -> b.policyInputList(policy).actionNames("s3:A", "s3:B", "s3:C").maxItems(2));
            assertThat(first.isTruncated()).isTrue();
            var rest = iam.simulateCustomPolicy(b -> b.policyInputList(policy).actionNames("s3:A", "s3:B", "s3:C").marker(first.marker()));
            assertThat(rest.isTruncated()).isFalse();
            assertThat(rest.evaluationResults()).extracting(r -> r.evalActionName()).containsExactly("s3:C");

            assertThatThrownBy(() -> iam.simulateCustomPolicy(b -> b.policyInputList("{not json").actionNames("s3:GetObject")))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
            SimulatePrincipalPolicyResponse odd = iam.simulatePrincipalPolicy(b -> b.policySourceArn(roleArn("Demo"))
                    .actionNames("not-an-action", "s3:Get*Object?"));
            assertThat(odd.evaluationResults()).allSatisfy(r -> assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY));
            assertThatThrownBy(() -> iam.simulatePrincipalPolicy(b -> b.policySourceArn(roleArn("Nobody")).actionNames("s3:GetObject")))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }
}
