package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import kring.scheduler.calendar.SchoolCalendar;
import kring.testing.HeadlessChromium;
import kring.testing.PlaygroundPage;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import tools.jackson.databind.JsonNode;

/**
 * Two Kring playgrounds on one Redis, as two nodes whose pollers run, and three people in two cases
 * with a weekly check-in: "+1 week" pressed eight times in the page, in turn on each node. Every
 * message Kring then sent anyone privately came on a Flemish school day between 08:00 and 17:00,
 * and nobody got two on one day.
 */
class PlaygroundClockIT {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final Path WORK = Path.of("target", "e2e-clock");
  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  private static final SchoolCalendar CALENDAR = SchoolCalendar.flemish(BRUSSELS);
  private static final LocalTime OPENS = LocalTime.of(8, 0);
  private static final LocalTime CLOSES = LocalTime.of(17, 0);

  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  @Test
  void eightWeeksPressedOnTwoNodesBringEveryoneAtMostOneMessageASchoolDayInSchoolHours()
      throws Exception {
    Files.createDirectories(WORK);
    KringProcess one = node("one");
    KringProcess other = node("other");
    CompletableFuture.allOf(started(one), started(other)).join();
    PlaygroundHttp api = PlaygroundHttp.at(one.baseUrl());
    Map<String, String> people = new TreeMap<>();
    for (String name : List.of("Anna", "Bert", "Chris")) {
      people.put(name, api.person(name));
    }
    List<String> rooms =
        List.of(
            weeklyCase(api, "Klas 1A", people.get("Anna"), people.get("Bert"), people.get("Chris")),
            weeklyCase(
                PlaygroundHttp.at(other.baseUrl()),
                "Klas 2B",
                people.get("Bert"),
                people.get("Anna"),
                people.get("Chris")));
    Instant setUp = api.clock();

    HeadlessChromium chromium = HeadlessChromium.start(1280, 900);
    running.add(chromium);
    PlaygroundPage page = null;
    for (int week = 0; week < 8; week++) {
      KringProcess node = week % 2 == 0 ? one : other;
      page = new PlaygroundPage(chromium.driver(), node.baseUrl()).open();
      page.switchTo("Bert").openRoom("Klas 2B").moveTimeForward(Duration.ofDays(7));
    }
    page.screenshot(WORK.resolve("bert-after-eight-weeks.png"));
    // What Bert last got privately, with the moment it shows.
    ((JavascriptExecutor) chromium.driver())
        .executeScript(
            "const own = document.querySelectorAll('.message--private');"
                + " own[own.length - 1].scrollIntoView({block: 'center'});");
    page.screenshot(WORK.resolve("bert-last-private-message.png"));

    for (Map.Entry<String, String> person : people.entrySet()) {
      List<ZonedDateTime> sent = new ArrayList<>();
      for (String room : rooms) {
        for (JsonNode entry : api.timeline(room, person.getValue()).path("entries")) {
          Instant at = Instant.parse(entry.path("at").asString());
          // A note that Kring updated one of its messages in place (a closed check-in's card) is
          // not a message of its own.
          boolean note =
              !entry.path("replaces").isMissingNode() && !entry.path("replaces").isNull();
          if (person.getValue().equals(entry.path("visibleTo").asString(""))
              && at.isAfter(setUp)
              && !note) {
            sent.add(at.atZone(BRUSSELS));
          }
        }
      }
      assertThat(sent).as("what %s got privately", person.getKey()).hasSizeGreaterThan(4);
      assertThat(sent)
          .as("what %s got privately", person.getKey())
          .allSatisfy(
              at -> {
                assertThat(CALENDAR.isSchoolDay(at.toLocalDate())).as("%s", at).isTrue();
                assertThat(at.toLocalTime()).as("%s", at).isBetween(OPENS, CLOSES);
              });
      List<LocalDate> days = sent.stream().map(ZonedDateTime::toLocalDate).toList();
      assertThat(days).as("the days %s got something", person.getKey()).doesNotHaveDuplicates();
    }
  }

  private KringProcess node(String name) throws Exception {
    KringProcess node =
        KringProcess.onRedis(redis.url(), redis.keys().prefix(), WORK.resolve(name + ".log"));
    running.add(node);
    return node;
  }

  private static CompletableFuture<KringProcess> started(KringProcess node) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return node.start();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * A case the coordinator starts, both others join and everyone agrees, with a check-in every
   * school week; returns its room.
   */
  private static String weeklyCase(
      PlaygroundHttp api, String name, String coordinator, String first, String second)
      throws Exception {
    String room = api.caseJoinedBy(name, coordinator, first);
    api.fill(room, second, api.say(room, second, "aansluiten"), Map.of("role", "teacher"));
    api.press(
        room,
        coordinator,
        api.awaitKring(
            room,
            coordinator,
            e -> e.toString().contains("vraagt om aan te") && e.toString().contains("Leerkracht"),
            "the second request to join"),
        "join.accept");
    api.fill(room, coordinator, api.say(room, coordinator, "doel"), Map.of("goal", "Naar school"));
    api.fill(
        room,
        coordinator,
        api.say(room, coordinator, "taken"),
        Map.of("does.P1", "Regie", "does.P2", "Gesprekken", "does.P3", "Lessen"));
    for (String partner : List.of(coordinator, first, second)) {
      api.say(room, partner, "akkoord");
    }
    api.awaitKring(room, coordinator, "Iedereen bevestigde versie");
    api.say(room, coordinator, "ritme 1");
    api.awaitKring(room, coordinator, "elke schoolweek een check-in");
    return room;
  }
}
