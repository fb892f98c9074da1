package dev.gatehouse.awsside;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.iam.SamlProvider;
import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Chromium;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encrypted-assertions journey in Chromium: an administrator makes a key on the AWS side tab and pushes it to the
 * connected account in Required mode; a user launches from the portal and lands in the emulated console, through an
 * assertion the browser could not read. Screenshots land in {@code target/screenshots/aws-encryption}.
 */
class EncryptedLaunchBrowserTest {
    private static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    private static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Gatehouse";
    private TestAwsEmulator aws;
    private TestIdentityCenter ic;
    private ChromeDriver driver;
    private String app;

    @BeforeEach
    void start() throws Exception {
        Peers.chromium();
        Peers.chromedriver();
        aws = TestAwsEmulator.start();
        ic = TestIdentityCenter.start();
        TestData.admin(ic, "root");
        User alice = TestData.user(ic, "alice", "alice@example.com");
        var apps = ic.center().services().applications();
        app = apps.create("test", new AppInput("external-aws-account", "Encrypted account", null, aws.baseUrl() + "/saml", null, null, null)).app().id();
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, alice.id());
        var metadata = ic.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(ic.baseUrl() + "/api/apps/" + app + "/saml-metadata")).build()).body();
        SamlProvider provider = aws.iam().createSamlProvider(ACCOUNT, "Gatehouse", metadata);
        aws.iam().createRole(ACCOUNT, "Encrypted", "/", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Federated\":\"" + PROVIDER_ARN + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":"
                + "{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml/acs/" + provider.uuid() + "\"}}}]}", 3600, null);
        apps.update("test", app, new AppInput("external-aws-account", "Encrypted account", null,
                aws.baseUrl() + "/saml/acs/" + provider.uuid(), null, null, null));
        apps.replaceMappings("test", app, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, "arn:aws:iam::" + ACCOUNT + ":role/Encrypted," + PROVIDER_ARN, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified")));
        AwsSideFixtures.connect(ic, aws, app);
        driver = Chromium.headless(Files.createTempDirectory("gatehouse-enc-chromium"), Files.createTempDirectory("gatehouse-enc-downloads"));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (ic != null) {
            ic.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void administratorPushesAKeyInRequiredModeAndTheUsersLaunchLandsInTheConsole() {
        driver.get(ic.baseUrl() + "/admin/login");
        Chromium.find(driver, "username").sendKeys("root");
        Chromium.find(driver, "password").sendKeys(TestData.PASSWORD);
        Chromium.find(driver, "signin-button").click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().endsWith("/admin/login"));

        driver.get(ic.baseUrl() + "/admin/apps/" + app);
        Chromium.find(driver, "tab-aws-side").click();
        assertThat(Chromium.find(driver, "encryption-state").getText()).contains("unencrypted");
        new Select(Chromium.find(driver, "encryptionMode")).selectByValue("Required");
        Chromium.find(driver, "generate-encryption").click();
        assertThat(Chromium.find(driver, "encryption-saved").getText()).isEqualTo("Saved.");
        assertThat(Chromium.find(driver, "encryption-mode").getText()).isEqualTo("Required");
        assertThat(Chromium.find(driver, "encryption-subject").getText()).contains("Gatehouse assertion encryption");
        Chromium.screenshot(driver, "aws-encryption", "01-aws-side-encryption");
        assertThat(aws.iam().getSamlProvider(PROVIDER_ARN).encryptionRequired()).isTrue();

        driver.manage().deleteAllCookies();
        driver.get(ic.baseUrl() + "/");
        Chromium.find(driver, "username").sendKeys("alice");
        Chromium.find(driver, "password").sendKeys(TestData.PASSWORD);
        Chromium.find(driver, "signin-button").click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(org.openqa.selenium.By.cssSelector("a[href='/launch/" + app + "']")).isEmpty());
        driver.get(ic.baseUrl() + "/launch/" + app);
        Chromium.awaitMain(driver, "alice@example.com");
        assertThat(driver.getCurrentUrl()).startsWith(aws.baseUrl() + "/console");
        assertThat(driver.findElement(org.openqa.selenium.By.tagName("main")).getText()).contains("Encrypted");
        Chromium.screenshot(driver, "aws-encryption", "02-console-after-encrypted-launch");

        // The account's root user sees the provider's encryption on its IAM console page: mode, IdP-ID, the key's ID.
        driver.manage().deleteAllCookies();
        driver.get(aws.baseUrl() + "/console/signin?next=/console/iam/providers/Gatehouse");
        Chromium.find(driver, "account-id").clear();
        Chromium.find(driver, "account-id").sendKeys(ACCOUNT);
        Chromium.find(driver, "secret-access-key").sendKeys(TestAwsEmulator.SECRET);
        Chromium.find(driver, "signin-submit").click();
        assertThat(Chromium.find(driver, "encryption-mode").getText()).isEqualTo("Required");
        assertThat(Chromium.find(driver, "private-keys").getText())
                .contains(aws.iam().getSamlProvider(PROVIDER_ARN).privateKeys().get(0).keyId());
        Chromium.screenshot(driver, "aws-encryption", "03-emulated-iam-provider-encryption");
    }
}
