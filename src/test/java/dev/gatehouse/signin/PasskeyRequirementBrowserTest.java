package dev.gatehouse.signin;

import dev.gatehouse.security.ClockedCenter;
import dev.gatehouse.testing.Chromium;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator's passkey rule and factor reset, in Chromium with a virtual authenticator: an administrator
 * with a passkey requires passkeys for everyone; a user without one is held at the passkey page until they add one;
 * afterwards the password alone no longer signs them in (only the passkey answers the second step); the
 * administrator sees who has what, resets the user's factors, which ends their session, and the hold starts again.
 */
class PasskeyRequirementBrowserTest {
    private ClockedCenter ic;
    private ChromeDriver driver;
    private VirtualAuthenticator authenticator;

    @BeforeEach
    void start() throws Exception {
        Peers.chromium();
        Peers.chromedriver();
        ic = ClockedCenter.start();
        ic.admin("root");
        ic.user("alice");
        driver = Chromium.headless(Files.createTempDirectory("gatehouse-passkey-rule-chromium"),
                Files.createTempDirectory("gatehouse-passkey-rule-downloads"));
        authenticator = driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
        // Passwords are typed here: while the authenticator cannot verify anyone, the sign-in page's passkey autofill
        // offers nothing. It verifies only during the ceremonies this test runs on purpose (see ceremony()).
        authenticator.setUserVerified(false);
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
    void passkeysRequiredForEveryoneHoldUsersUntilTheyAddOneAndAResetStartsTheHoldAgain() throws Exception {
        // The administrator cannot require what they do not have.
        adminSignIn();
        driver.get(ic.baseUrl() + "/admin/security");
        find("passkey-rule-everyone").click();
        find("save-security").click();
        assertThat(find("settings-error").getText()).contains("Add a passkey of your own before requiring passkeys");

        addPasskey("Root's key");
        driver.get(ic.baseUrl() + "/admin/security");
        find("passkey-rule-everyone").click();
        find("save-security").click();
        assertThat(find("settings-notice").getText()).contains("Everyone must sign in with a passkey");
        assertThat(ic.audit("SECURITY_SETTING_CHANGED")).first()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("{\"before\":\"off\",\"after\":\"everyone\"}"));
        screenshot("01-security-settings");
        signOut();

        // Alice has no passkey: her password signs her in, but only the passkey page opens.
        portalSignIn();
        awaitUrl("/account/passkeys?required=1");
        assertThat(find("passkey-required").getText()).contains("requires a passkey");
        driver.get(ic.baseUrl() + "/");
        awaitUrl("/account/passkeys?required=1");
        screenshot("02-held");
        find("passkey-name").sendKeys("Alice's phone");
        ceremony(() -> find("passkey-add").click(), () -> find("passkey-added"));
        driver.get(ic.baseUrl() + "/");
        awaitMain("Welcome,");
        // The last passkey of someone who must use one stays.
        driver.get(ic.baseUrl() + "/account/passkeys");
        find("passkey-list").findElement(By.cssSelector("button[aria-label=\"Remove passkey Alice's phone\"]")).click();
        assertThat(find("passkey-error").getText()).contains("add another passkey before removing this one");
        signOut();

        // Now the password is only the first step, and the passkey the only second one.
        portalSignIn();
        awaitUrl("/login/mfa");
        assertThat(driver.findElements(By.id("mfa-code-form"))).isEmpty();
        ceremony(() -> find("passkey-use").click(), () -> awaitMain("Welcome,"));
        assertThat(ic.audit("SIGN_IN")).first().satisfies(e -> assertThat(e.detail()).contains("password+passkey"));
        signOut();

        // The administrator sees who has what and resets Alice's factors (say her phone was lost).
        adminSignIn();
        awaitUrl("/admin/login/mfa");
        ceremony(() -> find("passkey-use").click(),
                () -> new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().endsWith("/mfa")));
        driver.get(ic.baseUrl() + "/admin/users");
        WebElement aliceRow = find("users").findElement(By.xpath(".//tr[td/a[text()='alice']]"));
        assertThat(aliceRow.findElement(By.className("factors")).getText()).isEqualTo("Passkey");
        aliceRow.findElement(By.tagName("a")).click();
        assertThat(find("factor-list").getText()).isEqualTo("Passkey");
        screenshot("03-user-factors");
        find("reset-factors").click();
        assertThat(find("notice").getText()).contains("Sign-in factors removed");
        assertThat(find("factor-list").getText()).isEqualTo("Password only");
        assertThat(ic.audit("FACTORS_RESET")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("root");
            assertThat(e.detail()).isEqualTo("{\"removed\":\"passkey\"}");
        });
        signOut();

        // With no passkey left, Alice is held at the passkey page again after her password.
        portalSignIn();
        awaitUrl("/account/passkeys?required=1");
        find("passkey-none");
    }

    /** Waits for the page a click leads to (the click returns before the browser has navigated). */
    private void awaitUrl(String suffix) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith(suffix));
    }

    private void adminSignIn() {
        driver.get(ic.baseUrl() + "/admin/login");
        find("username").sendKeys("root");
        find("password").sendKeys(ClockedCenter.PASSWORD);
        find("signin-button").click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().endsWith("/admin/login"));
    }

    private void portalSignIn() {
        driver.get(ic.baseUrl() + "/");
        find("username").sendKeys("alice");
        find("password").sendKeys(ClockedCenter.PASSWORD);
        find("signin-button").click();
    }

    private void addPasskey(String name) {
        driver.get(ic.baseUrl() + "/account/passkeys");
        find("passkey-name").sendKeys(name);
        ceremony(() -> find("passkey-add").click(), () -> find("passkey-added"));
    }

    /** Starts a WebAuthn ceremony with the authenticator able to verify the user, until {@code done} is seen. */
    private void ceremony(Runnable start, Runnable done) {
        authenticator.setUserVerified(true);
        try {
            start.run();
            done.run();
        } finally {
            authenticator.setUserVerified(false);
        }
    }

    private void signOut() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElement(By.cssSelector("form.signout button"))).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("username")).isEmpty());
    }

    private WebElement find(String id) {
        return Chromium.find(driver, id);
    }

    private void awaitMain(String text) {
        Chromium.awaitMain(driver, text);
    }

    private void screenshot(String name) {
        Chromium.screenshot(driver, "passkey-rule-screens", name);
    }
}
