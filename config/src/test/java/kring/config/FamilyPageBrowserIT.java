package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kring.testing.Axe;
import kring.testing.HeadlessChromium;
import kring.testing.PlaygroundPage;
import kring.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * A parent answers through their private page in a real Chromium, at phone size and on a desktop,
 * with the keyboard alone: the page fits the screen, its style is allowed by its policy, the
 * representative receives the answers and shares them, the case card shows the parents' view and
 * the consent is in the register as the parents'. Every page of the family (the parent's, the
 * pupil's, one with an error, the thanks, a link that does not work) meets WCAG 2.2 A and AA as far
 * as axe-core can tell.
 */
class FamilyPageBrowserIT {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @RegisterExtension final PlaygroundHttp api = new PlaygroundHttp(redis);

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"360, 740", "1280, 900"})
  void aParentAnswersWithTheKeyboardAloneAndThePartnersSeeItOnceShared(int width, int height)
      throws Exception {
    PlaygroundFamilyCase family = PlaygroundFamilyCase.start(api);

    try (HeadlessChromium chromium = HeadlessChromium.start(width, height)) {
      WebDriver driver = chromium.driver();
      // In the playground, the representative's link opens the page in a new tab.
      String base = family.url().substring(0, family.url().indexOf("/familie/"));
      PlaygroundPage playground =
          new PlaygroundPage(driver, base).open().switchTo("Bert").openRoom("Klas 5A");
      playground.waitForKringMessage("/familie/");
      String anchor = "a[href*='/familie/" + family.token() + "']";
      // The page redraws its messages while it polls: read the link's attributes in one go.
      String opens =
          new WebDriverWait(driver, Duration.ofSeconds(10))
              .ignoring(StaleElementReferenceException.class)
              .until(
                  d -> {
                    WebElement a = d.findElement(By.cssSelector(anchor));
                    return a.getDomAttribute("target") + " " + a.getDomAttribute("rel");
                  });
      assertThat(opens).isEqualTo("_blank noopener noreferrer");
      driver.get(family.url() + "?taal=nl");
      JavascriptExecutor js = (JavascriptExecutor) driver;
      assertThat(driver.getTitle()).isEqualTo("Uw mening telt");
      assertThat(driver.getPageSource()).doesNotContain("Anna").doesNotContain("Bert");
      // Nothing wider than the screen, and the inline style sheet was allowed by its hash.
      Long overflow =
          (Long)
              js.executeScript(
                  "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow).isLessThanOrEqualTo(0L);
      assertThat(
              driver
                  .findElement(By.cssSelector("button[type=submit]"))
                  .getCssValue("background-color"))
          .isEqualTo("rgba(11, 79, 138, 1)");

      // With the keyboard alone: each group is reached with Tab and chosen with the arrows.
      List<String> reached = new ArrayList<>();
      Actions keys = new Actions(driver);
      tabTo(driver, keys, "how", reached);
      keys.sendKeys(Keys.SPACE, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).perform();
      tabTo(driver, keys, "heard", reached);
      keys.sendKeys(Keys.SPACE, Keys.ARROW_RIGHT).perform();
      tabTo(driver, keys, "message", reached);
      keys.sendKeys("Graag één vast aanspreekpunt.").perform();
      tabTo(driver, keys, "c-wellbeing-2", reached);
      keys.sendKeys(Keys.SPACE).perform();
      keys.sendKeys(Keys.TAB).perform();
      assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Verstuur");
      keys.sendKeys(Keys.ENTER).perform();

      new WebDriverWait(driver, Duration.ofSeconds(20))
          .withMessage(() -> "the thanks page, not " + driver.getPageSource())
          .until(d -> d.getPageSource().contains("Uw antwoorden zijn aangekomen"));
    }

    JsonNode received = api.awaitKring(family.room(), family.bert(), "antwoordde via de privélink");
    assertThat(received.toString())
        .contains("Hoe de hulp gaat: 4 op 5")
        .contains("Zich gehoord voelen: 2 op 5")
        .contains("Graag één vast aanspreekpunt.");
    api.press(family.room(), family.bert(), received, "family.share");
    api.awaitKring(family.room(), family.anna(), "Visie van de ouders");

    api.say(family.room(), family.anna(), "toestemming");
    JsonNode register = api.awaitKring(family.room(), family.anna(), "#1");
    assertThat(register.toString()).contains("de ouders").contains("welbevinden");
  }

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"360, 740", "1280, 900"})
  void everyFamilyPageMeetsWcagAandAA(int width, int height) throws Exception {
    PlaygroundFamilyCase family = PlaygroundFamilyCase.start(api);
    String pupil = family.pupilUrl(api);
    String base = family.url().substring(0, family.url().indexOf("/familie/"));

    try (HeadlessChromium chromium = HeadlessChromium.start(width, height)) {
      WebDriver driver = chromium.driver();
      driver.get(pupil + "?taal=nl");
      assertThat(driver.getPageSource()).contains("Hoe gaat het met jou?");
      Axe.assertAccessible(driver, "The pupil's page");
      // The driver's scripts ran, yet the page's own policy still stops any script in the page.
      Object ran =
          ((JavascriptExecutor) driver)
              .executeScript(
                  "const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                      + " document.head.appendChild(s); return window.ran === 1;");
      assertThat(ran).isEqualTo(false);
      driver.get(pupil + "?taal=en");
      Axe.assertAccessible(driver, "The pupil's page in English");

      driver.get(family.url() + "?taal=nl");
      assertThat(driver.getTitle()).isEqualTo("Uw mening telt");
      Axe.assertAccessible(driver, "The parent's page");
      driver.get(family.url() + "?taal=fr");
      Axe.assertAccessible(driver, "The parent's page in French");

      // A browser that ignores the field's maxlength sends too long a text: the page says so.
      ((JavascriptExecutor) driver)
          .executeScript(
              "const m = document.getElementById('message');"
                  + " m.removeAttribute('maxlength'); m.value = 'x'.repeat(600);");
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      new WebDriverWait(driver, Duration.ofSeconds(10))
          .until(d -> d.findElements(By.cssSelector("[role=alert]")).size() == 1);
      Axe.assertAccessible(driver, "The parent's page with a too long text");

      driver.findElement(By.id("message")).clear();
      driver.findElement(By.cssSelector("input[name=how][value='4']")).click();
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      new WebDriverWait(driver, Duration.ofSeconds(10))
          .withMessage(() -> "the thanks page, not " + driver.getPageSource())
          .until(d -> d.getTitle().equals("Merci"));
      Axe.assertAccessible(driver, "The thanks page");

      driver.get(base + "/familie/" + "A".repeat(43) + "?taal=nl");
      assertThat(driver.getTitle()).isEqualTo("Deze link werkt niet");
      Axe.assertAccessible(driver, "The page of a link that does not work");
    }
  }

  /** Presses Tab until the field named so has the focus. */
  private static void tabTo(WebDriver driver, Actions keys, String name, List<String> reached) {
    for (int i = 0; i < 30; i++) {
      WebElement active = driver.switchTo().activeElement();
      if (name.equals(active.getAttribute("name"))) {
        return;
      }
      reached.add(active.getTagName() + ":" + active.getAttribute("name"));
      keys.sendKeys(Keys.TAB).perform();
    }
    throw new AssertionError("Tab never reached " + name + " (reached " + reached + ")");
  }
}
