package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.sts.StsScenario;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The policy tests' account: the SAML provider of {@link StsScenario#IDP} and roles trusting it, each with one
 * customer managed policy — {@code Lister} (iam:ListRoles, iam:GetRole), {@code Demo} (s3:GetObject and
 * ec2:Describe*, no IAM), {@code Denied} (iam:* allowed, iam:ListRoles denied) and {@code Wide} (iam:*).
 * Sessions come from AssumeRoleWithSAML with a signed assertion, through the AWS SDK for Java v2.
 */
final class PolicyWorld implements AutoCloseable {
    static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    static final String PROVIDER_ARN = StsScenario.PROVIDER_ARN;

    final TestAwsEmulator aws;

    private PolicyWorld(TestAwsEmulator aws) {
        this.aws = aws;
    }

    static PolicyWorld start() {
        return start(Clock.systemUTC());
    }

    static PolicyWorld start(Clock clock) {
        PolicyWorld w = new PolicyWorld(TestAwsEmulator.start(clock));
        IamService iam = w.aws.iam();
        iam.createSamlProvider(ACCOUNT, "Gatehouse", StsScenario.IDP.metadataXml());
        w.role("Lister", allow("[\"iam:ListRoles\",\"iam:GetRole\"]"));
        w.role("Demo", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::reports/*\"},{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"*\"}]}");
        w.role("Denied", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"iam:ListRoles\",\"Resource\":\"*\"}]}");
        w.role("Wide", allow("\"iam:*\""));
        return w;
    }

    static String allow(String actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions + ",\"Resource\":\"*\"}]}";
    }

    IamPolicy role(String name, String policy) {
        IamService iam = aws.iam();
        iam.createRole(ACCOUNT, name, "/", StsScenario.trust(PROVIDER_ARN, "\"sts:AssumeRoleWithSAML\"", null), null, null);
        IamPolicy p = iam.createPolicy(ACCOUNT, name + "Policy", "/", policy, null);
        iam.attachRolePolicy(ACCOUNT, name, p.arn());
        return p;
    }

    static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    /** A signed assertion for {@code role}, addressed to this emulator. */
    String assertion(String role, String sessionName) {
        return StsScenario.IDP.response().recipient(aws.baseUrl() + "/saml").role(roleArn(role), PROVIDER_ARN)
                .sessionName(sessionName).base64();
    }

    AssumeRoleWithSamlResponse assume(String role, String sessionName, Consumer<AssumeRoleWithSamlRequest.Builder> extra) {
        try (StsClient sts = StsClient.builder().endpointOverride(URI.create(aws.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            return sts.assumeRoleWithSAML(b -> {
                b.roleArn(roleArn(role)).principalArn(PROVIDER_ARN).samlAssertion(assertion(role, sessionName));
                extra.accept(b);
            });
        }
    }

    Credentials session(String role, String sessionName) {
        return assume(role, sessionName, b -> { }).credentials();
    }

    IamClient iam(Credentials c) {
        return iam(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
    }

    IamClient iam(AwsCredentialsProvider credentials) {
        return IamClient.builder().endpointOverride(URI.create(aws.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }

    @Override
    public void close() {
        aws.close();
    }
}
