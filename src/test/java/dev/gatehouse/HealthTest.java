package dev.gatehouse;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {
    @Test
    void healthzAnswersOkOnAFreshDatabase() {
        try (TestIdentityCenter ic = TestIdentityCenter.start()) {
            var response = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/healthz")).build());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
        }
    }

    @Test
    void unknownPathsAnswer404WithAPage() {
        try (TestIdentityCenter ic = TestIdentityCenter.start()) {
            var response = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/no/such/page")).build());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("Not found");
        }
    }
}
