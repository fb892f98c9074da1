package dev.gatehouse.awsside;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Chromium;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS side's pages in Chromium, as an administrator uses them: the tab on a guide instance, the target and its
 * trust policy, *Check setup* finding a user whose RoleSessionName AWS would refuse, the connection form refusing a
 * bad key without saving, and the error decoder. Screenshots land in {@code target/screenshots/aws-side} for a look.
 */
class AwsSidePagesBrowserTest {
    private TestIdentityCenter ic;
    private ChromeDriver driver;
    private String app;

    @BeforeEach
    void start() throws Exception {
        Peers.chromium();
        Peers.chromedriver();
        ic = TestIdentityCenter.start();
        TestData.admin(ic, "root");
        User ok = TestData.user(ic, "alice", "alice@example.com");
        User bad = TestData.user(ic, "x", "x@example.com");
        var apps = ic.center().services().applications();
        app = apps.create("test", new AppInput("external-aws-account", "Production account", null, null, null, null, null)).app().id();
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, ok.id());
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, bad.id());
        apps.replaceMappings("test", app, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, "arn:aws:iam::123456789012:role/ReadOnly,arn:aws:iam::123456789012:saml-provider/Gatehouse", "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:preferredUsername}", "unspecified")));
        driver = Chromium.headless(Files.createTempDirectory("gatehouse-awsside-chromium"), Files.createTempDirectory("gatehouse-awsside-downloads"));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (ic != null) {
            ic.close();
        }
    }

    @Test
    void anAdministratorSeesTheTargetChecksItAndDecodesAnError() throws Exception {
        signIn();

        driver.get(ic.baseUrl() + "/admin/apps/" + app);
        Chromium.find(driver, "tab-aws-side").click();
        assertThat(Chromium.find(driver, "role-arn").getText()).isEqualTo("arn:aws:iam::123456789012:role/ReadOnly");
        assertThat(Chromium.find(driver, "trust-policy").getText()).contains("\"SAML:aud\" : \"https://signin.aws.amazon.com/saml\"");
        assertThat(Chromium.find(driver, "bundle-script").getAttribute("href")).endsWith("/api/apps/" + app + "/aws-bundle/script");
        screenshot("01-aws-side");

        Chromium.find(driver, "check-setup").click();
        assertThat(Chromium.find(driver, "check-summary").getText()).isEqualTo("1 error, 1 warning.");
        assertThat(driver.findElement(By.cssSelector("tr[data-check='role-session-name']")).getText())
                .contains("1 of 2 users who may launch it").contains("x (\"x\" must match").contains("InvalidIdentityToken");
        Chromium.screenshot(Chromium.find(driver, "checks"), "aws-side", "02-check-setup");

        Chromium.find(driver, "accessKeyId").sendKeys("not a key");
        Chromium.find(driver, "secretAccessKey").sendKeys("secret");
        Chromium.find(driver, "save-connection").click();
        assertThat(Chromium.find(driver, "connection-errors").getText()).contains("accessKeyId must be");
        assertThat(ic.center().services().audit().recent(20)).noneSatisfy(e -> assertThat(e.type()).isEqualTo("AWS_CONNECTION_SAVED"));

        driver.get(ic.baseUrl() + "/admin/aws-errors");
        Chromium.find(driver, "text").sendKeys("An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithSAML operation: Issuer not present in specified provider");
        Chromium.find(driver, "decode").click();
        assertThat(Chromium.find(driver, "decoded").getText()).contains("The issuer is unknown to the provider").contains("provider-metadata");
        screenshot("03-decoder");
    }

    @Test
    void aCatalogsAccountsAreEachConnectedAndCheckedOnTheirOwnPage() {
        var apps = ic.center().services().applications();
        String catalog = apps.create("test", new AppInput("aws-account-catalog", "All accounts", null, null, null, null, null)).app().id();
        var accounts = ic.center().services().catalog();
        accounts.putAccount("test", catalog, "111122223333", new dev.gatehouse.apps.AwsCatalog.AccountInput("Sandbox", "Gatehouse", null, null));
        accounts.putAccount("test", catalog, "444455556666", new dev.gatehouse.apps.AwsCatalog.AccountInput("Production", "Gatehouse", null, null));
        accounts.putRole("test", catalog, "444455556666", "ReadOnly", new dev.gatehouse.apps.AwsCatalog.RoleInput("Look around", 3600, null));
        accounts.putRole("test", catalog, "444455556666", "ops/Deployer", new dev.gatehouse.apps.AwsCatalog.RoleInput("Ship", 28800, null));
        signIn();

        driver.get(ic.baseUrl() + "/admin/apps/" + catalog + "/aws");
        assertThat(driver.findElement(By.cssSelector("tr[data-account='444455556666']")).getText())
                .contains("Production").contains("Not connected").contains("Connect and check");
        driver.findElement(By.cssSelector("tr[data-account='444455556666'] a.account-link")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("account=444455556666"));
        assertThat(driver.findElements(By.cssSelector("h3.role-arn")).stream().map(e -> e.getText()).toList())
                .containsExactly("arn:aws:iam::444455556666:role/ReadOnly", "arn:aws:iam::444455556666:role/ops/Deployer");
        assertThat(Chromium.find(driver, "bundle-script").getAttribute("href")).endsWith("/aws-bundle/script?account=444455556666");
        assertThat(Chromium.find(driver, "connection-policy").getText()).contains("arn:aws:iam::444455556666:role/ops/Deployer")
                .contains("iam:UpdateSAMLProvider");

        Chromium.find(driver, "check-setup").click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("check=1"));
        assertThat(driver.getCurrentUrl()).contains("account=444455556666");
        assertThat(driver.findElement(By.cssSelector("tr[data-check='max-session-duration']")).getText()).contains("28800");
        assertThat(driver.findElement(By.cssSelector("tr[data-check='assignments']")).getText()).contains("No active user is entitled");
        Chromium.screenshot(Chromium.find(driver, "checks"), "aws-side", "04-catalog-account-checks");

        Chromium.find(driver, "accessKeyId").sendKeys("AKIAEXAMPLEEXAMPLE01");
        Chromium.find(driver, "secretAccessKey").sendKeys("secret");
        Chromium.find(driver, "roleArn").sendKeys("arn:aws:iam::444455556666:user/not-a-role");
        Chromium.find(driver, "save-connection").click();
        assertThat(Chromium.find(driver, "connection-errors").getText()).contains("roleArn must be an IAM role ARN");
        Chromium.find(driver, "roleArn").clear();
        Chromium.find(driver, "roleArn").sendKeys("arn:aws:iam::444455556666:role/GatehouseConnection");
        Chromium.find(driver, "secretAccessKey").sendKeys("secret");
        Chromium.find(driver, "save-connection").click();
        assertThat(Chromium.find(driver, "connection-summary").getText()).contains("AKIAEXAMPLEEXAMPLE01")
                .contains("assuming arn:aws:iam::444455556666:role/GatehouseConnection");
        assertThat(ic.center().services().audit().recent(20)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("AWS_CONNECTION_SAVED");
            assertThat(e.detail()).contains("444455556666").doesNotContain("secret\"");
        });
        driver.get(ic.baseUrl() + "/admin/apps/" + catalog + "/aws");
        assertThat(driver.findElement(By.cssSelector("tr[data-account='444455556666']")).getText()).contains("Connected");
        assertThat(driver.findElement(By.cssSelector("tr[data-account='111122223333']")).getText()).contains("Not connected");
        screenshot("05-catalog-accounts");
    }

    private void signIn() {
        driver.get(ic.baseUrl() + "/admin/login");
        Chromium.find(driver, "username").sendKeys("root");
        Chromium.find(driver, "password").sendKeys(TestData.PASSWORD);
        Chromium.find(driver, "signin-button").click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().endsWith("/admin/login"));
    }

    private void screenshot(String name) {
        Chromium.screenshot(driver, "aws-side", name);
    }
}
