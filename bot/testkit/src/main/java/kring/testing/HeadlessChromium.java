package kring.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven by chromedriver: the operating system's {@code chromium} and {@code
 * chromedriver} found on the PATH (the system properties {@code kring.chromium} and {@code
 * kring.chromedriver} point elsewhere), given to Selenium explicitly so that it never downloads
 * anything. Without them, Selenium Manager is asked to provide a browser and its driver, which
 * needs the internet; when it cannot, the failure says what to install.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final List<String> BROWSERS =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

  private final Path profile;
  private final ChromeDriver driver;

  private HeadlessChromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** Starts a browser with a fresh profile and a window of the given size. */
  public static HeadlessChromium start(int width, int height) {
    Optional<Path> browser = configuredOrOnPath("kring.chromium", BROWSERS);
    Optional<Path> driver = configuredOrOnPath("kring.chromedriver", List.of("chromedriver"));
    Path profile;
    try {
      profile = Files.createTempDirectory("kring-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    browser.ifPresent(path -> options.setBinary(path.toString()));
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
    if (browser.isPresent() && driver.isPresent()) {
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(driver.get().toFile())
              .usingAnyFreePort()
              .build();
      return new HeadlessChromium(profile, new ChromeDriver(service, options));
    }
    try {
      // Selenium Manager finds or downloads what is missing.
      return new HeadlessChromium(profile, new ChromeDriver(options));
    } catch (WebDriverException e) {
      deleteTree(profile);
      throw new IllegalStateException(
          "No "
              + (browser.isEmpty() ? "chromium" : "")
              + (browser.isEmpty() && driver.isEmpty() ? " and no " : "")
              + (driver.isEmpty() ? "chromedriver" : "")
              + " on the PATH, and Selenium Manager could not provide one (it needs the"
              + " internet): install Debian's chromium and chromium-driver packages, or set"
              + " kring.chromium and kring.chromedriver. Selenium said: "
              + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }

  /** The executable a system property names, else the first of these names on the PATH. */
  static Optional<Path> configuredOrOnPath(String property, List<String> names) {
    String configured = System.getProperty(property);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(property + " names " + configured + ", not a program");
      }
      return Optional.of(path);
    }
    String searchPath = System.getenv("PATH");
    if (searchPath == null) {
      return Optional.empty();
    }
    for (String name : names) {
      for (String entry : searchPath.split(File.pathSeparator)) {
        Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
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
    deleteTree(profile);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary profile is harmless; the operating system clears it eventually.
    }
  }
}
