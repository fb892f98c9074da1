package dev.gatehouse.awsemulator.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STS AssumeRole through the AWS CLI v2: a key of one account assumes a role of another whose trust policy names
 * that account; the session's keys are the role's; a role that does not trust the caller, a missing ExternalId and
 * a chained session longer than an hour are refused with AWS's texts, and nothing is issued.
 */
class AssumeRoleCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOLING = TestAwsEmulator.ACCOUNT_ID;
    private static final String TARGET = "210987654321";
    private static TestAwsEmulator aws;
    private static RootCredential target;

    @BeforeAll
    static void start() {
        TestAwsEmulator.requireAwsCli();
        aws = TestAwsEmulator.start();
        target = aws.emulator().accounts().create(TARGET);
        asTarget("iam", "create-role", "--role-name", "GatehouseConnection", "--assume-role-policy-document",
                trust("{\"AWS\":\"arn:aws:iam::" + TOOLING + ":root\"}", ""));
        asTarget("iam", "create-role", "--role-name", "WithExternalId", "--assume-role-policy-document",
                trust("{\"AWS\":\"" + TOOLING + "\"}", ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"gatehouse-7\"}}"));
        asTarget("iam", "put-role-policy", "--role-name", "GatehouseConnection", "--policy-name", "MayChain", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
        asTarget("iam", "create-role", "--role-name", "Chained", "--assume-role-policy-document",
                trust("{\"AWS\":\"arn:aws:iam::" + TARGET + ":role/GatehouseConnection\"}", ""));
        asTarget("iam", "create-role", "--role-name", "Untrusting", "--assume-role-policy-document",
                trust("{\"AWS\":\"arn:aws:iam::999999999999:root\"}", ""));
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void aKeyOfOneAccountAssumesATrustingRoleOfAnother() throws Exception {
        JsonNode answer = JSON.readTree(ok(aws.aws("sts", "assume-role", "--role-arn", roleArn("GatehouseConnection"),
                "--role-session-name", "gatehouse", "--duration-seconds", "900")));
        assertThat(answer.at("/AssumedRoleUser/Arn").asText())
                .isEqualTo("arn:aws:sts::" + TARGET + ":assumed-role/GatehouseConnection/gatehouse");
        JsonNode credentials = answer.get("Credentials");
        JsonNode who = JSON.readTree(ok(aws.awsWithSession(credentials.get("AccessKeyId").asText(),
                credentials.get("SecretAccessKey").asText(), credentials.get("SessionToken").asText(), "sts", "get-caller-identity")));
        assertThat(who.get("Account").asText()).isEqualTo(TARGET);
        assertThat(who.get("Arn").asText()).endsWith(":assumed-role/GatehouseConnection/gatehouse");

        // Role chaining: the session (whose inline policy allows sts:AssumeRole) may assume a role trusting its role,
        // for an hour at most.
        String[] session = {credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
                credentials.get("SessionToken").asText()};
        Peers.Output chainedTooLong = aws.awsWithSession(session[0], session[1], session[2], "sts", "assume-role",
                "--role-arn", roleArn("Chained"), "--role-session-name", "again", "--duration-seconds", "7200");
        assertThat(chainedTooLong.exitCode()).isNotZero();
        assertThat(chainedTooLong.stderr()).contains("ValidationError").contains("1 hour session limit for roles assumed by role chaining");
        JsonNode chained = JSON.readTree(ok(aws.awsWithSession(session[0], session[1], session[2], "sts", "assume-role",
                "--role-arn", roleArn("Chained"), "--role-session-name", "again")));
        assertThat(chained.at("/AssumedRoleUser/Arn").asText()).isEqualTo("arn:aws:sts::" + TARGET + ":assumed-role/Chained/again");
        // A role that trusts only its own account's principals does not admit another account's key.
        Peers.Output notTrusted = aws.aws("sts", "assume-role", "--role-arn", roleArn("Chained"), "--role-session-name", "direct");
        assertThat(notTrusted.stderr()).contains("AccessDenied");
    }

    @Test
    void aRoleThatDoesNotTrustTheCallerIsRefusedWithAwsText() {
        Peers.Output refused = aws.aws("sts", "assume-role", "--role-arn", roleArn("Untrusting"), "--role-session-name", "gatehouse");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("AccessDenied").contains("User: arn:aws:iam::" + TOOLING
                + ":root is not authorized to perform: sts:AssumeRole on resource: " + roleArn("Untrusting"));
        Peers.Output missing = aws.aws("sts", "assume-role", "--role-arn", roleArn("Nobody"), "--role-session-name", "gatehouse");
        assertThat(missing.stderr()).contains("AccessDenied").contains("sts:AssumeRole on resource: " + roleArn("Nobody"));
    }

    @Test
    void anExternalIdConditionIsHeld() throws Exception {
        Peers.Output without = aws.aws("sts", "assume-role", "--role-arn", roleArn("WithExternalId"), "--role-session-name", "gatehouse");
        assertThat(without.stderr()).contains("AccessDenied");
        Peers.Output wrong = aws.aws("sts", "assume-role", "--role-arn", roleArn("WithExternalId"), "--role-session-name", "gatehouse",
                "--external-id", "gatehouse-8");
        assertThat(wrong.stderr()).contains("AccessDenied");
        JsonNode right = JSON.readTree(ok(aws.aws("sts", "assume-role", "--role-arn", roleArn("WithExternalId"),
                "--role-session-name", "gatehouse", "--external-id", "gatehouse-7")));
        assertThat(right.at("/AssumedRoleUser/Arn").asText()).endsWith(":assumed-role/WithExternalId/gatehouse");
    }

    @Test
    void badParametersAreValidationErrors() {
        Peers.Output badName = aws.aws("sts", "assume-role", "--role-arn", roleArn("GatehouseConnection"), "--role-session-name", "has space");
        assertThat(badName.exitCode()).isNotZero();
        assertThat(badName.stderr()).contains("ValidationError").contains("roleSessionName");
        Peers.Output tooLong = aws.aws("sts", "assume-role", "--role-arn", roleArn("GatehouseConnection"), "--role-session-name", "ok",
                "--duration-seconds", "7200");
        assertThat(tooLong.stderr()).contains("ValidationError").contains("exceeds the MaxSessionDuration set for this role");
    }

    private static String roleArn(String name) {
        return "arn:aws:iam::" + TARGET + ":role/" + name;
    }

    private static String trust(String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
    }

    private static void asTarget(String... args) {
        ok(aws.awsAs(target.accessKeyId(), target.secretAccessKey(), args));
    }

    private static String ok(Peers.Output out) {
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        return out.stdout();
    }
}
