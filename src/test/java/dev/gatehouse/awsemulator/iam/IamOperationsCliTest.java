package dev.gatehouse.awsemulator.iam;

import static dev.gatehouse.awsemulator.iam.CliAnswers.fails;
import static dev.gatehouse.awsemulator.iam.CliAnswers.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static dev.gatehouse.awsemulator.iam.IamRolePoliciesCliTest.ADMIN;
import static dev.gatehouse.awsemulator.iam.IamRolePoliciesCliTest.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IAM operations users call next to the guide's, through the real AWS CLI v2: paging, tags, UpdateRole,
 * AWS's trust-policy texts and the region a request is signed for.
 */
class IamOperationsCliTest {
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
    void listRolesMaxItemsPagesAndTheCliFollowsMarkers() throws Exception {
        for (String name : List.of("Echo", "alpha", "Delta", "charlie", "Bravo")) {
            aws.iam().createRole(ACCOUNT_ID, name, "/", TRUST, null, null);
        }
        JsonNode first = json(aws.aws("iam", "list-roles", "--max-items", "2"));
        assertThat(first.path("Roles").findValuesAsText("RoleName")).containsExactly("alpha", "Bravo");
        String token = first.path("NextToken").asText();
        assertThat(token).isNotEmpty();
        JsonNode second = json(aws.aws("iam", "list-roles", "--max-items", "2", "--starting-token", token));
        assertThat(second.path("Roles").findValuesAsText("RoleName")).containsExactly("charlie", "Delta");
        // --page-size sends MaxItems=2 and follows each Marker while IsTruncated is true.
        JsonNode all = json(aws.aws("iam", "list-roles", "--page-size", "2"));
        assertThat(all.path("Roles").findValuesAsText("RoleName")).containsExactly("alpha", "Bravo", "charlie", "Delta", "Echo");
    }

    @Test
    void tagsOnRolesAsInTheCliExamples() throws Exception {
        JsonNode created = json(aws.aws("iam", "create-role", "--role-name", "Tagged", "--assume-role-policy-document", TRUST,
                "--tags", "Key=Department,Value=Accounting"));
        assertThat(created.path("Role").path("Tags").get(0).path("Key").asText()).isEqualTo("Department");
        json(aws.aws("iam", "tag-role", "--role-name", "Tagged", "--tags", "{\"Key\":\"Department\",\"Value\":\"Engineering\"}",
                "{\"Key\":\"DeptID\",\"Value\":\"12345\"}"));
        JsonNode listed = json(aws.aws("iam", "list-role-tags", "--role-name", "Tagged"));
        assertThat(listed.path("IsTruncated").asBoolean()).isFalse();
        assertThat(listed.path("Tags").toString())
                .isEqualTo("[{\"Key\":\"Department\",\"Value\":\"Engineering\"},{\"Key\":\"DeptID\",\"Value\":\"12345\"}]");
        json(aws.aws("iam", "untag-role", "--role-name", "Tagged", "--tag-keys", "department"));
        assertThat(json(aws.aws("iam", "get-role", "--role-name", "Tagged")).path("Role").path("Tags").toString())
                .isEqualTo("[{\"Key\":\"DeptID\",\"Value\":\"12345\"}]");

        fails(aws.aws("iam", "tag-role", "--role-name", "Tagged", "--tags", "Key=Team,Value=a", "Key=team,Value=b"),
                "(InvalidInput) when calling the TagRole operation: Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        fails(aws.aws("iam", "tag-role", "--role-name", "Tagged", "--tags", "Key=AWS:owner,Value=a"), "(InvalidInput)");
        fails(aws.aws("iam", "tag-role", "--role-name", "Tagged", "--tags", "Key=bad#key,Value=a"),
                "Value 'bad#key' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern");
        List<String> fifty = new ArrayList<>(List.of("iam", "tag-role", "--role-name", "Tagged", "--tags"));
        for (int i = 0; i < 50; i++) {
            fifty.add("Key=k" + i + ",Value=v");
        }
        fails(aws.aws(fifty.toArray(String[]::new)), "(LimitExceeded) when calling the TagRole operation: Cannot exceed quota for TagsPerRole: 50");
        assertThat(aws.iam().listTags("arn:aws:iam::" + ACCOUNT_ID + ":role/Tagged")).containsExactly(new IamTag("DeptID", "12345"));
    }

    @Test
    void tagsOnPoliciesAndSamlProviders() throws Exception {
        JsonNode policy = json(aws.aws("iam", "create-policy", "--policy-name", "Tagged", "--policy-document", ADMIN,
                "--tags", "Key=Owner,Value=ops")).path("Policy");
        assertThat(policy.path("Tags").get(0).path("Value").asText()).isEqualTo("ops");
        String arn = policy.path("Arn").asText();
        json(aws.aws("iam", "tag-policy", "--policy-arn", arn, "--tags", "Key=Stage,Value=prod"));
        assertThat(json(aws.aws("iam", "list-policy-tags", "--policy-arn", arn)).path("Tags").findValuesAsText("Key"))
                .containsExactly("Owner", "Stage");
        json(aws.aws("iam", "untag-policy", "--policy-arn", arn, "--tag-keys", "Owner"));
        assertThat(json(aws.aws("iam", "get-policy", "--policy-arn", arn)).path("Policy").path("Tags").findValuesAsText("Key"))
                .containsExactly("Stage");

        String metadata = dev.gatehouse.awsemulator.TestIdpMetadata.metadata("https://idp.example.test/saml/metadata");
        String provider = aws.iam().createSamlProvider(ACCOUNT_ID, "Idp", metadata, List.of(new IamTag("Team", "identity"))).arn();
        json(aws.aws("iam", "tag-saml-provider", "--saml-provider-arn", provider, "--tags", "Key=Env,Value=test"));
        assertThat(json(aws.aws("iam", "list-saml-provider-tags", "--saml-provider-arn", provider)).path("Tags").findValuesAsText("Key"))
                .containsExactly("Env", "Team");
        json(aws.aws("iam", "untag-saml-provider", "--saml-provider-arn", provider, "--tag-keys", "Team"));
        assertThat(aws.iam().listTags(provider)).containsExactly(new IamTag("Env", "test"));
    }

    @Test
    void updateRoleChangesDescriptionAndMaxSessionDuration() throws Exception {
        json(aws.aws("iam", "create-role", "--role-name", "Updated", "--assume-role-policy-document", TRUST));
        json(aws.aws("iam", "update-role", "--role-name", "Updated", "--description", "Federated admins", "--max-session-duration", "28800"));
        JsonNode role = json(aws.aws("iam", "get-role", "--role-name", "Updated")).path("Role");
        assertThat(role.path("Description").asText()).isEqualTo("Federated admins");
        assertThat(role.path("MaxSessionDuration").asInt()).isEqualTo(28800);
        assertThat(role.path("RoleLastUsed").isObject()).isTrue();
        assertThat(role.path("RoleLastUsed").has("LastUsedDate")).isFalse();
        fails(aws.aws("iam", "update-role", "--role-name", "Nobody", "--description", "x"), "The role with name Nobody cannot be found.");
        assertThat(aws.iam().getRole(ACCOUNT_ID, "Updated").maxSessionDurationSeconds()).isEqualTo(28800);
    }

    @Test
    void trustPolicyRefusalsCarryAwsTexts() {
        fails(aws.aws("iam", "create-role", "--role-name", "R", "--assume-role-policy-document", "{not json"),
                "(MalformedPolicyDocument) when calling the CreateRole operation: This policy contains invalid Json");
        fails(aws.aws("iam", "create-role", "--role-name", "R", "--assume-role-policy-document", TRUST + " garbage"),
                "(MalformedPolicyDocument) when calling the CreateRole operation: This policy contains invalid Json");
        fails(aws.aws("iam", "create-role", "--role-name", "R", "--assume-role-policy-document",
                TRUST.replace("{\"Service\":\"ec2.amazonaws.com\"}", "{\"Federated\":\"not a provider\"}")),
                "Federated principals must be valid domain names or SAML metadata ARNs");
        fails(aws.aws("iam", "create-role", "--role-name", "R", "--assume-role-policy-document",
                TRUST.replace("{\"Service\":\"ec2.amazonaws.com\"}", "{\"AWS\":\"someone\"}")),
                "Invalid principal in policy: \"AWS\":\"someone\"");
        assertThat(aws.iam().listRoles(ACCOUNT_ID)).isEmpty();
    }

    @Test
    void iamSignedForAnotherRegionIsRefusedAndStsIsServed() throws Exception {
        fails(aws.awsInRegion("eu-west-1", "iam", "list-roles"),
                "An error occurred (SignatureDoesNotMatch) when calling the ListRoles operation: Credential should be scoped to a valid region, not 'eu-west-1'.");
        assertThat(json(aws.awsInRegion("eu-west-1", "sts", "get-caller-identity")).path("Account").asText()).isEqualTo(ACCOUNT_ID);
    }
}
