package kring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground page as a person uses it: pick who you are, pick a room, type, click Kring's
 * buttons and fill its forms. Every action waits until the page shows its effect.
 */
public final class PlaygroundPage {

  /**
   * How long an action may take to show: the page polls every second or two, and on a build machine
   * under load a browser that has just started can take longer than that.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final WebDriver driver;
  private final String baseUrl;
  private final WebDriverWait wait;

  /**
   * @param driver a browser
   * @param baseUrl where Kring listens, for example {@code http://127.0.0.1:8080}
   */
  public PlaygroundPage(WebDriver driver, String baseUrl) {
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.wait = new WebDriverWait(driver, PATIENCE);
    // The page redraws parts of itself as it polls; an element found a moment ago may be gone.
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** Loads the page and waits until it has asked the server for rooms and people. */
  public PlaygroundPage open() {
    driver.get(baseUrl + "/");
    wait.until(d -> !text(By.id("empty-state")).isBlank() || !messageElements().isEmpty());
    return this;
  }

  /** Forgets the remembered person and room, as on a first visit. */
  public PlaygroundPage forgetChoices() {
    ((JavascriptExecutor) driver)
        .executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
    return this;
  }

  /** Adds a person and becomes them. */
  public PlaygroundPage createPerson(String name) {
    submitInline("new-person-name", name);
    wait.until(d -> name.equals(currentPerson()));
    return this;
  }

  /** Becomes another person, as if someone else sat down at the computer. */
  public PlaygroundPage switchTo(String name) {
    // The page redraws the person list as it polls: choose again until the choice holds.
    wait.until(
        d -> {
          if (!name.equals(currentPerson())) {
            select(By.id("person-select")).selectByVisibleText(name);
          }
          return name.equals(currentPerson());
        });
    return this;
  }

  public String currentPerson() {
    WebElement select = driver.findElement(By.id("person-select"));
    return select.isEnabled() ? new Select(select).getFirstSelectedOption().getText() : null;
  }

  /** Creates a room, which adds Kring to it, and opens it. */
  public PlaygroundPage createRoom(String name) {
    submitInline("new-room-name", name);
    wait.until(d -> name.equals(currentRoom()));
    return this;
  }

  /** Opens a room from the sidebar. */
  public PlaygroundPage openRoom(String name) {
    // The room list is redrawn as the page polls, so a button read here may go stale: wait.
    try {
      wait.until(
          d ->
              d.findElements(By.cssSelector(".room-button")).stream()
                  .anyMatch(b -> b.getText().endsWith(name)));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("No room named " + name + " in the sidebar", e);
    }
    // The page redraws the room list as it polls: click again until the choice holds.
    wait.until(
        d -> {
          if (!name.equals(currentRoom())) {
            d.findElements(By.cssSelector(".room-button")).stream()
                .filter(b -> b.getText().endsWith(name))
                .findFirst()
                .ifPresent(WebElement::click);
          }
          return name.equals(currentRoom());
        });
    return this;
  }

  public String currentRoom() {
    List<WebElement> current = driver.findElements(By.cssSelector(".room-button[aria-current]"));
    return current.isEmpty()
        ? null
        : current.get(0).findElements(By.tagName("span")).get(1).getText();
  }

  /**
   * How many times a person acted on the page so far: a message sent, a button clicked, a form
   * field filled in or chosen, a form sent or cancelled. Choosing who one is and which room, and
   * moving the simulated clock, are the playground's own and not counted.
   */
  public int interactions() {
    return interactions;
  }

  private int interactions;

  /** Types a message, sends it with Enter and waits until it is in the timeline. */
  public PlaygroundPage say(String text) {
    interactions++;
    WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id("composer-input")));
    int before = ownMessages(text);
    // As a person does: click into the composer first. Headless Chromium drops the first keys
    // sent right after a modal dialog closed unless the element is clicked.
    input.click();
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
    wait.until(d -> ownMessages(text) > before);
    return this;
  }

  /** Waits until a message from a person containing the text shows, and returns its text. */
  public String waitForPersonMessage(String containing) {
    return wait.until(d -> find(".message--user", containing)).getText();
  }

  /** Waits until a message from Kring containing the text shows, and returns it. */
  public KringMessage waitForKringMessage(String containing) {
    return new KringMessage(wait.until(d -> find(".message--bot", containing)));
  }

  /** Whether any message in the current view contains the text. */
  public boolean showsMessageContaining(String text) {
    return messageElements().stream().anyMatch(m -> m.getText().contains(text));
  }

  /** The labels of every button in Kring's messages in the current view, oldest first. */
  public List<String> buttonsShown() {
    return driver.findElements(By.cssSelector(".message--bot .block-buttons button")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** The visible text of every message in the current view, oldest first. */
  public List<String> messages() {
    return messageElements().stream().map(WebElement::getText).toList();
  }

  /** Clicks the button with this label in Kring's newest message that has one. */
  public PlaygroundPage clickButton(String label) {
    interactions++;
    try {
      // The message with the button may still be on its way from the outbox, or be redrawn as
      // Kring updates it: find it again until a click lands.
      wait.until(
          d -> {
            WebElement button = lastButton(label);
            if (button == null) {
              return false;
            }
            button.click();
            return true;
          });
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("No button labelled " + label + " in Kring's messages", e);
    }
    return this;
  }

  /**
   * Clicks the button with this label in the row right after the text {@code after} (a question
   * with its answers) in Kring's newest message that has one.
   */
  public PlaygroundPage clickButtonAfter(String after, String label) {
    String row =
        "//li[contains(@class,'message--bot')]//*[not(*) and contains(normalize-space(.), "
            + literal(after)
            + ")]/following-sibling::div[contains(@class,'block-buttons')][1]/button[normalize-space(.)="
            + literal(label)
            + "]";
    interactions++;
    try {
      // The message is redrawn when Kring updates it: find the button again until a click lands.
      wait.until(
          d -> {
            List<WebElement> found = d.findElements(By.xpath(row));
            if (found.isEmpty()) {
              return false;
            }
            found.get(found.size() - 1).click();
            return true;
          });
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "No button " + label + " after " + after + " in " + String.join("\n---\n", messages()),
          e);
    }
    return this;
  }

  /** Waits until no message of Kring's in the current view shows a button with these labels. */
  public PlaygroundPage waitUntilNoButton(String... labels) {
    List<String> gone = List.of(labels);
    wait.until(d -> buttonsShown().stream().noneMatch(gone::contains));
    return this;
  }

  /** A string as an XPath literal, whatever quotes it holds. */
  private static String literal(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  /** The newest button with this label in Kring's messages, or null while there is none. */
  private WebElement lastButton(String label) {
    List<WebElement> buttons =
        driver.findElements(By.cssSelector(".message--bot .block-buttons button"));
    for (int i = buttons.size() - 1; i >= 0; i--) {
      if (buttons.get(i).getText().equals(label)) {
        return buttons.get(i);
      }
    }
    return null;
  }

  /**
   * Presses the simulated-time button that moves the clock this far (an hour, a day or a week,
   * whatever the page's language calls it) and waits.
   */
  public PlaygroundPage moveTimeForward(Duration by) {
    WebElement button =
        driver.findElements(By.cssSelector(".clock-button")).stream()
            .filter(b -> String.valueOf(by.toMinutes()).equals(b.getDomAttribute("data-minutes")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No time button that moves " + by));
    String before = text(By.id("clock-now"));
    button.click();
    wait.until(d -> !text(By.id("clock-now")).equals(before) && button.isEnabled());
    return this;
  }

  /**
   * Puts this text in the message box at once, as pasting does, without sending it: the page shows
   * how many characters are left.
   */
  public PlaygroundPage paste(String text) {
    WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id("composer-input")));
    pasteInto(input, text);
    return this;
  }

  /** Presses Enter in the message box, whatever the page then does with what is there. */
  public PlaygroundPage pressEnter() {
    driver.findElement(By.id("composer-input")).sendKeys(Keys.ENTER);
    return this;
  }

  /** What the message box holds. */
  public String composerText() {
    return driver.findElement(By.id("composer-input")).getDomProperty("value");
  }

  /** The counter under the message box: how many characters are left, or how many too many. */
  public String composerCount() {
    return text(By.id("composer-count"));
  }

  /** Waits until the page says something is wrong with the message, and returns it. */
  public String waitForComposerError() {
    return wait.until(
        d -> {
          String said = text(By.id("composer-error"));
          return said.isBlank() ? null : said;
        });
  }

  /** Waits until the page's own words (its labels) are in this language, such as "nl" or "en". */
  public PlaygroundPage waitForLanguage(String language) {
    wait.until(d -> language.equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
    return this;
  }

  /** The visible text of the first element the selector finds. */
  public String textOf(String cssSelector) {
    return text(By.cssSelector(cssSelector));
  }

  /** An attribute of the first element the selector finds. */
  public String attributeOf(String cssSelector, String attribute) {
    return driver.findElement(By.cssSelector(cssSelector)).getDomAttribute(attribute);
  }

  private void pasteInto(WebElement input, String text) {
    ((JavascriptExecutor) driver)
        .executeScript(
            "arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            input,
            text);
  }

  /** Waits for the form Kring opened. */
  public FormDialog form() {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#form-dialog[open]")));
    return new FormDialog();
  }

  /** What the page says when there is nothing to show yet. */
  public String emptyState() {
    return text(By.id("empty-state"));
  }

  /** Waits until the page shows, or stops showing, that the server cannot be reached. */
  public PlaygroundPage waitForOfflineBanner(boolean shown) {
    wait.until(d -> d.findElement(By.id("offline-banner")).isDisplayed() == shown);
    return this;
  }

  /** Saves a picture of the page as a PNG file and returns where. */
  public Path screenshot(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      return Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void submitInline(String inputId, String value) {
    WebElement input = driver.findElement(By.id(inputId));
    input.clear();
    input.sendKeys(value);
    input.sendKeys(Keys.ENTER);
  }

  private Select select(By by) {
    return new Select(wait.until(ExpectedConditions.elementToBeClickable(by)));
  }

  private List<WebElement> messageElements() {
    return driver.findElements(By.cssSelector("#messages > .message"));
  }

  private int ownMessages(String text) {
    return (int)
        driver.findElements(By.cssSelector(".message--user .message-text")).stream()
            .filter(t -> t.getText().equals(text.strip()))
            .count();
  }

  private WebElement find(String css, String containing) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    for (int i = found.size() - 1; i >= 0; i--) {
      if (found.get(i).getText().contains(containing)) {
        return found.get(i);
      }
    }
    return null;
  }

  private String text(By by) {
    return driver.findElement(by).getText();
  }

  /** One message from Kring. */
  public final class KringMessage {
    private final WebElement element;

    private KringMessage(WebElement element) {
      this.element = element;
    }

    public String text() {
      return element.getText();
    }

    /** Whether it is marked as seen only by the person viewing it. */
    public boolean isPrivate() {
      return element.getDomAttribute("class").contains("message--private")
          && !element.findElements(By.cssSelector(".private-label")).isEmpty();
    }

    /** The label and value lines of its field cards. */
    public List<String> fields() {
      return element.findElements(By.cssSelector(".field-row")).stream()
          .map(
              row ->
                  row.findElement(By.tagName("dt")).getText()
                      + ": "
                      + row.findElement(By.tagName("dd")).getText())
          .toList();
    }

    /**
     * The width of its chart's picture as the browser decoded it, once it finished loading: 0 when
     * the picture could not be loaded or shown.
     */
    public long chartWidth() {
      WebElement image = element.findElement(By.cssSelector(".block-chart img"));
      JavascriptExecutor js = (JavascriptExecutor) driver;
      wait.until(
          d -> Boolean.TRUE.equals(js.executeScript("return arguments[0].complete;", image)));
      return ((Number) js.executeScript("return arguments[0].naturalWidth;", image)).longValue();
    }

    /** Whether its chart's picture, as laid out, fits inside the message. */
    public boolean chartFits() {
      WebElement image = element.findElement(By.cssSelector(".block-chart img"));
      WebElement body = element.findElement(By.cssSelector(".message-body"));
      return image.getRect().getX() + image.getRect().getWidth()
          <= body.getRect().getX() + body.getRect().getWidth();
    }

    /** Whether its chart's picture is a link that opens the same picture on its own. */
    public boolean chartOpensAtFullSize() {
      WebElement image = element.findElement(By.cssSelector(".block-chart img"));
      List<WebElement> link = element.findElements(By.cssSelector(".block-chart a[href]"));
      return link.size() == 1
          && link.get(0).getDomProperty("href").equals(image.getDomProperty("src"));
    }

    /** Scrolls the page so that its chart is in the middle of the view. */
    public KringMessage scrollToChart() {
      ((JavascriptExecutor) driver)
          .executeScript(
              "arguments[0].scrollIntoView({block: 'center'});",
              element.findElement(By.cssSelector(".block-chart")));
      return this;
    }

    /** The labels of its buttons. */
    public List<String> buttons() {
      return element.findElements(By.cssSelector(".block-buttons button")).stream()
          .map(WebElement::getText)
          .toList();
    }
  }

  /** The form Kring opened, as a modal dialog. */
  public final class FormDialog {

    private FormDialog() {}

    public String title() {
      return text(By.id("form-title"));
    }

    /** Types into (or chooses in) the input with this label, replacing what was there. */
    public FormDialog fill(String label, String value) {
      interactions++;
      WebElement control = control(label);
      if (control.getTagName().equals("select")) {
        new Select(control).selectByVisibleText(value);
      } else {
        control.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!value.isEmpty()) {
          control.sendKeys(value);
        }
      }
      return this;
    }

    /** Puts this text in the input with this label at once, as pasting does. */
    public FormDialog paste(String label, String value) {
      pasteInto(control(label), value);
      return this;
    }

    /** The whole label of the input whose label starts with this, markers included. */
    public String label(String startingWith) {
      return labelElement(startingWith).getText();
    }

    /** The counter under the input with this label. */
    public String count(String label) {
      return control(label)
          .findElement(By.xpath(".."))
          .findElement(By.cssSelector(".char-count"))
          .getText();
    }

    /** Waits until the form says something is wrong with it as a whole, and returns it. */
    public String waitForFormError() {
      return wait.until(
          d -> {
            String said = text(By.id("form-error"));
            return said.isBlank() ? null : said;
          });
    }

    /** What the buttons at the foot of the form say, cancel first. */
    public List<String> footer() {
      return driver.findElements(By.cssSelector(".dialog-footer button")).stream()
          .map(WebElement::getText)
          .toList();
    }

    public FormDialog submit() {
      interactions++;
      driver.findElement(By.id("form-submit")).click();
      return this;
    }

    public void cancel() {
      interactions++;
      driver.findElement(By.id("form-cancel")).click();
      waitUntilClosed();
    }

    /** Waits until the input with this label shows an error, and returns it. */
    public String waitForError(String label) {
      return wait.until(d -> error(label).orElse(null));
    }

    /** The error shown for the input with this label, if any. */
    public Optional<String> error(String label) {
      WebElement field = control(label).findElement(By.xpath(".."));
      return field.findElements(By.cssSelector(".field-error")).stream()
          .map(WebElement::getText)
          .findFirst();
    }

    public void waitUntilClosed() {
      wait.until(d -> d.findElements(By.cssSelector("#form-dialog[open]")).isEmpty());
    }

    private WebElement control(String label) {
      return driver.findElement(By.id(labelElement(label).getDomAttribute("for")));
    }

    private WebElement labelElement(String label) {
      for (WebElement candidate : driver.findElements(By.cssSelector("#form-fields label"))) {
        if (candidate.getText().startsWith(label)) {
          return candidate;
        }
      }
      throw new AssertionError("The form has no input labelled " + label);
    }
  }
}
