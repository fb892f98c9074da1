package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.sts.StsScenario;
import dev.gatehouse.testing.Chromium;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's Event history: the root user lists the account's CloudTrail events, filters them on a lookup
 * attribute and opens one record; over HTTP and in headless Chromium (screenshots under
 * {@code gatehouse.screenshots}/cloudtrail).
 */
class EventHistoryPageTest {
    private static StsScenario scenario;
    private static HttpResponse<String> launched;

    @BeforeAll
    static void start() {
        scenario = StsScenario.start();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SAMLResponse", scenario.response().sessionName("event.page@example.com").base64());
        launched = scenario.post("/saml", form, null);
        assertThat(launched.statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        scenario.close();
    }

    private static Http root() {
        Http browser = Http.browser(scenario.aws.baseUrl());
        HttpResponse<String> page = browser.get("/console/signin");
        HttpResponse<String> r = browser.postRaw("/console/signin", Map.of("_csrf", Http.csrfOf(page.body()),
                "accountId", TestAwsEmulator.ACCOUNT_ID, "secretAccessKey", TestAwsEmulator.SECRET, "next", "/console/iam"));
        assertThat(r.statusCode()).isEqualTo(303);
        return browser;
    }

    @Test
    void rootListsFiltersAndOpensEventsAndBadInputIsA400Page() {
        Http browser = root();
        HttpResponse<String> all = browser.get("/console/cloudtrail");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("href=\"/console/cloudtrail\"").contains("Event history")
                .contains(">AssumeRoleWithSAML<").contains(">ConsoleLogin<").contains("event.page@example.com");

        HttpResponse<String> filtered = browser.get("/console/cloudtrail?attribute=EventName&value=ConsoleLogin");
        assertThat(filtered.body()).contains(">ConsoleLogin<").doesNotContain(">AssumeRoleWithSAML<");
        assertThat(browser.get("/console/cloudtrail?attribute=Username&value=nobody").body()).contains("id=\"no-events\"");

        Matcher link = Pattern.compile("href=\"(/console/cloudtrail/events/[0-9a-f-]+)\">AssumeRoleWithSAML<").matcher(all.body());
        assertThat(link.find()).isTrue();
        HttpResponse<String> detail = browser.get(link.group(1));
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("id=\"event-record\"").contains("\"type\" : \"SAMLUser\"").contains("sts.amazonaws.com");

        HttpResponse<String> rootLogins = browser.get("/console/cloudtrail?attribute=Username&value=root");
        assertThat(rootLogins.body()).contains(">ConsoleLogin<").contains("signin.amazonaws.com");

        HttpResponse<String> badToken = browser.get("/console/cloudtrail?next=garbage");
        assertThat(badToken.statusCode()).isEqualTo(400);
        assertThat(badToken.body()).contains("id=\"form-error\"").contains("Invalid NextToken.");
        assertThat(browser.get("/console/cloudtrail/events/no-such-event").statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongRootSecretIsAFailedConsoleLogin() throws Exception {
        Http browser = Http.browser(scenario.aws.baseUrl());
        HttpResponse<String> page = browser.get("/console/signin");
        assertThat(browser.postRaw("/console/signin", Map.of("_csrf", Http.csrfOf(page.body()), "accountId",
                TestAwsEmulator.ACCOUNT_ID, "secretAccessKey", "wrong", "next", "/console/iam")).statusCode()).isEqualTo(401);

        var failed = new dev.gatehouse.awsemulator.cloudtrail.EventHistory(new dev.gatehouse.awsemulator.cloudtrail.CloudTrailEvents(
                scenario.aws.emulator().database().jdbi(), java.time.Clock.systemUTC()), java.time.Clock.systemUTC())
                .page(TestAwsEmulator.ACCOUNT_ID, "EventName", "ConsoleLogin", null, 50).events().stream()
                .map(e -> e.recordJson()).filter(json -> json.contains("\"Failure\"")).toList();
        assertThat(failed).singleElement().satisfies(json -> assertThat(json).contains("\"type\":\"Root\"")
                .contains("\"errorMessage\":\"Failed authentication\"").contains("\"eventType\":\"AwsConsoleSignIn\""));
    }

    @Test
    void aFederatedSessionHasNoEventHistory() {
        String cookie = launched.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("aws_console="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> r = scenario.get("/console/cloudtrail", cookie);
        assertThat(r.statusCode()).isIn(302, 303, 403);
        assertThat(r.body()).doesNotContain("AssumeRoleWithSAML");
    }

    @Test
    void inChromiumTheListAndARecordRender() throws Exception {
        Path profile = Files.createTempDirectory("chromium-events");
        ChromeDriver driver = Chromium.headless(profile, profile.resolve("downloads"));
        try {
            driver.get(scenario.aws.baseUrl() + "/console/signin");
            Chromium.find(driver, "account-id").sendKeys(TestAwsEmulator.ACCOUNT_ID);
            Chromium.find(driver, "secret-access-key").sendKeys(TestAwsEmulator.SECRET);
            Chromium.find(driver, "signin-submit").click();
            Chromium.awaitMain(driver, "IAM");
            driver.findElement(By.linkText("Event history")).click();
            Chromium.awaitMain(driver, "Event history");
            assertThat(Chromium.find(driver, "events").getText()).contains("AssumeRoleWithSAML").contains("ConsoleLogin");
            screenshot(driver, "event-history");
            driver.findElement(By.linkText("AssumeRoleWithSAML")).click();
            assertThat(Chromium.find(driver, "event-record").getText()).contains("\"type\" : \"SAMLUser\"")
                    .contains("\"eventSource\" : \"sts.amazonaws.com\"");
            screenshot(driver, "event-record");
        } finally {
            driver.quit();
        }
    }

    private static void screenshot(ChromeDriver driver, String name) {
        Chromium.screenshot(driver, "cloudtrail", name);
    }
}
