package dev.gatehouse.testing;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Path;
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
}
