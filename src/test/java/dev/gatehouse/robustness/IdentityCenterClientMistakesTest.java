package dev.gatehouse.robustness;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12, item 11 on the identity center: each of these answered 500 before. */
class IdentityCenterClientMistakesTest {
    private static final String BROKEN_MULTIPART = "--xyz\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nada";
    private static TestIdentityCenter ic;
    private static String appId;

    @BeforeAll
    static void start() {
        ic = TestIdentityCenter.start();
        TestData.user(ic, "ada", "ada@example.com");
        appId = TestData.awsApp(ic, "Robust", "https://signin.aws.amazon.com/saml");
    }

    @AfterAll
    static void stop() {
        ic.close();
    }

    @Test
    void headAnswersAsGetWouldWithoutABody() {
        for (String path : List.of("/", "/healthz", "/admin", "/admin/login", "/account/mfa", "/api/apps/" + appId + "/saml-metadata")) {
            HttpResponse<String> head = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            HttpResponse<String> get = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + path)).build());
            assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode());
        }
        String raw = RawHttp.answer(ic.baseUrl(), "HEAD /admin/login HTTP/1.1\nHost: localhost\nConnection: close\n", "");
        assertThat(raw).startsWith("HTTP/1.1 200 ");
        assertThat(raw.substring(raw.indexOf("\r\n\r\n") + 4)).as("HEAD answers without a body").isEmpty();
        HttpResponse<String> api = ic.send(ic.admin("/api/apps").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(api.statusCode()).isEqualTo(200);
        HttpResponse<String> anonymousApi = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(anonymousApi.statusCode()).isEqualTo(401);
    }

    @Test
    void brokenMultipartIsA400AndOneLine() {
        String appsBefore = ic.send(ic.admin("/api/apps").build()).body();
        try (LogCapture log = LogCapture.open()) {
            HttpResponse<String> login = Http.exchangeOnNewConnection(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/login"))
                    .header("Content-Type", "multipart/form-data; boundary=xyz")
                    .POST(HttpRequest.BodyPublishers.ofString(BROKEN_MULTIPART)).build());
            assertThat(login.statusCode()).isEqualTo(400);
            HttpResponse<String> api = Http.exchangeOnNewConnection(ic.admin("/api/apps").header("Content-Type", "multipart/form-data; boundary=xyz")
                    .POST(HttpRequest.BodyPublishers.ofString(BROKEN_MULTIPART)).build());
            assertThat(api.statusCode()).isEqualTo(400);
            assertAtMostOneLineEachWithoutStackTrace(log.drain(), 2);
        }
        assertThat(ic.send(ic.admin("/api/apps").build()).body()).as("nothing created").isEqualTo(appsBefore);
    }

    @Test
    void badChunkedEncodingAndEarlyEofAre4xx() {
        try (LogCapture log = LogCapture.open()) {
            for (String path : List.of("/login", "/saml/sso/" + appId)) {
                int chunked = RawHttp.send(ic.baseUrl(), "POST " + path + " HTTP/1.1\nHost: localhost\n"
                        + "Content-Type: application/x-www-form-urlencoded\nTransfer-Encoding: chunked\n", "zz\r\nusername=ada\r\n0\r\n\r\n");
                assertThat(chunked).as("bad chunk on " + path).isBetween(400, 499);
                int eof = RawHttp.send(ic.baseUrl(), "POST " + path + " HTTP/1.1\nHost: localhost\n"
                        + "Content-Type: application/x-www-form-urlencoded\nContent-Length: 500\n", "username=ada&password=");
                assertThat(eof).as("early EOF on " + path).isBetween(400, 499);
            }
            assertAtMostOneLineEachWithoutStackTrace(log.drain(), 4);
        }
    }

    @Test
    void bearerTokenOnMfaSetupIsRefusedAndLogsNoSecret() {
        try (LogCapture log = LogCapture.open()) {
            HttpResponse<String> r = ic.send(ic.admin("/account/mfa/setup")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("")).build());
            assertThat(r.statusCode()).isBetween(400, 499);
            List<ILoggingEvent> events = log.drain();
            assertAtMostOneLineEachWithoutStackTrace(events, 1);
        }
    }

    static void assertAtMostOneLineEachWithoutStackTrace(List<ILoggingEvent> events, int requests) {
        assertThat(events).as(LogCapture.describe(events)).hasSizeLessThanOrEqualTo(requests);
        for (ILoggingEvent e : events) {
            assertThat(e.getThrowableProxy()).as(LogCapture.describe(events)).isNull();
            assertThat(e.getFormattedMessage()).as(LogCapture.describe(events)).doesNotContain("\n");
        }
    }
}
