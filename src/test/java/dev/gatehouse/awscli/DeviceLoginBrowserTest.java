package dev.gatehouse.awscli;

import dev.gatehouse.TestData;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gatehouse aws login} approved in headless Chromium: the link the CLI prints sends the browser through the
 * portal's sign-in to {@code /device}, which shows the code, client and address; Approve signs the CLI in, and
 * the account page lists the new command-line sign-in. Screenshots go to {@code gatehouse.screenshots}.
 */
class DeviceLoginBrowserTest {
    @Test
    void theLinkThePortalSignInAndApproveSignTheCliIn(@TempDir Path home) throws Exception {
        try (CliWorld w = new CliWorld(home)) {
            ChromeDriver driver = Chromium.headless(home.resolve("profile"), home.resolve("downloads"));
            try {
                CliWorld.Run login = w.login(code -> {
                    driver.get(w.ic.baseUrl() + "/device?user_code=" + code);
                    Chromium.find(driver, "username").sendKeys("alice");
                    Chromium.find(driver, "password").sendKeys(TestData.PASSWORD);
                    Chromium.find(driver, "signin-button").click();
                    assertThat(Chromium.find(driver, "device-code").getText()).isEqualTo(code);
                    assertThat(Chromium.find(driver, "device-client").getText()).isEqualTo("gatehouse-cli");
                    screenshot(driver, "01-device-confirm");
                    Chromium.find(driver, "device-approve").click();
                    Chromium.awaitMain(driver, "Approved");
                    screenshot(driver, "02-device-approved");
                });
                assertThat(login.exitCode()).as(login.err()).isZero();
                assertThat(login.err()).contains("Signed in to " + w.ic.baseUrl());
                assertThat(w.cli("credentials", "--account", TestAwsEmulator.ACCOUNT_ID, "--role", "Developer").exitCode()).isZero();

                driver.get(w.ic.baseUrl() + "/account/devices");
                assertThat(Chromium.find(driver, "device-sessions").getText()).contains("gatehouse-cli");
                screenshot(driver, "03-account-devices");
                driver.get(w.ic.baseUrl() + "/device");
                Chromium.find(driver, "user-code");
                screenshot(driver, "04-device-enter-code");
                driver.get(w.ic.baseUrl() + "/aws/access");
                Chromium.find(driver, "aws-roles");
                screenshot(driver, "05-aws-access");
                driver.findElement(org.openqa.selenium.By.cssSelector("#aws-roles button")).click();
                assertThat(Chromium.find(driver, "keys-bash").getText()).startsWith("export AWS_ACCESS_KEY_ID=\"ASIA");
                screenshot(driver, "06-aws-access-keys");

                // The console lists alice's command line for an administrator.
                TestData.admin(w.ic, "ada");
                driver.manage().deleteAllCookies();
                driver.get(w.ic.baseUrl() + "/admin/login");
                Chromium.find(driver, "username").sendKeys("ada");
                Chromium.find(driver, "password").sendKeys(TestData.PASSWORD);
                Chromium.find(driver, "signin-button").click();
                new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30))
                        .until(d -> !d.getCurrentUrl().contains("/admin/login"));
                driver.get(w.ic.baseUrl() + "/admin/device-sessions");
                assertThat(Chromium.find(driver, "device-sessions").getText()).contains("alice").contains("gatehouse-cli");
                screenshot(driver, "07-admin-device-sessions");
            } finally {
                driver.quit();
            }
        }
    }

    private static void screenshot(ChromeDriver driver, String name) {
        Chromium.screenshot(driver, "device-login-screens", name);
    }
}
