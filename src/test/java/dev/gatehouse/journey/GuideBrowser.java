package dev.gatehouse.journey;

import dev.gatehouse.testing.Chromium;
import dev.gatehouse.testing.Peers;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's Chromium driven headless through Selenium ({@link Chromium}), with a fresh profile and download
 * directory per browser. Every screenshot lands under {@code gatehouse.screenshots}/{@code suite}.
 */
final class GuideBrowser implements AutoCloseable {
    /** Generous: this waits for pages and downloads, it never measures them. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;
    private final Path screenshots;
    private int shot;

    private GuideBrowser(ChromeDriver driver, Path profile, Path downloads, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
        this.screenshots = screenshots;
    }

    /** Starts Chromium; skips the test (or fails it when {@code CI=true}) when the browser or driver is missing. */
    static GuideBrowser open(String suite) {
        Peers.chromium();
        Peers.chromedriver();
        try {
            Path profile = Files.createTempDirectory("gatehouse-chromium-profile");
            Path downloads = Files.createTempDirectory("gatehouse-downloads");
            Path screenshots = Path.of(System.getProperty("gatehouse.screenshots", "target/screenshots"), suite);
            deleteTree(screenshots); // a rerun's pictures only, numbered from 01
            Files.createDirectories(screenshots);
            return new GuideBrowser(Chromium.headless(profile, downloads), profile, downloads, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void go(String url) {
        driver.get(url);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    WebElement find(String css) {
        // Waits for the element: after a click that submits a form, the next page may not have arrived yet.
        try {
            return new WebDriverWait(driver, PATIENCE).until(d -> d.findElement(By.cssSelector(css)));
        } catch (TimeoutException e) {
            screenshot("not-found");
            throw new AssertionError("no " + css + " on " + url() + ", which shows:\n" + pageText(), e);
        }
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    String pageText() {
        return driver.findElement(By.cssSelector("body")).getText();
    }

    void type(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    void click(String css) {
        find(css).click();
    }

    /**
     * Clicks something that loads a new page and waits until the old page is gone, for pages whose next page holds
     * the same elements (awaiting one of them would otherwise succeed on the old page).
     */
    void clickAndAwaitNewPage(String css) {
        WebElement old = find(css);
        old.click();
        new WebDriverWait(driver, PATIENCE).until(d -> {
            try {
                old.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                // stale, or Chromium's "Node ... does not belong to the document" while the next page replaces it
                return true;
            }
        });
    }

    void choose(String css, String visibleText) {
        new Select(find(css)).selectByVisibleText(visibleText);
    }

    /** Puts a file into an {@code <input type=file>}, as choosing it in the file dialog would. */
    void attach(String css, Path file) {
        find(css).sendKeys(file.toAbsolutePath().toString());
    }

    /** Waits until the address contains {@code part} (navigation after a click or an auto-posting page). */
    void awaitUrl(String part) {
        new WebDriverWait(driver, PATIENCE).until(d -> d.getCurrentUrl().contains(part));
    }

    void awaitElement(String css) {
        try {
            new WebDriverWait(driver, PATIENCE).until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
        } catch (TimeoutException e) {
            screenshot("not-found");
            throw new AssertionError("no " + css + " on " + url() + ", which shows:\n" + pageText(), e);
        }
    }

    /** Clicks a link that downloads, and returns the finished file (a name Chromium has not yet used). */
    Path download(String css) {
        Set<String> before = fileNames();
        click(css);
        // Chromium writes through hidden and .crdownload files and may show the final name before its bytes:
        // the download is done when a new, non-empty file exists and nothing is in flight any more.
        String name = new WebDriverWait(driver, PATIENCE).until(d -> {
            Set<String> now = fileNames();
            if (now.stream().anyMatch(n -> n.startsWith(".") || n.endsWith(".crdownload"))) {
                return null;
            }
            return now.stream().filter(n -> !before.contains(n) && downloads.resolve(n).toFile().length() > 0)
                    .findFirst().orElse(null);
        });
        return downloads.resolve(name);
    }

    /** Saves what the window shows as {@code NN-name.png}, numbered in the order taken. */
    Path screenshot(String name) {
        Path file = screenshots.resolve(String.format("%02d-%s.png", ++shot, name));
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Runs {@code script} in the page (what a layout check needs: sizes, line boxes, computed styles). */
    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Scrolls {@code css} to the top of the window, so a screenshot shows the part of a long page that matters. */
    void scrollTo(String css) {
        driver.executeScript("arguments[0].scrollIntoView({block:'start'})", find(css));
    }

    private Set<String> fileNames() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        deleteTree(profile);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
