package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.testing.Http;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.samlxml.TestSamlResponses;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: an emulated account set up as the guide sets it up — a SAML provider made from a test IdP's
 * metadata, two policies, a role {@code Demo} trusting the provider for console and API access (with the
 * wizard's {@code SAML:aud} condition) and a second role {@code ReadOnly} — plus ways to send AssumeRoleWithSAML.
 */
public final class StsScenario {
    public static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    public static final String PROVIDER_NAME = "Gatehouse";
    public static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT + ":saml-provider/" + PROVIDER_NAME;
    public static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/Demo";
    public static final String READONLY_ARN = "arn:aws:iam::" + ACCOUNT + ":role/ReadOnly";
    public static final TestSamlResponses.Idp IDP = TestSamlResponses.Idp.create("https://gatehouse.test/saml/metadata/aws");

    public final TestAwsEmulator aws;

    private StsScenario(TestAwsEmulator aws) {
        this.aws = aws;
    }

    public static StsScenario start() {
        return start(dev.gatehouse.TestIdentityCenter.defaultKind());
    }

    /** The same scenario on a fresh database of {@code kind} (tests that run on both H2 and PostgreSQL). */
    public static StsScenario start(dev.gatehouse.storage.TestDatabase.Kind kind) {
        StsScenario s = new StsScenario(TestAwsEmulator.start(kind));
        IamService iam = s.aws.iam();
        iam.createSamlProvider(ACCOUNT, PROVIDER_NAME, IDP.metadataXml());
        IamPolicy s3 = iam.createPolicy(ACCOUNT, "DemoS3Read", "/", policy("s3:GetObject"), null);
        IamPolicy ec2 = iam.createPolicy(ACCOUNT, "DemoEc2Describe", "/", policy("ec2:Describe*"), null);
        iam.createRole(ACCOUNT, "Demo", "/", trust(PROVIDER_ARN, "\"sts:AssumeRoleWithSAML\"",
                "{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}"), 7200, "demo role");
        iam.attachRolePolicy(ACCOUNT, "Demo", s3.arn());
        iam.attachRolePolicy(ACCOUNT, "Demo", ec2.arn());
        iam.createRole(ACCOUNT, "ReadOnly", "/", trust(PROVIDER_ARN, "\"sts:AssumeRoleWithSAML\"", null), null, null);
        return s;
    }

    public static String trust(String provider, String actions, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + provider + "\"},\"Action\":" + actions + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    static String policy(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}]}";
    }

    /** A valid response for role Demo, addressed to the emulator's own {@code /saml}. */
    public TestSamlResponses.Builder response() {
        return IDP.response().recipient(aws.baseUrl() + "/saml").role(ROLE_ARN, PROVIDER_ARN);
    }

    /** POSTs AssumeRoleWithSAML (unsigned, as every client sends it). */
    public HttpResponse<String> assume(String roleArn, String principalArn, String assertion, String durationSeconds) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "AssumeRoleWithSAML");
        params.put("Version", "2011-06-15");
        if (roleArn != null) {
            params.put("RoleArn", roleArn);
        }
        if (principalArn != null) {
            params.put("PrincipalArn", principalArn);
        }
        if (assertion != null) {
            params.put("SAMLAssertion", assertion);
        }
        if (durationSeconds != null) {
            params.put("DurationSeconds", durationSeconds);
        }
        return aws.postForm(Http.form(params));
    }

    public HttpResponse<String> assume(String assertion) {
        return assume(ROLE_ARN, PROVIDER_ARN, assertion, null);
    }

    public HttpResponse<String> post(String path, Map<String, String> params, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(aws.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(params)));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return aws.send(b.build());
    }

    public HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(aws.baseUrl() + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return aws.send(b.build());
    }


    /** The text of the first {@code <name>} element of an XML answer, or {@code null}. */
    public static String xml(String body, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(body);
        return m.find() ? m.group(1).replace("&apos;", "'").replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") : null;
    }

    public void close() {
        aws.close();
    }
}
