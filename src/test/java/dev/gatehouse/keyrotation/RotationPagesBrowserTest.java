package dev.gatehouse.keyrotation;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.awsside.AwsSideFixtures;
import dev.gatehouse.testing.Chromium;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rotation pages in Chromium: the application list's days to expiry and the dashboard's warning, a connected
 * instance's timeline after a whole rotation, and an unconnected instance's steps by hand. Screenshots land in
 * {@code target/screenshots/key-rotation} (the guide's pictures are copied from there).
 */
class RotationPagesBrowserTest {
    @Test
    void anAdministratorSeesExpiryTheTimelineAndTheStepsByHand(@TempDir Path dir) throws Exception {
        Peers.chromium();
        Peers.chromedriver();
        try (RotationScenario s = new RotationScenario(TestIdentityCenter.defaultKind())) {
            s.setUpAccount(s.aws, dir);
            AwsSideFixtures.connect(s.ic, s.aws, s.app);
            TestData.admin(s.ic, "root");
            String byHand = s.ic.center().services().applications().create("test", new AppInput("external-aws-account",
                    "Sandbox account", null, null, null, null, null)).app().id();
            s.rotation().startNow("root", s.app);
            s.rotation().tick();
            s.clock.advance(RotationPolicy.DEFAULT.grace().plusMinutes(5));
            s.rotation().tick();
            // The sandbox's key is 25 days from expiry (no tick since, so its rotation is the admin's to start): amber on the
            // list, a warning on the dashboard.
            s.clock.set(s.ic.center().services().keys().activeKey(byHand).notAfter().minus(Duration.ofDays(25)));

            ChromeDriver driver = Chromium.headless(dir.resolve("profile"), dir.resolve("downloads"));
            try {
                driver.get(s.ic.baseUrl() + "/admin/login");
                Chromium.find(driver, "username").sendKeys("root");
                Chromium.find(driver, "password").sendKeys(TestData.PASSWORD);
                Chromium.find(driver, "signin-button").click();
                new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().endsWith("/admin/login"));

                driver.get(s.ic.baseUrl() + "/admin/apps");
                assertThat(Chromium.find(driver, "key-expiry-warnings").getText()).contains("Sandbox account: 25 days (soon) left");
                assertThat(driver.findElement(By.cssSelector("a[href='/admin/apps/" + byHand + "/rotation'].badge.warn")).getText())
                        .isEqualTo("25 days (soon)");
                Chromium.screenshot(driver, "key-rotation", "01-applications-key-expiry");

                driver.get(s.ic.baseUrl() + "/admin/apps/" + s.app + "/rotation");
                assertThat(Chromium.find(driver, "automatic").getText()).contains(RotationScenario.PROVIDER_ARN);
                assertThat(Chromium.find(driver, "timeline").getText()).contains("NEXT_CREATED").contains("PUSHED")
                        .contains("TESTED").contains("PROMOTED").contains("REMOVAL_PUSHED").contains("RETIRED");
                driver.executeScript("document.getElementById('timeline').scrollIntoView()");
                Chromium.screenshot(driver, "key-rotation", "02-rotation-timeline");

                // Check setup's test sign-in, as a chosen user.
                driver.get(s.ic.baseUrl() + "/admin/apps/" + s.app + "/aws");
                new org.openqa.selenium.support.ui.Select(Chromium.find(driver, "testUser")).selectByVisibleText("bob");
                Chromium.find(driver, "check-setup").click();
                assertThat(Chromium.find(driver, "findings").findElement(By.cssSelector("tr[data-check='test-sign-in']")).getText())
                        .contains("as bob into " + RotationScenario.ROLE_ARN);
                driver.executeScript("document.getElementById('checks').scrollIntoView()");
                Chromium.screenshot(driver, "key-rotation", "04-check-setup-test-sign-in");

                driver.get(s.ic.baseUrl() + "/admin/apps/" + byHand + "/rotation");
                Chromium.find(driver, "start-rotation").click();
                Chromium.awaitMain(driver, "Rotation started");
                assertThat(Chromium.find(driver, "cli-command").getText()).startsWith("aws iam update-saml-provider");
                assertThat(Chromium.find(driver, "promote").getText()).isEqualTo("I uploaded it: make the next key active");
                driver.executeScript("document.getElementById('by-hand').scrollIntoView()");
                Chromium.screenshot(driver, "key-rotation", "03-rotation-by-hand");
            } finally {
                driver.quit();
            }
        }
    }
}
