package dev.gatehouse.security;

import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin bearer tokens act as the administrator who made them: they stop when that user is demoted, deactivated or
 * deleted, and when their expiry (chosen at creation, 90 days by default) passes. A token cannot make tokens; the
 * bootstrap token from {@code GATEHOUSE_ADMIN_TOKEN} still works for the APIs.
 */
class AdminTokenLifetimeTest {
    private static final Pattern TOKEN = Pattern.compile("id=\"token-value\" class=\"mono\" readonly value=\"([A-Za-z0-9_-]{43})\"");

    private ClockedCenter ic;
    private User root;
    private Http console;

    @BeforeEach
    void start() {
        ic = ClockedCenter.start();
        root = ic.admin("root");
        ic.admin("second");
        console = Http.browser(ic.baseUrl());
        console.get("/admin/login");
        assertThat(console.post("/admin/login", Map.of("username", "root", "password", ClockedCenter.PASSWORD)).statusCode()).isEqualTo(303);
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    private String createToken(Map<String, String> extra) {
        console.get("/admin/tokens");
        Map<String, String> fields = new HashMap<>(extra);
        fields.put("name", "ci");
        HttpResponse<String> created = console.post("/admin/tokens", fields);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Matcher m = TOKEN.matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        return m.group(1);
    }

    private int scimWith(String token) {
        return Http.exchange(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/scim/v2/Users"))
                .header("Authorization", "Bearer " + token).GET().build()).statusCode();
    }

    private HttpResponse<String> createWithBearer(String token) {
        return Http.exchange(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/admin/tokens"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=minted")).build());
    }

    private void setRoot(boolean active, boolean admin) {
        var directory = ic.center().services().directory();
        directory.replaceUser("test", root.id(), directory.users().find(root.id()).orElseThrow().draft()
                .withActive(active).withAdmin(admin), null, null);
    }

    @Test
    void tokenStopsWhenItsAdminIsDemoted() {
        String token = createToken(Map.of());
        assertThat(scimWith(token)).isEqualTo(200);

        setRoot(true, false);

        assertThat(scimWith(token)).isEqualTo(401);
        setRoot(true, true);
        assertThat(scimWith(token)).isEqualTo(200); // nothing but the admin's role decided it
    }

    @Test
    void tokenStopsWhenItsAdminIsDeactivated() {
        String token = createToken(Map.of());

        setRoot(false, true);

        assertThat(scimWith(token)).isEqualTo(401);
    }

    @Test
    void tokenStopsWhenItsAdminIsDeleted() {
        String token = createToken(Map.of());

        ic.center().services().directory().deleteUser("second", root.id());

        assertThat(scimWith(token)).isEqualTo(401);
    }

    @Test
    void tokenExpiresAfterTheNinetyDaysChosenByDefaultAndTheListSaysWhen() {
        String token = createToken(Map.of());
        assertThat(console.get("/admin/tokens").body()).contains("2030-04-02"); // 90 days after 2030-01-02

        HttpResponse<String> api = Http.exchange(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/admin-tokens"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"expiresAt\":\"2030-04-02T03:04:10Z\"").contains("\"actsAs\":\"root\"")
                .contains("\"status\":\"active\"").doesNotContain(token);

        ic.clock().advance(Duration.ofDays(89));
        assertThat(scimWith(token)).isEqualTo(200);
        ic.clock().advance(Duration.ofDays(1).plusMinutes(1));

        assertThat(scimWith(token)).isEqualTo(401);
    }

    @Test
    void tokenExpiresAfterTheLifetimeChosenAtCreation() {
        String token = createToken(Map.of("expiresInDays", "7"));

        ic.clock().advance(Duration.ofDays(7).plusMinutes(1));

        assertThat(scimWith(token)).isEqualTo(401);
    }

    @Test
    void creationWithAnUnusableLifetimeIsRefusedWithAClearMessage() {
        console.get("/admin/tokens");

        HttpResponse<String> response = console.post("/admin/tokens", Map.of("name", "ci", "expiresInDays", "5000"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("1 to 365 days");
        assertThat(ic.center().services().adminTokens().list()).isEmpty();
    }

    @Test
    void aTokenCannotCreateTokensNorCanTheBootstrapToken() {
        String token = createToken(Map.of());

        assertThat(createWithBearer(token).statusCode()).isEqualTo(403);
        assertThat(createWithBearer(ClockedCenter.ADMIN_TOKEN).statusCode()).isEqualTo(403);

        assertThat(ic.center().services().adminTokens().list()).hasSize(1);
        assertThat(scimWith(ClockedCenter.ADMIN_TOKEN)).isEqualTo(200);
    }
}
