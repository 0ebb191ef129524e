package kring.config;

import java.nio.file.Path;
import kring.testing.HeadlessChromium;
import kring.testing.PlaygroundPage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For each test, Kring prepared as its own process in an emptied working directory, which the test
 * starts, and a headless browser; afterwards both stop, and every key Kring left in its Redis must
 * be one PRIVACY.md lists. Screenshots go to the working directory too.
 */
final class KringInABrowser implements BeforeEachCallback, AfterEachCallback {

  private final Path work;
  private KringProcess kring;
  private HeadlessChromium chromium;

  KringInABrowser(Path work) {
    this.work = work;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    kring = KringProcess.inFreshDirectory(work);
    chromium = HeadlessChromium.start(1280, 900);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    chromium.close();
    kring.close();
    kring.assertEveryKeyListedInPrivacyMd();
  }

  KringProcess kring() {
    return kring;
  }

  HeadlessChromium chromium() {
    return chromium;
  }

  /** The playground's page in the browser, not loaded yet. */
  PlaygroundPage page() {
    return new PlaygroundPage(chromium.driver(), kring.baseUrl());
  }

  /** Where a screenshot by this name goes. */
  Path file(String name) {
    return work.resolve(name);
  }
}
