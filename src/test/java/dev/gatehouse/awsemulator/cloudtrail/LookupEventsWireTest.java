package dev.gatehouse.awsemulator.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON 1.1 protocol's edges over raw HTTP (what no SDK sends): unsigned, unknown targets, bodies that are not
 * JSON objects; and the 90-day retention.
 */
class LookupEventsWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestAwsEmulator aws;

    @BeforeAll
    static void start() {
        aws = TestAwsEmulator.start();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private static HttpResponse<String> post(String target, String body) {
        return aws.send(HttpRequest.newBuilder(URI.create(aws.baseUrl() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void unsignedLookupIsAJsonMissingAuthenticationTokenException() throws IOException {
        HttpResponse<String> r = post(LookupEventsOperation.TARGET_PREFIX + ".LookupEvents", "{}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-amz-json-1.1"));
        assertThat(JSON.readTree(r.body()).get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    /** POSTs {@code body} to LookupEvents, signed with the root key by the AWS SDK's own SigV4 signer. */
    static HttpResponse<String> signed(TestAwsEmulator aws, String body) {
        var unsigned = software.amazon.awssdk.http.SdkHttpRequest.builder().method(software.amazon.awssdk.http.SdkHttpMethod.POST)
                .uri(URI.create(aws.baseUrl() + "/")).putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", LookupEventsOperation.TARGET_PREFIX + ".LookupEvents").build();
        var signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(r -> r
                .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(TestAwsEmulator.ACCESS_KEY_ID, TestAwsEmulator.SECRET))
                .request(unsigned).payload(software.amazon.awssdk.http.ContentStreamProvider.fromUtf8String(body))
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(aws.baseUrl() + "/"));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return aws.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void signedBodiesNoSdkSendsAreJson400sWithTheModelsCodes() throws IOException {
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("not json", "SerializationException");
        cases.put("[]", "SerializationException");
        cases.put("{\"MaxResults\":\"many\"}", "InvalidMaxResultsException");
        cases.put("{\"MaxResults\":0}", "InvalidMaxResultsException");
        cases.put("{\"LookupAttributes\":\"Username\"}", "InvalidLookupAttributesException");
        cases.put("{\"LookupAttributes\":[{}]}", "InvalidLookupAttributesException");
        cases.put("{\"LookupAttributes\":[{\"AttributeKey\":\"Username\",\"AttributeValue\":\"\"}]}", "InvalidLookupAttributesException");
        cases.put("{\"StartTime\":\"yesterday\"}", "InvalidTimeRangeException");
        cases.put("{\"StartTime\":1e300}", "InvalidTimeRangeException");
        cases.put("{\"EndTime\":-5}", "InvalidTimeRangeException");
        cases.put("{\"NextToken\":\"%%%\"}", "InvalidNextTokenException");
        cases.put("{\"NextToken\":\"MXwxfHh8eA\"}", "InvalidNextTokenException");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = signed(aws, c.getKey());
            assertThat(r.statusCode()).as(c.getKey() + " → " + r.body()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("__type").asText()).as(c.getKey()).isEqualTo(c.getValue());
        }
        HttpResponse<String> ok = signed(aws, "");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("Events").isArray()).isTrue();
    }

    @Test
    void insightEventsAreAnEmptyListBecauseInsightsIsNotEmulated() throws IOException {
        HttpResponse<String> r = signed(aws, "{\"EventCategory\":\"insight\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("Events")).isEmpty();
    }

    @Test
    void lookupsAreNotThrottledAtTwoASecond() {
        for (int i = 0; i < 6; i++) {
            assertThat(signed(aws, "{\"MaxResults\":1}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unknownTargetIsUnknownOperationException() throws IOException {
        for (String target : List.of("CloudTrail_20131101.LookupEvents", LookupEventsOperation.TARGET_PREFIX + ".CreateTrail", "", "x")) {
            HttpResponse<String> r = post(target, "not json at all");
            assertThat(r.statusCode()).as(target).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("__type").asText()).isEqualTo("UnknownOperationException");
        }
    }

    @Test
    void retentionDropsEventsOlderThanNinetyDaysAndLookupNeverReachesBeyond() {
        CloudTrailEvents events = new CloudTrailEvents(aws.emulator().database().jdbi(), Clock.systemUTC());
        Instant now = Instant.now();
        events.append(List.of(new StoredEvent("00000000-0000-0000-0000-000000000091", TestAwsEmulator.ACCOUNT_ID,
                now.minus(Duration.ofDays(91)), "ListRoles", "iam.amazonaws.com", "root", null, true,
                List.of(new StoredEvent.Resource("AWS::IAM::Role", "Old")), "{}"),
                new StoredEvent("00000000-0000-0000-0000-000000000089", TestAwsEmulator.ACCOUNT_ID,
                now.minus(Duration.ofDays(89)), "ListRoles", "iam.amazonaws.com", "root", null, true, List.of(), "{}")));
        EventHistory history = new EventHistory(events, Clock.systemUTC());

        assertThat(history.page(TestAwsEmulator.ACCOUNT_ID, "EventName", "ListRoles", null, 50).events())
                .extracting(StoredEvent::eventId).containsExactly("00000000-0000-0000-0000-000000000089");
        assertThat(events.prune(now.minus(CloudTrailEvents.RETENTION))).isEqualTo(1);
        assertThat(events.find(TestAwsEmulator.ACCOUNT_ID, "00000000-0000-0000-0000-000000000091")).isEmpty();
        int left = aws.emulator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM cloudtrail_event_resources WHERE resource_name = 'Old'").mapTo(Integer.class).one());
        assertThat(left).isZero();
    }
}
