package dev.gatehouse.robustness;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.LogCapture;
import dev.gatehouse.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.gatehouse.robustness.IdentityCenterClientMistakesTest.assertAtMostOneLineEachWithoutStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12, item 11 on the emulated AWS account: each of these answered 500 before. */
class EmulatorClientMistakesTest {
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
    void headAnswersAsGetWould() {
        for (String path : List.of("/healthz", "/console/signin", "/console/iam", "/console/home", "/")) {
            HttpResponse<String> head = aws.send(HttpRequest.newBuilder(URI.create(aws.baseUrl() + path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            HttpResponse<String> get = aws.send(HttpRequest.newBuilder(URI.create(aws.baseUrl() + path)).build());
            assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode());
        }
    }

    @Test
    void queryBodyOverTheLimitIsAnAwsStyle413() {
        String body = "Action=ListRoles&Version=2010-05-08&Padding=" + "A".repeat(2_100_000);
        try (LogCapture log = LogCapture.open()) {
            HttpResponse<String> r = Http.exchangeOnNewConnection(HttpRequest.newBuilder(URI.create(aws.baseUrl() + "/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("<ErrorResponse").contains("<Code>RequestEntityTooLarge</Code>").contains("<Type>Sender</Type>");
            assertAtMostOneLineEachWithoutStackTrace(log.drain(), 1);
        }
    }

    @Test
    void badChunkedEncodingAndEarlyEofAre4xx() {
        try (LogCapture log = LogCapture.open()) {
            for (String path : List.of("/", "/saml")) {
                int chunked = RawHttp.send(aws.baseUrl(), "POST " + path + " HTTP/1.1\nHost: localhost\n"
                        + "Content-Type: application/x-www-form-urlencoded\nTransfer-Encoding: chunked\n", "zz\r\nAction=ListRoles\r\n0\r\n\r\n");
                assertThat(chunked).as("bad chunk on " + path).isBetween(400, 499);
                int eof = RawHttp.send(aws.baseUrl(), "POST " + path + " HTTP/1.1\nHost: localhost\n"
                        + "Content-Type: application/x-www-form-urlencoded\nContent-Length: 500\n", "Action=ListRoles&Version=");
                assertThat(eof).as("early EOF on " + path).isBetween(400, 499);
            }
            assertAtMostOneLineEachWithoutStackTrace(log.drain(), 4);
        }
    }

    @Test
    void brokenMultipartIsA400() {
        for (String path : List.of("/", "/saml", "/console/signin")) {
            HttpResponse<String> r = Http.exchangeOnNewConnection(HttpRequest.newBuilder(URI.create(aws.baseUrl() + path))
                    .header("Content-Type", "multipart/form-data; boundary=xyz")
                    .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb")).build());
            assertThat(r.statusCode()).as(path).isBetween(400, 499);
        }
    }
}
