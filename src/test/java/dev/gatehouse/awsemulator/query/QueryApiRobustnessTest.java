package dev.gatehouse.awsemulator.query;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.core.SignedRequest;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Garbage on the Query endpoint and the console gets AWS-style 4xx answers, never a 500. */
class QueryApiRobustnessTest {
    private static TestAwsEmulator aws;

    @BeforeAll
    static void start() {
        aws = TestAwsEmulator.start();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void healthzAnswersOk() {
        HttpResponse<String> r = aws.send(HttpRequest.newBuilder(URI.create(aws.baseUrl() + "/healthz")).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    @Test
    void unknownActionThenInvalidActionWithRequestIdInBodyAndHeader() {
        HttpResponse<String> r = aws.postForm("Action=DoSomethingOdd&Version=2010-05-08");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        assertThat(r.body()).contains("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
                .contains("<Code>InvalidAction</Code>").contains("<Type>Sender</Type>");
        String id = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(r.body()).contains("<RequestId>" + id + "</RequestId>");
    }

    @Test
    void unsignedIamCallThenMissingAuthenticationToken() {
        HttpResponse<String> r = aws.postForm("Action=ListRoles&Version=2010-05-08");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void garbageBodiesAndHeadersNeverAnswer500() {
        List<String> bodies = List.of("", "%", "%zz=1", "Action", "Action=&Version=", "Action=%E0%A4%A", "&&&===",
                "Action=CreateRole&Version=2010-05-08", "Action=GetCallerIdentity&Version=2011-06-15",
                "Action=AssumeRoleWithSAML&Version=2011-06-15&SAMLAssertion=%%%", "Action=ListRoles&Version=1999-01-01",
                "\u0000\u0001binary", "Action=" + "A".repeat(100_000));
        for (String body : bodies) {
            HttpResponse<String> r = aws.postForm(body);
            assertThat(r.statusCode()).as("body %s", body.length() > 50 ? body.substring(0, 50) : body).isBetween(400, 499);
        }
        List<String> authorizations = List.of("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=",
                "AWS4-HMAC-SHA256 Credential=AKIAEMULATORTEST0001/2026/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00",
                "AWS4-HMAC-SHA256 Credential=AKIAEMULATORTEST0001/20260101/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=zz",
                "Basic dXNlcjpwYXNz", "AWS4-HMAC-SHA256 Credential=AKIAEMULATORTEST0001/20260101/us-east-1/iam/aws4_request,SignedHeaders=host,Signature=ab");
        for (String auth : authorizations) {
            for (String date : List.of("20260101T000000Z", "not-a-date")) {
                HttpResponse<String> r = aws.send(HttpRequest.newBuilder(URI.create(aws.baseUrl() + "/"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", auth).header("X-Amz-Date", date)
                        .POST(HttpRequest.BodyPublishers.ofString("Action=ListRoles&Version=2010-05-08")).build());
                assertThat(r.statusCode()).as(auth + " / " + date).isBetween(400, 499);
                assertThat(r.body()).contains("<ErrorResponse");
            }
        }
        for (String path : List.of("/console/iam/providers/..%2F..", "/console/signin?next=//evil.example", "/nothing", "/console/iam/roles/%00")) {
            HttpResponse<String> r = Http.exchangeOnNewConnection(HttpRequest.newBuilder(URI.create(aws.baseUrl() + path)).build());
            assertThat(r.statusCode()).as(path).isLessThan(500);
        }
        HttpResponse<String> signIn = Http.exchangeOnNewConnection(HttpRequest.newBuilder(URI.create(aws.baseUrl() + "/console/signin"))
                .header("Content-Type", "multipart/form-data; boundary=x").POST(HttpRequest.BodyPublishers.ofString("garbage")).build());
        assertThat(signIn.statusCode()).isBetween(400, 499);
    }


    @Test
    void formDecodingKeepsPlusAndPercentEncodedPlusApart() {
        QueryRequest r = QueryRequest.of(SignedRequest.of("POST", "/", "", java.util.Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "A=a+b&B=a%2Bb&C=x%3D%2F".getBytes()));
        assertThat(r.param("A")).isEqualTo("a b");
        assertThat(r.param("B")).isEqualTo("a+b");
        assertThat(r.param("C")).isEqualTo("x=/");
    }
}
