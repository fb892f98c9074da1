package dev.gatehouse.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's Chromium driven headless through Selenium, as toolchain-notes §5 found it works on a closed network:
 * explicit driver path (Selenium Manager never runs), the no-network flags, a fresh profile per browser. Skips the
 * test (fails it under {@code CI=true}) when the browser or its driver is missing, as {@link Peers} does.
 */
public final class Chromium {
    private Chromium() {
    }

    /** A headless Chromium on the profile directory {@code profile}, saving downloads into {@code downloads}. */
    public static ChromeDriver headless(Path profile, Path downloads) {
        String chromium = Peers.chromium();
        String chromedriver = Peers.chromedriver();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "download.directory_upgrade", true));
        return new ChromeDriver(service, options);
    }

    /** The element with {@code id} once the page shows it; fails the test after 30 s. */
    public static WebElement find(WebDriver driver, String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElement(By.id(id)));
    }

    /**
     * Waits until the page's {@code main} says {@code text}, across the page being replaced meanwhile (Chromium may
     * report the replaced node as stale or as "not in the document"); 30 s at most.
     */
    public static void awaitMain(WebDriver driver, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElement(By.tagName("main")).getText().contains(text));
    }

    /**
     * Saves what the browser shows as {@code gatehouse.screenshots}/{@code folder}/{@code name}.png (the build's
     * {@code target/screenshots}), for a person to look at; the tests assert on the page, not on the picture.
     */
    public static void screenshot(org.openqa.selenium.TakesScreenshot driver, String folder, String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("gatehouse.screenshots",
                    System.getProperty("java.io.tmpdir")), folder);
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
