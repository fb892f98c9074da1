package dev.gatehouse.awsemulator.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.sts.StsScenario;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudTrail LookupEvents from boto3 (Debian's python3-boto3): the paginator over a launch's events, and each bad
 * input answered as AWS answers it, a JSON error with the model's code and status 400, never a 500.
 */
class LookupEventsBoto3Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = """
            import json, sys, boto3, botocore.exceptions
            ct = boto3.client('cloudtrail', endpoint_url=sys.argv[1], region_name='us-east-1')
            out = {}
            pages = ct.get_paginator('lookup_events').paginate(
                LookupAttributes=[{'AttributeKey': 'Username', 'AttributeValue': 'linus.boto'}],
                PaginationConfig={'PageSize': 1})
            out['names'] = [e['EventName'] for p in pages for e in p['Events']]
            out['pages'] = len(list(ct.get_paginator('lookup_events').paginate(
                LookupAttributes=[{'AttributeKey': 'Username', 'AttributeValue': 'linus.boto'}],
                PaginationConfig={'PageSize': 1})))
            def refused(**kwargs):
                try:
                    ct.lookup_events(**kwargs)
                    return {'code': None}
                except botocore.exceptions.ClientError as e:
                    return {'code': e.response['Error']['Code'], 'status': e.response['ResponseMetadata']['HTTPStatusCode'],
                            'message': e.response['Error'].get('Message')}
            out['maxResults'] = refused(MaxResults=51)
            out['twoAttributes'] = refused(LookupAttributes=[{'AttributeKey': 'Username', 'AttributeValue': 'a'},
                                                            {'AttributeKey': 'EventName', 'AttributeValue': 'b'}])
            out['unknownKey'] = refused(LookupAttributes=[{'AttributeKey': 'Colour', 'AttributeValue': 'a'}])
            out['readOnlyValue'] = refused(LookupAttributes=[{'AttributeKey': 'ReadOnly', 'AttributeValue': 'maybe'}])
            out['token'] = refused(NextToken='not-a-token')
            out['category'] = refused(EventCategory='data')
            print(json.dumps(out))
            """;
    private static StsScenario scenario;

    @BeforeAll
    static void start() {
        scenario = StsScenario.start();
    }

    @AfterAll
    static void stop() {
        scenario.close();
    }

    @Test
    void paginatorWalksTheLaunchsEventsAndBadInputIsA400JsonErrorWithTheModelsCode() throws IOException {
        String python = Peers.python3With("boto3", "python3-boto3");
        assertThat(LookupEventsCliTest.launch(scenario, "linus.boto").statusCode()).isEqualTo(303);

        Peers.Output out = Peers.runApart(List.of(python, "-c", SCRIPT, scenario.aws.baseUrl()), env -> {
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.put("AWS_ACCESS_KEY_ID", TestAwsEmulator.ACCESS_KEY_ID);
            env.put("AWS_SECRET_ACCESS_KEY", TestAwsEmulator.SECRET);
            env.put("AWS_CONFIG_FILE", "/nonexistent");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
        });
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        JsonNode r = JSON.readTree(out.stdout());

        assertThat(r.get("names").toString()).isEqualTo("[\"ConsoleLogin\",\"AssumeRoleWithSAML\"]");
        assertThat(r.get("pages").asInt()).isEqualTo(2);
        assertRefused(r.get("maxResults"), "InvalidMaxResultsException");
        assertRefused(r.get("twoAttributes"), "InvalidLookupAttributesException");
        assertRefused(r.get("unknownKey"), "InvalidLookupAttributesException");
        assertRefused(r.get("readOnlyValue"), "InvalidLookupAttributesException");
        assertRefused(r.get("token"), "InvalidNextTokenException");
        assertRefused(r.get("category"), "InvalidEventCategoryException");
    }

    private static void assertRefused(JsonNode refusal, String code) {
        assertThat(refusal.get("code").asText()).as(refusal.toString()).isEqualTo(code);
        assertThat(refusal.get("status").asInt()).isEqualTo(400);
        assertThat(refusal.get("message").asText()).isNotEmpty();
    }
}
