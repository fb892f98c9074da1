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
 * Passkeys in a real browser: Chromium's virtual authenticator (internal, resident keys, user verification) stands
 * in for the device. Registers a passkey on the account page, which the authenticator then holds as a discoverable
 * credential, signs in with the password and the passkey as the second factor, then with the passkey alone (through the
 * user-name field's autofill, and with the button), and removes it:
 * the authenticator's copy then signs no one in. Screenshots land in {@code target}'s {@code passkey-screens} for a look.
 */
class PasskeyBrowserTest {
    private ClockedCenter ic;
    private ChromeDriver driver;
    private VirtualAuthenticator authenticator;

    @BeforeEach
    void start() throws Exception {
        Peers.chromium();
        Peers.chromedriver();
        ic = ClockedCenter.start();
        ic.user("alice");
        driver = Chromium.headless(Files.createTempDirectory("gatehouse-passkey-chromium"),
                Files.createTempDirectory("gatehouse-passkey-downloads"));
        authenticator = driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
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

    private WebElement find(String id) {
        return Chromium.find(driver, id);
    }

    private void awaitMain(String text) {
        Chromium.awaitMain(driver, text);
    }

    private void screenshot(String name) {
        Chromium.screenshot(driver, "passkey-screens", name);
    }

    @Test
    void aPasskeyRegisteredOnTheAccountPageIsDiscoverableAndCanBeRemoved() throws Exception {
        signInWithPassword();
        awaitMain("Welcome,");

        driver.get(ic.baseUrl() + "/account/passkeys");
        find("passkey-none");
        screenshot("01-none");
        find("passkey-name").sendKeys("Work laptop");
        find("passkey-add").click();

        assertThat(find("passkey-added").getText()).contains("Work laptop");
        assertThat(find("passkey-list").findElement(By.className("passkey-name")).getText()).isEqualTo("Work laptop");
        assertThat(find("passkey-list").findElement(By.className("passkey-last-used")).getText()).isEqualTo("Never");
        assertThat(authenticator.getCredentials()).singleElement().satisfies(c -> {
            assertThat(c.isResidentCredential()).isTrue();
            assertThat(c.getRpId()).isEqualTo("localhost");
        });
        screenshot("02-added");

        // the passkey is now alice's second factor: password, then "Use a passkey". While the authenticator cannot
        // verify her, the sign-in page's autofill (which requires verification) offers nothing, and the password is typed
        authenticator.setUserVerified(false);
        signOut();
        signInWithPassword();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith("/login/mfa"));
        assertThat(driver.findElements(By.id("mfa-code-form"))).isEmpty(); // no TOTP: no code to type
        screenshot("03-second-factor");
        authenticator.setUserVerified(true);
        find("passkey-use").click();
        awaitMain("Welcome,");
        assertThat(ic.audit("MFA_VERIFIED")).singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("passkey: Work laptop"));
        assertThat(ic.audit("SIGN_IN")).first().satisfies(e -> assertThat(e.detail()).contains("password+passkey"));

        // passwordless through autofill (conditional mediation): the sign-in page asks as it opens, the authenticator
        // (which answers at once, as a person picking the passkey from the user-name field's list would) names alice;
        // it can be back before the sign-in page was ever seen, so only the sign-out is clicked here
        clickSignOut();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> ic.audit("SIGN_IN").get(0).detail().contains("; passkey;"));
        awaitMain("Welcome,");
        assertThat(ic.audit("SIGN_IN")).first().satisfies(e -> assertThat(e.detail()).contains("; passkey;"));

        // passwordless with the button, once the autofill's request is refused
        authenticator.setUserVerified(false);
        signOut();
        screenshot("04-sign-in");
        assertThat(find("username").getAttribute("autocomplete")).isEqualTo("username webauthn");
        authenticator.setUserVerified(true);
        find("passkey-signin").click();
        awaitMain("Welcome,");
        assertThat(ic.audit("SIGN_IN")).first().satisfies(e -> assertThat(e.detail()).contains("; passkey;"));

        driver.get(ic.baseUrl() + "/account/passkeys");
        assertThat(find("passkey-list").findElement(By.className("passkey-last-used")).getText()).endsWith("UTC");
        find("passkey-list").findElement(By.cssSelector("button[aria-label='Remove passkey Work laptop']")).click();
        find("passkey-none");

        // removed: the authenticator still holds its copy, which no longer signs anyone in (the autofill offers it,
        // the server refuses it, and the page then waits instead of asking again); the password alone does
        signOut();
        assertThat(find("signin-error").getText()).contains("That passkey did not sign you in");
        assertThat(ic.audit("SIGN_IN_FAILED")).first().satisfies(e -> assertThat(e.detail()).contains("passkey: this passkey is not registered"));
        authenticator.setUserVerified(false);
        signInWithPassword();
        awaitMain("Welcome,");
    }

    private void signInWithPassword() {
        driver.get(ic.baseUrl() + "/");
        find("username").sendKeys("alice");
        find("password").sendKeys(ClockedCenter.PASSWORD);
        find("signin-button").click();
    }

    private void signOut() {
        clickSignOut();
        find("signin-form");
    }

    private void clickSignOut() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElement(By.cssSelector("form.signout button"))).click();
    }
}
