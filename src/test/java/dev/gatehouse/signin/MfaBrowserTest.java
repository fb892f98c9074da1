package dev.gatehouse.signin;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.gatehouse.testing.Chromium;
import dev.gatehouse.testing.Peers;
import dev.gatehouse.security.ClockedCenter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP in a real browser (Debian Chromium, headless, set up as toolchain-notes §5 says): enrol from the page's typed
 * key, sign out, sign in with password and code, then with a recovery code. Codes come from java-otp.
 */
class MfaBrowserTest {
    private ClockedCenter ic;
    private WebDriver driver;

    @BeforeEach
    void start() throws Exception {
        Peers.chromium();
        Peers.chromedriver();
        ic = ClockedCenter.start();
        ic.user("alice");
        driver = Chromium.headless(Files.createTempDirectory("gatehouse-mfa-chromium"),
                Files.createTempDirectory("gatehouse-mfa-downloads"));
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

    private void signInWithPassword() {
        driver.get(ic.baseUrl() + "/");
        find("username").sendKeys("alice");
        find("password").sendKeys(ClockedCenter.PASSWORD);
        find("signin-button").click();
        // the click returns before the browser has left the sign-in page
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30))
                .until(d -> d.findElements(org.openqa.selenium.By.id("signin-form")).isEmpty());
    }

    /** Waits until {@code main} of the current page says {@code text}: the page after a click may not be there yet. */
    private void awaitMain(String text) {
        Chromium.awaitMain(driver, text);
    }

    private void signOut() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElement(By.cssSelector("form.signout button"))).click();
        find("signin-form");
    }

    private String javaOtp(String secret) throws Exception {
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);
        return generator.generateOneTimePasswordString(new SecretKeySpec(new org.apache.commons.codec.binary.Base32().decode(secret), "RAW"), ic.clock().instant(), Locale.ROOT);
    }

    @Test
    void totpWhenEnrolledInTheBrowserThenSignInNeedsPasswordAndCodeOrARecoveryCode() throws Exception {
        signInWithPassword();
        driver.get(ic.baseUrl() + "/account/mfa");
        find("mfa-setup").click();
        assertThat(find("mfa-qr").getAttribute("src")).startsWith("data:image/svg+xml;base64,");
        String secret = find("mfa-secret").getText().replace(" ", "");
        assertThat(secret).matches("[A-Z2-7]{32}");
        find("confirm-code").sendKeys(javaOtp(secret));
        find("mfa-confirm").click();
        List<String> recovery = find("recovery-codes").findElements(By.tagName("code")).stream().map(WebElement::getText).toList();
        assertThat(recovery).hasSize(10);
        signOut();

        ic.clock().advance(Duration.ofSeconds(30));
        signInWithPassword();
        find("code").sendKeys(javaOtp(secret));
        find("mfa-code-button").click();
        awaitMain("Welcome,");
        signOut();

        signInWithPassword();
        find("code").sendKeys(recovery.get(0));
        find("mfa-code-button").click();
        awaitMain("Welcome,");
        signOut();

        signInWithPassword();
        find("code").sendKeys(recovery.get(0));
        find("mfa-code-button").click();
        assertThat(find("mfa-error").getText()).isEqualTo("That code is not correct.");
        assertThat(driver.getCurrentUrl()).endsWith("/login/mfa");
    }
}
