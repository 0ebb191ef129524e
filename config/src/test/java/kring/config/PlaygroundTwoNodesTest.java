package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kring.playground.PlaygroundClock;
import kring.playground.PlaygroundLease;
import kring.scheduler.calendar.SchoolCalendar;
import kring.scheduler.clock.Drainer;
import kring.storage.RedisPlaygroundLease;
import kring.storage.RedisPlaygroundTime;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two Kring playgrounds on one Redis, as two nodes: they read one clock, which a restart keeps, the
 * second node's poller sends what came due on it, and "+1 week" pressed on both at once moves it
 * two weeks.
 */
class PlaygroundTwoNodesTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  private static final Duration WEEK = Duration.ofDays(7);

  private static ConfigurableApplicationContext one;
  private static ConfigurableApplicationContext other;

  @BeforeAll
  static void startBothNodes() {
    one = node("one");
    other = node("other");
  }

  @AfterAll
  static void stopBothNodes() {
    one.close();
    other.close();
  }

  /** A node of its own: its own web server and Quartz, the same Redis and keys as the other. */
  private static ConfigurableApplicationContext node(String name) {
    return new SpringApplicationBuilder(KringApplication.class)
        .properties("spring.quartz.auto-startup=false")
        .run(
            SettingsTest.onAFreePort(
                "spring.quartz.scheduler-name=kring-" + name,
                "kring.redis.url=" + redis.url(),
                "kring.redis.key-prefix=" + redis.keys().prefix(),
                "kring.playground.enabled=true",
                "server.address=127.0.0.1"));
  }

  private static PlaygroundHttp api(ConfigurableApplicationContext node) {
    return PlaygroundHttp.at(
        "http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort());
  }

  private static Instant clockOf(ConfigurableApplicationContext node) throws Exception {
    return api(node).clock();
  }

  private static Duration offset() {
    return new RedisPlaygroundTime(redis.client(), redis.keys()).offset();
  }

  @Test
  void theSecondNodesPollerSendsWhatCameDueWhenTheClockMovedElsewhere() throws Exception {
    PlaygroundHttp api = api(one);
    String anna = api.person("Anna");
    String bert = api.person("Bert");
    String room = api.caseJoinedBy("Klas 1A", anna, bert);
    // Bert's first kickoff reminder is due two school days after he joined, at ten; half an hour
    // after that, the clock is moved on by someone else than the node whose poller runs.
    SchoolCalendar calendar = SchoolCalendar.flemish(BRUSSELS);
    Instant joined = clockOf(one);
    LocalDate due = calendar.plusSchoolDays(joined.atZone(BRUSSELS).toLocalDate(), 2);
    Instant halfPastTen = calendar.at(due, LocalTime.of(10, 30));
    new PlaygroundClock(new RedisPlaygroundTime(redis.client(), redis.keys()), BRUSSELS)
        .advance(Duration.between(joined, halfPastTen));

    other.getBean("promptDrainer", Drainer.class).wake();

    JsonNode reminder = api(other).awaitKring(room, bert, "Een vriendelijke herinnering");
    assertThat(reminder.path("visibleTo").asString()).isEqualTo(bert);
    Instant sent = Instant.parse(reminder.path("at").asString());
    assertThat(sent).isAfterOrEqualTo(halfPastTen);
    assertThat(sent.atZone(BRUSSELS).toLocalDate()).isEqualTo(due);
    assertThat(clockOf(other)).isAfterOrEqualTo(sent);
  }

  @Test
  void whileTheClockMovesNoBackgroundPollOfTheOtherNodeRuns() {
    PollGate gate = other.getBean(PollGate.class);
    AtomicInteger polled = new AtomicInteger();

    try (PlaygroundLease lease =
        new PlaygroundLease(
            new RedisPlaygroundLease(
                redis.client(),
                redis.keys(),
                java.time.Clock.systemUTC(),
                PlaygroundLease.HOLD,
                PlaygroundLease.WAIT_MARK))) {
      lease.alone(
          Duration.ofSeconds(30),
          hold -> {
            gate.around(polled::incrementAndGet).run();
            return null;
          });
    }

    assertThat(polled).as("polls while the clock moved").hasValue(0);
    gate.around(polled::incrementAndGet).run();
    assertThat(polled).hasValue(1);
  }

  @Test
  void plusOneWeekPressedOnBothNodesAtOnceMovesTheClockTwoWeeks() throws Exception {
    Instant before = clockOf(one);
    List<CompletableFuture<JsonNode>> presses = new ArrayList<>();
    for (ConfigurableApplicationContext node : List.of(one, other)) {
      presses.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return api(node).post("/clock/advance", Map.of("minutes", WEEK.toMinutes()));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    List<Instant> answers = new ArrayList<>();
    for (CompletableFuture<JsonNode> press : presses) {
      answers.add(Instant.parse(press.get(2, TimeUnit.MINUTES).path("now").asString()));
    }

    assertThat(offset()).isEqualTo(WEEK.multipliedBy(2));
    assertThat(answers).allMatch(answer -> !answer.isBefore(before.plus(WEEK)));
    assertThat(Duration.between(answers.get(0), answers.get(1)).abs())
        .as("one move after the other")
        .isGreaterThanOrEqualTo(WEEK);
    assertThat(clockOf(one)).isAfterOrEqualTo(before.plus(WEEK.multipliedBy(2)));
    assertThat(clockOf(other)).isAfterOrEqualTo(before.plus(WEEK.multipliedBy(2)));
  }

  @Test
  void aRestartedNodeKeepsTheTimeTheClockWasMovedTo() throws Exception {
    Instant moved =
        Instant.parse(
            api(one).post("/clock/advance", Map.of("minutes", 3 * 24 * 60)).path("now").asString());

    one.close();
    one = node("one-again");

    assertThat(offset()).isEqualTo(Duration.ofDays(3));
    assertThat(clockOf(one)).isAfterOrEqualTo(moved);
  }
}
