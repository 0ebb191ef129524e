package kring.playground;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.List;
import kring.core.i18n.Language;
import kring.storage.RedisKeys;
import kring.testing.HeadlessChromium;
import kring.testing.PlaygroundPage;
import kring.testing.PlaygroundPage.FormDialog;
import kring.testing.PlaygroundPage.KringMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import redis.clients.jedis.RedisClient;

@SpringBootTest(
    classes = PlaygroundTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      PlaygroundTestApplication.KEY_PREFIX + "=t-pg-browser",
      "server.address=127.0.0.1"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaygroundBrowserTest {

  private static final Path SCREENSHOTS = Path.of("target", "playground-screenshots");

  @LocalServerPort int port;
  @Autowired RedisClient redis;
  @Autowired RedisKeys keys;
  @Autowired Rooms rooms;
  @Autowired ScriptedConversation conversation;

  private HeadlessChromium browser;
  private PlaygroundPage page;

  @BeforeAll
  void startTheBrowser() {
    browser = HeadlessChromium.start(1280, 900);
    page = new PlaygroundPage(browser.driver(), "http://127.0.0.1:" + port);
  }

  @AfterAll
  void stopTheBrowser() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      TestRedis.deleteAll(redis, keys);
    }
  }

  @Test
  @Order(1)
  void aTeamWorksWithKringWithoutEverReloadingThePage() throws Exception {
    page.open().forgetChoices().open();
    // Before anyone is chosen, the page speaks Dutch, as Kring does.
    assertThat(page.emptyState()).contains("Welkom in de oefenruimte van Kring");
    page.screenshot(SCREENSHOTS.resolve("1-first-visit.png"));

    page.createPerson("Bob Maes").createPerson("Ann Peeters");
    assertThat(page.emptyState()).contains("Maak een kanaal en typ start");
    page.createRoom("Klas 3B");
    page.waitForKringMessage("Hello, I'm Kring");

    page.say("hello");
    KringMessage card = page.waitForKringMessage("this is where the case stands");
    assertThat(card.fields()).contains("Coordinator: Ann Peeters");
    assertThat(card.buttons()).containsExactly("Plan a check-in", "Not now");
    page.screenshot(SCREENSHOTS.resolve("2-case-card.png"));

    postAsSomeoneElse("Bob Maes", "Klas 3B", "Good morning, I can join on Monday");
    page.waitForPersonMessage("Good morning, I can join on Monday");
    page.waitForKringMessage("I heard: Good morning");

    page.clickButton("Plan a check-in");
    FormDialog form = page.form();
    assertThat(form.title()).isEqualTo("Plan a check-in");
    form.fill("In how many school weeks?", "3")
        .fill("How closely do you work together?", "Collaboration")
        .fill("Anything the others should know?", "Ann's mother would like to join.")
        .submit();
    assertThat(form.waitForError("What is it about?"))
        .isEqualTo("Please say what the check-in is about.");
    page.screenshot(SCREENSHOTS.resolve("3-form-with-error.png"));
    form.fill("What is it about?", "The new timetable").submit();
    form.waitUntilClosed();

    page.waitForKringMessage("Check-in planned: The new timetable");
    assertThat(page.waitForKringMessage("I will remind you").isPrivate()).isTrue();
    page.say("secret");
    assertThat(page.waitForKringMessage("Only you can see this").isPrivate()).isTrue();
    page.screenshot(SCREENSHOTS.resolve("4-conversation.png"));

    page.switchTo("Bob Maes");
    page.waitForKringMessage("Check-in planned: The new timetable");
    assertThat(page.showsMessageContaining("Only you can see this")).isFalse();
    assertThat(page.showsMessageContaining("I will remind you")).isFalse();
    assertThat(page.messages()).noneMatch(m -> m.contains("Alleen jij ziet dit"));

    page.open();
    assertThat(page.currentPerson()).isEqualTo("Bob Maes");
    assertThat(page.currentRoom()).isEqualTo("Klas 3B");
    page.waitForKringMessage("Check-in planned: The new timetable");
  }

  @Test
  void showsWhatPeopleTypeAsTextNeverAsMarkup() {
    page.open().createPerson("Mallory").createRoom("Markup");
    String markup = "<img src=x onerror=\"document.title='owned'\"><b>bold</b>";

    page.say(markup);

    assertThat(page.waitForPersonMessage("<img src=x")).contains(markup);
    page.waitForKringMessage("I heard: <img src=x");
    assertThat(browser.driver().findElements(By.cssSelector("#messages img, #messages b")))
        .isEmpty();
    assertThat(browser.driver().getTitle()).isEqualTo("Kring playground");
  }

  @Test
  void tellsWhenKringCannotBeReachedAndRecoversByItself() {
    page.open().createPerson("Offline Olga").createRoom("Network");
    ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
    offline.setOffline(true);

    browser.driver().setNetworkConditions(offline);
    page.waitForOfflineBanner(true);
    page.screenshot(SCREENSHOTS.resolve("5-offline.png"));
    browser.driver().deleteNetworkConditions();
    page.waitForOfflineBanner(false);

    page.say("back again");
    page.waitForKringMessage("I heard: back again");
  }

  /**
   * Some of the page's own words, in Dutch and in English: the message box, its button, the time
   * buttons, the mark of a private message, a label from Kring that says optional itself (and gets
   * no second mark) and the form's buttons.
   */
  private static final List<Words> OWN_WORDS =
      List.of(
          new Words("Bericht in #Talen", "Message #Talen"),
          new Words("Versturen", "Send"),
          new Words("+1 uur +1 dag +1 week", "+1 hour +1 day +1 week"),
          new Words("Alleen jij ziet dit", "Only visible to you"),
          new Words("Geldig tot (optioneel)", "Valid until (optional)"),
          new Words("Annuleren Bewaren", "Cancel Save"));

  private record Words(String dutch, String english) {

    String in(Language language) {
      return language == Language.NL ? dutch : english;
    }
  }

  @Test
  void speaksEachPersonsLanguageInItsOwnWords() {
    page.open().createPerson("Els Wouters").createRoom("Talen");
    page.waitForLanguage("nl");
    assertThat(page.attributeOf("#timeline", "aria-label")).isEqualTo("Berichten");
    showsItsOwnWords(Language.NL, "6-dutch-form.png");
    page.say("form");
    FormDialog plan = page.form();
    assertThat(plan.label("Anything the others")).endsWith("(optioneel)");
    plan.cancel();

    page.createPerson("Emma Stone");
    conversation.speak(idOf("Emma Stone"), Language.EN);
    page.openRoom("Talen").waitForLanguage("en");
    showsItsOwnWords(Language.EN, "7-english-form.png");

    page.switchTo("Els Wouters").waitForLanguage("nl");
    assertThat(page.textOf("#send-button")).isEqualTo("Versturen");

    // Els chooses English (as with "language en"): the open page follows without a reload.
    conversation.speak(idOf("Els Wouters"), Language.EN);
    page.waitForLanguage("en");
    assertThat(page.textOf("#send-button")).isEqualTo("Send");
  }

  private void showsItsOwnWords(Language language, String screenshot) {
    List<String> words = OWN_WORDS.stream().map(w -> w.in(language)).toList();
    assertThat(page.attributeOf("#composer-input", "placeholder")).isEqualTo(words.get(0));
    assertThat(page.textOf("#send-button")).isEqualTo(words.get(1));
    assertThat(page.textOf(".clock-buttons").replaceAll("\\s+", " ")).isEqualTo(words.get(2));
    page.say("secret");
    assertThat(page.waitForKringMessage("Only you can see this").text()).contains(words.get(3));
    page.say("consent");
    FormDialog form = page.form();
    String label = words.get(4);
    assertThat(form.label(label.substring(0, label.indexOf(" (")))).isEqualTo(label);
    assertThat(String.join(" ", form.footer())).isEqualTo(words.get(5));
    page.screenshot(SCREENSHOTS.resolve(screenshot));
    form.cancel();
  }

  @Test
  void countsWhatIsLeftAndRefusesATooLongMessageVisibly() {
    page.open().createPerson("Lange Lies").createRoom("Lang");
    page.waitForLanguage("nl");
    assertThat(page.composerCount()).isEqualTo("Tekens over: 4.000");
    page.paste("Goedemorgen");
    assertThat(page.composerCount()).isEqualTo("Tekens over: 3.989");

    String tooLong = "a".repeat(5000);
    page.paste(tooLong);
    assertThat(page.composerCount()).isEqualTo("Te veel tekens: 1.000");
    page.pressEnter();
    assertThat(page.waitForComposerError()).isEqualTo("Je bericht is te lang. Maak het korter.");
    page.screenshot(SCREENSHOTS.resolve("8-too-long.png"));
    // Nothing was cut or sent: the whole text waits in the box to be made shorter.
    assertThat(page.composerText()).hasSize(5000);
    assertThat(conversation.calls()).noneMatch(c -> c.contains(tooLong.substring(0, 100)));

    page.paste("");
    page.say("form");
    FormDialog form = page.form();
    assertThat(form.count("Anything the others")).isEqualTo("Tekens over: 500");
    form.fill("What is it about?", "Het nieuwe lesrooster")
        .paste("Anything the others", "b".repeat(501));
    assertThat(form.count("Anything the others")).isEqualTo("Te veel tekens: 1");
    long submitted = submissions();
    form.submit();
    assertThat(form.waitForFormError()).isEqualTo("Een antwoord is te lang. Maak het korter.");
    assertThat(submissions()).isEqualTo(submitted);
    form.paste("Anything the others", "b".repeat(500)).submit();
    form.waitUntilClosed();
    assertThat(conversation.lastSubmitted().get("notes")).hasSize(500);
  }

  @Test
  void eachTabKeepsItsOwnPerson() {
    WebDriver driver = browser.driver();
    page.open().createPerson("Tab Tine").createPerson("Tab Tom").createRoom("Tabs");
    page.switchTo("Tab Tine");
    String first = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    String second = driver.getWindowHandle();
    try {
      page.open().switchTo("Tab Tom");

      driver.switchTo().window(first);
      page.open();
      assertThat(page.currentPerson()).isEqualTo("Tab Tine");
      driver.switchTo().window(second);
      page.open();
      assertThat(page.currentPerson()).isEqualTo("Tab Tom");
    } finally {
      driver.switchTo().window(second).close();
      driver.switchTo().window(first);
    }
  }

  @Test
  void showsWhatPeopleWroteInItsOwnDirectionWithoutDirectionControls() throws Exception {
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/playground/api/people"))
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"name\":\"نور\u202E gpj.exe\"}"))
                    .build(),
                BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    page.open().switchTo("نور gpj.exe").createRoom("Richting");

    page.paste("Hallo \u202Edlrow").pressEnter();

    assertThat(page.waitForPersonMessage("Hallo")).contains("Hallo dlrow");
    page.waitForKringMessage("I heard: Hallo dlrow");
    page.screenshot(SCREENSHOTS.resolve("9-right-to-left.png"));
    assertThat(browser.driver().getPageSource()).doesNotContain("\u202E");
    assertThat(page.attributeOf(".message--user .message-author", "dir")).isEqualTo("auto");
    assertThat(page.attributeOf(".message--user .message-text", "dir")).isEqualTo("auto");
    assertThat(
            ((JavascriptExecutor) browser.driver())
                .executeScript(
                    "return ['.message-author', '.message-text', '#room-subtitle bdi'].map("
                        + "s => getComputedStyle(document.querySelector(s)).unicodeBidi);"))
        .isEqualTo(List.of("isolate", "isolate", "isolate"));
  }

  private long submissions() {
    return conversation.calls().stream().filter(c -> c.startsWith("submit")).count();
  }

  private String idOf(String person) {
    return rooms.people().stream()
        .filter(p -> p.name().equals(person))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private void postAsSomeoneElse(String person, String room, String text) throws Exception {
    String personId =
        rooms.people().stream().filter(p -> p.name().equals(person)).findFirst().orElseThrow().id();
    String roomId =
        rooms.rooms().stream().filter(r -> r.name().equals(room)).findFirst().orElseThrow().id();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + port + "/playground/api/rooms/" + roomId + "/messages"))
            .header("Content-Type", "application/json")
            .POST(
                BodyPublishers.ofString(
                    "{\"personId\":\"" + personId + "\",\"text\":\"" + text + "\"}"))
            .build();
    assertThat(HttpClient.newHttpClient().send(request, BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }
}
