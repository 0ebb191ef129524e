package kring.playground;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
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
    assertThat(page.emptyState()).contains("Welcome to the Kring playground");
    page.screenshot(SCREENSHOTS.resolve("1-first-visit.png"));

    page.createPerson("Bob Maes").createPerson("Ann Peeters");
    assertThat(page.emptyState()).contains("Create a room and type start");
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
    assertThat(page.messages()).noneMatch(m -> m.contains("Only visible to you"));

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
