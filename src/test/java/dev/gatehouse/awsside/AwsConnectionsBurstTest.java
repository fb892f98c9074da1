package dev.gatehouse.awsside;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.Burst;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account connection's API under a burst and under bad input: parallel saves of one application's connection
 * all succeed and leave exactly one (the row lock queues them); malformed bodies answer 400 and save nothing.
 */
class AwsConnectionsBurstTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void parallelSavesLeaveOneConnectionAndBadBodiesAre400(TestDatabase.Kind kind) throws Exception {
        try (TestIdentityCenter ic = TestIdentityCenter.start(kind)) {
            String app = ic.center().services().applications().create("test", new AppInput("external-aws-account",
                    "Burst", null, null, null, null, null)).app().id();
            URI uri = URI.create(ic.baseUrl() + "/api/apps/" + app + "/aws-connection");
            List<HttpRequest> saves = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                saves.add(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TestIdentityCenter.ADMIN_TOKEN)
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"accessKeyId\":\"AKIABURST0000000" + String.format("%04d", i) + "\",\"secretAccessKey\":\"s" + i + "\"}")).build());
            }
            assertThat(Burst.send(saves)).extracting(HttpResponse::statusCode).containsOnly(200);
            int rows = ic.center().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM aws_account_connections WHERE app_id = :a").bind("a", app).mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);

            for (String bad : List.of("", "{", "[]", "null", "{\"accessKeyId\":\"lower-case\",\"secretAccessKey\":\"x\"}",
                    "{\"accessKeyId\":\"AKIAVALIDVALID0001\",\"iamEndpoint\":\"ftp://x\"}", "{\"unknown\":1}")) {
                HttpResponse<String> answer = ic.send(ic.admin("/api/apps/" + app + "/aws-connection")
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(bad)).build());
                assertThat(answer.statusCode()).as(bad).isEqualTo(400);
            }
            assertThat(ic.send(ic.admin("/api/apps/" + app + "/aws-connection").build()).body()).contains("AKIABURST");
        }
    }
}
