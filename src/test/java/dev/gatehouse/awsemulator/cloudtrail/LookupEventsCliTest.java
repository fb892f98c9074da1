package dev.gatehouse.awsemulator.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.sts.StsScenario;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.awsemulator.sts.StsScenario.ACCOUNT;
import static dev.gatehouse.awsemulator.sts.StsScenario.PROVIDER_ARN;
import static dev.gatehouse.awsemulator.sts.StsScenario.ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudTrail with the real AWS CLI v2 ({@code aws cloudtrail lookup-events --endpoint-url …}): the console sign-in
 * of a launch found by its RoleSessionName, calls made with the issued credentials carrying the session's source
 * identity, lookups by event name and time range, and paging with the CLI's own NextToken handling.
 */
class LookupEventsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACED_ARN = "arn:aws:iam::" + ACCOUNT + ":role/Traced";
    private static StsScenario scenario;

    @BeforeAll
    static void start() {
        scenario = StsScenario.start();
        scenario.aws.iam().createRole(ACCOUNT, "Traced", "/", StsScenario.trust(PROVIDER_ARN,
                "[\"sts:AssumeRoleWithSAML\",\"sts:SetSourceIdentity\"]", null), null, null);
    }

    @AfterAll
    static void stop() {
        scenario.close();
    }

    /** POSTs the IdP's form to the console sign-in endpoint, as the identity center's launch page does. */
    static HttpResponse<String> launch(StsScenario scenario, String sessionName) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SAMLResponse", scenario.response().sessionName(sessionName).base64());
        return scenario.post("/saml", form, null);
    }

    private static JsonNode lookup(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("cloudtrail", "lookup-events"));
        command.addAll(List.of(args));
        Peers.Output out = scenario.aws.aws(command.toArray(String[]::new));
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        return JSON.readTree(out.stdout());
    }

    private static JsonNode record(JsonNode event) throws IOException {
        return JSON.readTree(event.get("CloudTrailEvent").asText());
    }

    private static JsonNode only(JsonNode events, String eventName) {
        List<JsonNode> found = new ArrayList<>();
        events.forEach(e -> {
            if (e.get("EventName").asText().equals(eventName)) {
                found.add(e);
            }
        });
        assertThat(found).as(events.toString()).hasSize(1);
        return found.get(0);
    }

    @Test
    void usernameIsTheRoleSessionNameAndFindsTheLaunchsAssumeRoleWithSamlAndConsoleLogin() throws IOException {
        HttpResponse<String> signedIn = launch(scenario, "ada.trail@example.com");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);

        JsonNode events = lookup("--lookup-attributes", "AttributeKey=Username,AttributeValue=ada.trail@example.com").get("Events");

        JsonNode assume = only(events, "AssumeRoleWithSAML");
        assertThat(assume.get("Username").asText()).isEqualTo("ada.trail@example.com");
        assertThat(assume.get("EventSource").asText()).isEqualTo("sts.amazonaws.com");
        assertThat(assume.get("ReadOnly").asText()).isEqualTo("true");
        assertThat(assume.get("Resources").toString()).contains("AWS::IAM::Role").contains(ROLE_ARN)
                .contains("AWS::STS::AssumedRole").contains("AWS::IAM::SAMLProvider");
        JsonNode r = record(assume);
        assertThat(r.get("eventVersion").asText()).isEqualTo("1.08");
        assertThat(r.at("/userIdentity/type").asText()).isEqualTo("SAMLUser");
        assertThat(r.at("/userIdentity/userName").asText()).isEqualTo(r.at("/responseElements/subject").asText()).isNotEmpty();
        assertThat(r.at("/userIdentity/identityProvider").asText()).isEqualTo(r.at("/responseElements/nameQualifier").asText());
        assertThat(r.at("/userIdentity/principalId").asText())
                .isEqualTo(r.at("/responseElements/nameQualifier").asText() + ":" + r.at("/responseElements/subject").asText());
        assertThat(r.at("/responseElements/assumedRoleUser/arn").asText())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Demo/ada.trail@example.com");
        assertThat(r.at("/responseElements/credentials/accessKeyId").asText()).startsWith("ASIA");
        assertThat(r.at("/responseElements/credentials").has("secretAccessKey")).isFalse();
        assertThat(r.at("/responseElements/credentials").has("sessionToken")).isFalse();
        assertThat(r.at("/responseElements/audience").asText()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(r.at("/requestParameters/roleArn").asText()).isEqualTo(ROLE_ARN);
        assertThat(r.at("/requestParameters/principalArn").asText()).isEqualTo(PROVIDER_ARN);
        assertThat(r.get("eventType").asText()).isEqualTo("AwsApiCall");
        assertThat(r.get("recipientAccountId").asText()).isEqualTo(ACCOUNT);
        assertThat(r.get("eventID").asText()).isEqualTo(assume.get("EventId").asText());
        assertThat(r.get("sourceIPAddress").asText()).isEqualTo("127.0.0.1");

        JsonNode login = record(only(events, "ConsoleLogin"));
        assertThat(login.get("eventSource").asText()).isEqualTo("signin.amazonaws.com");
        assertThat(login.get("eventType").asText()).isEqualTo("AwsConsoleSignIn");
        assertThat(login.at("/responseElements/ConsoleLogin").asText()).isEqualTo("Success");
        assertThat(login.at("/userIdentity/type").asText()).isEqualTo("AssumedRole");
        assertThat(login.at("/userIdentity/sessionContext/sessionIssuer/arn").asText()).isEqualTo(ROLE_ARN);
        assertThat(login.at("/additionalEventData/SamlProviderArn").asText()).isEqualTo(PROVIDER_ARN);
    }

    @Test
    void callsWithTheIssuedCredentialsCarryTheSessionContextWithItsSourceIdentity() throws IOException {
        Peers.Output assumed = scenario.aws.awsWithSession(null, null, null, "sts", "assume-role-with-saml",
                "--role-arn", TRACED_ARN, "--principal-arn", PROVIDER_ARN, "--saml-assertion", StsScenario.IDP.response()
                        .recipient(scenario.aws.baseUrl() + "/saml").role(TRACED_ARN, PROVIDER_ARN).sessionName("grace")
                        .attribute("https://aws.amazon.com/SAML/Attributes/SourceIdentity", "grace-hopper").base64());
        assertThat(assumed.exitCode()).as(assumed.stderr()).isZero();
        JsonNode c = JSON.readTree(assumed.stdout()).get("Credentials");
        String key = c.get("AccessKeyId").asText();
        Peers.Output who = scenario.aws.awsWithSession(key, c.get("SecretAccessKey").asText(), c.get("SessionToken").asText(),
                "sts", "get-caller-identity");
        assertThat(who.exitCode()).as(who.stderr()).isZero();

        JsonNode events = lookup("--lookup-attributes", "AttributeKey=AccessKeyId,AttributeValue=" + key).get("Events");
        JsonNode call = only(events, "GetCallerIdentity");
        assertThat(call.get("AccessKeyId").asText()).isEqualTo(key);
        assertThat(call.get("Username").asText()).isEqualTo("grace");
        JsonNode r = record(call);
        assertThat(r.at("/userIdentity/type").asText()).isEqualTo("AssumedRole");
        assertThat(r.at("/userIdentity/arn").asText()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Traced/grace");
        assertThat(r.at("/userIdentity/accessKeyId").asText()).isEqualTo(key);
        assertThat(r.at("/userIdentity/sessionContext/sourceIdentity").asText()).isEqualTo("grace-hopper");
        assertThat(r.at("/userIdentity/sessionContext/sessionIssuer/userName").asText()).isEqualTo("Traced");
        assertThat(r.at("/userIdentity/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("false");
        assertThat(r.get("readOnly").asBoolean()).isTrue();
        assertThat(r.get("responseElements").isNull()).isTrue();

        JsonNode assume = record(only(lookup("--lookup-attributes", "AttributeKey=Username,AttributeValue=grace").get("Events"),
                "AssumeRoleWithSAML"));
        assertThat(assume.at("/responseElements/sourceIdentity").asText()).isEqualTo("grace-hopper");
        assertThat(assume.get("userAgent").asText()).startsWith("aws-cli/2");
    }

    @Test
    void eventNameTimeRangeAndPagingWithTheClisNextToken() throws IOException {
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 1; i <= 5; i++) {
            Peers.Output created = scenario.aws.aws("iam", "create-policy", "--policy-name", "TrailPaging" + i,
                    "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
            assertThat(created.exitCode()).as(created.stderr()).isZero();
        }
        Instant after = Instant.now().plusSeconds(1);

        JsonNode all = lookup("--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreatePolicy", "--page-size", "2").get("Events");
        List<String> names = new ArrayList<>();
        all.forEach(e -> names.add(e.at("/Resources/0/ResourceName").asText()));
        assertThat(names).containsExactly("TrailPaging5", "TrailPaging4", "TrailPaging3", "TrailPaging2", "TrailPaging1");
        JsonNode r = JSON.readTree(all.get(0).get("CloudTrailEvent").asText());
        assertThat(r.at("/userIdentity/type").asText()).isEqualTo("Root");
        assertThat(r.at("/requestParameters/policyName").asText()).isEqualTo("TrailPaging5");
        assertThat(r.at("/responseElements/policy/policyName").asText()).isEqualTo("TrailPaging5");
        assertThat(r.get("readOnly").asBoolean()).isFalse();
        assertThat(r.get("awsRegion").asText()).isEqualTo("us-east-1");

        JsonNode first = lookup("--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreatePolicy", "--max-items", "2");
        assertThat(first.get("Events")).hasSize(2);
        String token = first.get("NextToken").asText();
        JsonNode second = lookup("--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreatePolicy", "--max-items", "3",
                "--starting-token", token);
        assertThat(second.get("Events")).hasSize(3);
        assertThat(second.at("/Events/0/Resources/0/ResourceName").asText()).isEqualTo("TrailPaging3");
        assertThat(second.has("NextToken")).isFalse();

        assertThat(lookup("--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreatePolicy",
                "--start-time", before.toString(), "--end-time", after.toString()).get("Events")).hasSize(5);
        assertThat(lookup("--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreatePolicy",
                "--end-time", before.toString()).get("Events")).isEmpty();
        assertThat(lookup("--lookup-attributes", "AttributeKey=ResourceName,AttributeValue=TrailPaging2").get("Events"))
                .singleElement().satisfies(e -> assertThat(e.get("EventName").asText()).isEqualTo("CreatePolicy"));
    }

    @Test
    void refusedAssumeRoleWithSamlIsKeptWithAwsErrorCode() throws IOException {
        Peers.Output refused = scenario.aws.awsWithSession(null, null, null, "sts", "assume-role-with-saml",
                "--role-arn", "arn:aws:iam::" + ACCOUNT + ":role/NoSuchRole", "--principal-arn", PROVIDER_ARN,
                "--saml-assertion", scenario.response().sessionName("mallory").base64());
        assertThat(refused.exitCode()).isNotZero();

        JsonNode events = lookup("--lookup-attributes", "AttributeKey=ResourceName,AttributeValue=arn:aws:iam::" + ACCOUNT
                + ":role/NoSuchRole").get("Events");
        JsonNode r = record(only(events, "AssumeRoleWithSAML"));
        assertThat(r.get("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(r.get("errorMessage").asText()).contains("Not authorized to perform sts:AssumeRoleWithSAML");
        assertThat(r.get("responseElements").isNull()).isTrue();
    }

    @Test
    void startAfterEndIsInvalidTimeRangeException() {
        Peers.Output out = scenario.aws.aws("cloudtrail", "lookup-events", "--start-time", "2026-01-02T00:00:00Z",
                "--end-time", "2026-01-01T00:00:00Z");
        assertThat(out.exitCode()).isNotZero();
        assertThat(out.stderr()).contains("InvalidTimeRangeException");
    }
}
