package dev.gatehouse.admin;

import dev.gatehouse.testing.Http;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.directory.AdminTokens;
import dev.gatehouse.directory.UserDraft;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TokensAdminTest {
    private static final Pattern TOKEN = Pattern.compile("id=\"token-value\" class=\"mono\" readonly value=\"([A-Za-z0-9_-]{43})\"");

    @Test
    void tokenCreatedInTheConsoleIsShownOnceAndWorksUntilRevoked() {
        try (TestIdentityCenter ic = TestIdentityCenter.start()) {
            ic.center().services().directory().createUser("test",
                    new UserDraft("root", null, null, null, null, true, true), UsersAdminTest.PASSWORD);
            Http admin = UsersAdminTest.adminSession(ic, "root");
            admin.get("/admin/tokens");

            HttpResponse<String> created = admin.post("/admin/tokens", Map.of("name", "provisioning"));
            assertThat(created.statusCode()).isEqualTo(200);
            Matcher m = TOKEN.matcher(created.body());
            assertThat(m.find()).as(created.body()).isTrue();
            String token = m.group(1);
            assertThat(scimWith(ic, token).statusCode()).isEqualTo(200);

            HttpResponse<String> listed = admin.get("/admin/tokens");
            assertThat(listed.body()).contains("provisioning").doesNotContain(token);

            AdminTokens.AdminToken stored = ic.center().services().adminTokens().list().get(0);
            assertThat(admin.post("/admin/tokens/" + stored.id() + "/revoke", Map.of()).statusCode()).isEqualTo(303);
            assertThat(scimWith(ic, token).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void createWithoutCsrfThenForbiddenAndNoToken() {
        try (TestIdentityCenter ic = TestIdentityCenter.start()) {
            ic.center().services().directory().createUser("test",
                    new UserDraft("root", null, null, null, null, true, true), UsersAdminTest.PASSWORD);
            Http admin = UsersAdminTest.adminSession(ic, "root");

            assertThat(admin.postRaw("/admin/tokens", Map.of("name", "sneaky")).statusCode()).isEqualTo(403);
            assertThat(ic.center().services().adminTokens().list()).isEmpty();
        }
    }

    private static HttpResponse<String> scimWith(TestIdentityCenter ic, String token) {
        return ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/scim/v2/Users"))
                .header("Authorization", "Bearer " + token).GET().build());
    }
}
