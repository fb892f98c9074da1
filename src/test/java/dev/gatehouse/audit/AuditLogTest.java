package dev.gatehouse.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PostBindingPage;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.directory.User;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log over HTTP: every event kind recorded, the console's filters, the JSON-lines export, no secrets. */
class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"token-value\" class=\"mono\" readonly value=\"([^\"]+)\"");

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void everyEventKindIsRecordedAndNoSecretIsEverWritten(TestDatabase.Kind kind) throws Exception {
        try (TestIdentityCenter ic = TestIdentityCenter.start(kind)) {
            TestData.admin(ic, "root");
            User alice = TestData.user(ic, "alice", "alice@example.com");
            String appId = TestData.awsApp(ic, "Prod", "https://signin.aws.amazon.com/saml");
            assertThat(api(ic, "PATCH", "/api/apps/" + appId, "{\"relayState\":\"/console/home\"}").statusCode()).isEqualTo(200);
            assertThat(api(ic, "POST", "/api/apps/" + appId + "/assignments",
                    "{\"principalType\":\"USER\",\"principalId\":\"" + alice.id() + "\"}").statusCode()).isIn(200, 201);
            assertThat(api(ic, "POST", "/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"bob\",\"password\":\"bobs-secret-password-123\"}").statusCode()).isEqualTo(201);

            String wrongPassword = "Tr0ub4dor&3-wrong";
            Http failed = Http.browser(ic.baseUrl());
            failed.get("/");
            failed.post("/login", Map.of("username", "alice", "password", wrongPassword));
            Http browser = Http.browser(ic.baseUrl()).signIn("alice", TestData.PASSWORD);
            String samlResponse = PostBindingPage.samlResponse(browser.get("/launch/" + appId).body());
            String assertionXml = new String(Base64.getDecoder().decode(samlResponse), StandardCharsets.UTF_8);
            String assertionId = match(Pattern.compile("<saml2?:Assertion[^>]* ID=\"([^\"]+)\""), assertionXml);

            Http admin = adminSession(ic);
            admin.get("/admin/tokens");
            String newToken = match(NEW_TOKEN, admin.post("/admin/tokens", Map.of("name", "hr-feed")).body());
            assertThat(api(ic, "POST", "/api/apps/" + appId + "/signing-keys", "").statusCode()).isEqualTo(201);

            List<JsonNode> events = exportLines(admin.get("/admin/audit/export").body());
            assertThat(types(events)).contains("USER_CREATED", "APP_UPDATED", "APP_ASSIGNED", "SIGN_IN_FAILED", "SIGN_IN",
                    "SSO_LAUNCH", "ADMIN_TOKEN_CREATED", "SIGNING_KEY_ROTATED");
            assertThat(detailOf(events, "SIGN_IN_FAILED")).contains("reason=");
            assertThat(detailOf(events, "SSO_LAUNCH")).contains("assertion=" + assertionId)
                    .contains(TestData.ROLE_ARN).contains("roleSessionName=alice@example.com")
                    .contains("acs=https://signin.aws.amazon.com/saml");
            assertThat(one(events, "SSO_LAUNCH").get("actor").asText()).isEqualTo("alice");
            assertThat(one(events, "SSO_LAUNCH").get("target").asText()).isEqualTo(appId);
            assertThat(detailOf(events, "APP_UPDATED")).contains("before").contains("after").contains("/console/home");
            assertThat(detailOf(events, "SIGNING_KEY_ROTATED")).contains("before").contains("after");

            String everything = admin.get("/admin/audit/export").body() + admin.get("/admin/audit").body();
            String pkcs8 = Base64.getEncoder().encodeToString(
                    ic.center().services().keys().activeKey(appId).privateKey().getEncoded());
            String masterKey = Files.readString(ic.dataDir().resolve(MasterKey.FILE_NAME)).strip();
            assertThat(everything).doesNotContain(TestData.PASSWORD).doesNotContain(wrongPassword)
                    .doesNotContain("bobs-secret-password-123").doesNotContain(TestIdentityCenter.ADMIN_TOKEN)
                    .doesNotContain(newToken).doesNotContain(samlResponse.substring(0, 60))
                    .doesNotContain(pkcs8.substring(0, 60)).doesNotContain(pkcs8.substring(pkcs8.length() - 60))
                    .doesNotContain(masterKey);
        }
    }

    @Test
    void filtersByActorTargetTypeAndTimeRange() throws Exception {
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            TestData.admin(ic, "root");
            AuditLog at9 = logAt(ic, "2030-01-01T09:00:00Z");
            at9.record("carol", "SSO_LAUNCH", "app-1", "early launch");
            AuditLog at10 = logAt(ic, "2030-01-01T10:00:00Z");
            at10.record("carol", "SSO_LAUNCH", "app-2", "other app");
            at10.record("dave", "SSO_LAUNCH", "app-1", "dave's launch");
            AuditLog at11 = logAt(ic, "2030-01-01T11:00:00Z");
            at11.record("carol", "SIGN_IN", "u-carol", "late sign-in");
            Http admin = adminSession(ic);

            assertThat(details(admin, "actor=CAROL&from=2030-01-01T00:00")).containsExactly("late sign-in", "other app", "early launch");
            assertThat(details(admin, "target=app-1")).containsExactly("dave's launch", "early launch");
            assertThat(details(admin, "type=SSO_LAUNCH&actor=carol")).containsExactly("other app", "early launch");
            assertThat(details(admin, "from=2030-01-01T09:30&to=2030-01-01T11:00")).containsExactly("dave's launch", "other app");
            assertThat(details(admin, "from=2030-01-01T10:00:00Z&to=2030-01-01T10:00:01Z")).containsExactly("dave's launch", "other app");

            HttpResponse<String> page = admin.get("/admin/audit?actor=dave");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("dave's launch").doesNotContain("early launch")
                    .contains("href=\"/admin/audit/export?actor=dave\"");
        }
    }

    @Test
    void exportIsOneJsonObjectPerLineOldestFirstEvenWhenDetailHasLineBreaks() throws Exception {
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            TestData.admin(ic, "root");
            AuditLog log = ic.center().services().audit();
            log.record("erin", "APP_UPDATED", "app-9", "before: a\nafter: \"b\"");
            log.record("erin", "APP_DELETED", "app-9", null);
            Http admin = adminSession(ic);

            HttpResponse<String> export = admin.get("/admin/audit/export?actor=erin");

            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
            assertThat(export.body()).endsWith("\n");
            String[] lines = export.body().split("\n");
            assertThat(lines).hasSize(2);
            JsonNode first = JSON.readTree(lines[0]);
            assertThat(first.get("type").asText()).isEqualTo("APP_UPDATED");
            assertThat(first.get("detail").asText()).isEqualTo("before: a\nafter: \"b\"");
            assertThat(first.get("actor").asText()).isEqualTo("erin");
            assertThat(first.get("target").asText()).isEqualTo("app-9");
            assertThat(Instant.parse(first.get("at").asText())).isNotNull();
            assertThat(JSON.readTree(lines[1]).get("type").asText()).isEqualTo("APP_DELETED");
            assertThat(JSON.readTree(lines[1]).get("detail").isNull()).isTrue();
            assertThat(first.get("id").asLong()).isLessThan(JSON.readTree(lines[1]).get("id").asLong());
        }
    }

    @Test
    void exportCarriesTheSecurityHeadersOfEveryOtherResponse() {
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            TestData.admin(ic, "root");
            // More than the server's output buffer, so the stream is sent (and its headers fixed) while it is written.
            for (int i = 0; i < 100; i++) {
                ic.center().services().audit().record("erin", "APP_UPDATED", "app-" + i, "a change, " + "and more ".repeat(200));
            }
            Http admin = adminSession(ic);

            HttpResponse<String> export = admin.get("/admin/audit/export");
            HttpResponse<String> page = admin.get("/admin/audit");

            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.body().length()).isGreaterThan(150_000);
            assertThat(export.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(export.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(export.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(export.headers().firstValue("Content-Security-Policy"))
                    .isPresent().isEqualTo(page.headers().firstValue("Content-Security-Policy"));
        }
    }

    @Test
    void badFilterThen400WithReasonNot500() {
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            TestData.admin(ic, "root");
            Http admin = adminSession(ic);

            HttpResponse<String> page = admin.get("/admin/audit?from=yesterday&type=drop%20table");
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("is not a date and time").contains("capitals and underscores");
            assertThat(admin.get("/admin/audit/export?from=2030-01-02T00:00&to=2030-01-01T00:00").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void auditPagesWhenNotAdministratorThenRefused() {
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            TestData.user(ic, "mallory", "mallory@example.com");
            ic.center().services().audit().record("root", "USER_CREATED", "u-1", "confidential detail");
            Http user = Http.browser(ic.baseUrl()).signIn("mallory", TestData.PASSWORD);
            Http anonymous = Http.browser(ic.baseUrl());

            for (String path : List.of("/admin/audit", "/admin/audit/export")) {
                HttpResponse<String> asUser = user.get(path);
                HttpResponse<String> asAnonymous = anonymous.get(path);
                assertThat(asUser.statusCode()).isIn(302, 303, 403);
                assertThat(asAnonymous.statusCode()).isIn(302, 303, 401, 403);
                assertThat(asUser.body() + asAnonymous.body()).doesNotContain("confidential detail");
            }
        }
    }

    @Test
    void secretShapedDetailIsMaskedBeforeItIsStored() {
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            AuditLog log = ic.center().services().audit();
            String blob = "A".repeat(300);
            log.record("x", "TEST", null, "password=hunter2 {\"token\":\"tok-123\"} Authorization: Bearer abc.def "
                    + "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- SAMLResponse=" + blob + " kept");

            String stored = log.recent(1).get(0).detail();
            assertThat(stored).doesNotContain("hunter2").doesNotContain("tok-123").doesNotContain("abc.def")
                    .doesNotContain("MIIE").doesNotContain(blob).contains("kept").contains(SecretScrubber.MASK);
        }
    }

    private static AuditLog logAt(TestIdentityCenter ic, String instant) {
        return new AuditLog(ic.center().database().jdbi(), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static List<String> details(Http admin, String query) throws Exception {
        HttpResponse<String> export = admin.get("/admin/audit/export?" + query);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        List<String> newestFirst = new java.util.ArrayList<>(exportLines(export.body()).stream()
                .map(n -> n.get("detail").asText()).toList());
        java.util.Collections.reverse(newestFirst); // the export is oldest first; the page shows newest first
        return newestFirst;
    }

    static List<JsonNode> exportLines(String body) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    private static JsonNode one(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).findFirst().orElseThrow();
    }

    private static String detailOf(List<JsonNode> events, String type) {
        return one(events, type).get("detail").asText();
    }

    static Http adminSession(TestIdentityCenter ic) {
        Http browser = Http.browser(ic.baseUrl());
        browser.get("/admin/login");
        HttpResponse<String> response = browser.post("/admin/login", Map.of("username", "root", "password", TestData.PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        return browser;
    }

    private static HttpResponse<String> api(TestIdentityCenter ic, String method, String path, String body) {
        return ic.send(ic.admin(path).header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(text.length() > 2000 ? text.substring(0, 2000) : text).isTrue();
        return m.group(1);
    }
}
