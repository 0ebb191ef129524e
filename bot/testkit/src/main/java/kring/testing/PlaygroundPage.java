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
    ((JavascriptExecutor) driver).executeScript("window.localStorage.clear();");
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
    driver.findElements(By.cssSelector(".room-button")).stream()
        .filter(b -> b.getText().endsWith(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No room named " + name + " in the sidebar"))
        .click();
    wait.until(d -> name.equals(currentRoom()));
    return this;
  }

  public String currentRoom() {
    List<WebElement> current = driver.findElements(By.cssSelector(".room-button[aria-current]"));
    return current.isEmpty()
        ? null
        : current.get(0).findElements(By.tagName("span")).get(1).getText();
  }

  /** Types a message, sends it with Enter and waits until it is in the timeline. */
  public PlaygroundPage say(String text) {
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

  /** The visible text of every message in the current view, oldest first. */
  public List<String> messages() {
    return messageElements().stream().map(WebElement::getText).toList();
  }

  /** Clicks the button with this label in Kring's newest message that has one. */
  public PlaygroundPage clickButton(String label) {
    WebElement button;
    try {
      // The message with the button may still be on its way from the outbox.
      button = wait.until(d -> lastButton(label));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("No button labelled " + label + " in Kring's messages", e);
    }
    button.click();
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
    WebElement button;
    try {
      button =
          wait.until(
              d -> {
                List<WebElement> found = d.findElements(By.xpath(row));
                return found.isEmpty() ? null : found.get(found.size() - 1);
              });
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("No button " + label + " after " + after, e);
    }
    button.click();
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

  /** Presses one of the simulated-time buttons ("+1 hour", "+1 day", "+1 week") and waits. */
  public PlaygroundPage moveTimeForward(String label) {
    WebElement button =
        driver.findElements(By.cssSelector(".clock-button")).stream()
            .filter(b -> b.getText().equals(label))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No time button labelled " + label));
    String before = text(By.id("clock-now"));
    button.click();
    wait.until(d -> !text(By.id("clock-now")).equals(before) && button.isEnabled());
    return this;
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

    public FormDialog submit() {
      driver.findElement(By.id("form-submit")).click();
      return this;
    }

    public void cancel() {
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
      for (WebElement candidate : driver.findElements(By.cssSelector("#form-fields label"))) {
        if (candidate.getText().startsWith(label)) {
          return driver.findElement(By.id(candidate.getDomAttribute("for")));
        }
      }
      throw new AssertionError("The form has no input labelled " + label);
    }
  }
}
