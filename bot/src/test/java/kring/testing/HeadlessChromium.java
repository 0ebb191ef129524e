package kring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium from the operating system's packages, driven by its own chromedriver. Both
 * paths are given explicitly so Selenium never tries to download a browser or a driver; the system
 * properties {@code kring.chromium} and {@code kring.chromedriver} point elsewhere.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final String BROWSER = System.getProperty("kring.chromium", "/usr/bin/chromium");
  private static final String DRIVER =
      System.getProperty("kring.chromedriver", "/usr/bin/chromedriver");

  private final Path profile;
  private final ChromeDriver driver;

  private HeadlessChromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** Starts a browser with a fresh profile and a window of the given size. */
  public static HeadlessChromium start(int width, int height) {
    for (String binary : new String[] {BROWSER, DRIVER}) {
      if (!Files.isExecutable(Path.of(binary))) {
        throw new IllegalStateException(
            binary
                + " is missing: install Debian's chromium and chromium-driver packages, or set"
                + " kring.chromium and kring.chromedriver");
      }
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("kring-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(DRIVER).toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    return new HeadlessChromium(profile, new ChromeDriver(service, options));
  }

  public ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary profile is harmless; the operating system clears it eventually.
    }
  }
}
