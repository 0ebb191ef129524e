package kring.config;

import static kring.testing.Eventually.eventually;
import static kring.testing.Samples.message;
import static kring.testing.Samples.slackChannel;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.outbox.MessageKind;
import kring.scheduler.clock.Drainer;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import kring.storage.RedisDuePrompts;
import kring.storage.RedisOutbox;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Kring's own meters as Prometheus scrapes them from the management port: each moves after the
 * action it counts, and no case or person ever shows in the scrape.
 */
class MetricsTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final Duration WITHIN = Duration.ofSeconds(20);
  static final Pattern CASE_CODE = Pattern.compile("K-[" + CaseCode.ALPHABET + "]{4}");

  private final HttpClient http = HttpClient.newHttpClient();
  private ConfigurableApplicationContext app;
  private HttpServer slackApi;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (slackApi != null) {
      slackApi.stop(0);
    }
  }

  @Test
  void theBacklogTheDeliveriesTheTakeOversAndTheCasesMoveWithWhatKringDoes() throws Exception {
    int port = start("kring.playground.enabled=true");
    RedisOutbox outbox = new RedisOutbox(redis.client(), redis.keys());
    RedisDuePrompts due = new RedisDuePrompts(redis.client(), redis.keys());
    String before = scrape();
    assertThat(value(before, "kring_outbox_waiting")).isZero();
    assertThat(value(before, "kring_cases", "stage=\"open\"")).isZero();

    // A message to Teams, which this Kring is not connected to, due five minutes ago; a node took
    // it and died before it finished.
    Instant now = Instant.now();
    ChannelRef teams = new ChannelRef(Platform.TEAMS, "tenant-1", "19:metrics");
    outbox.enqueue(message("m-teams", MessageKind.ANSWER, teams, now.minusSeconds(300)));
    String waiting = scrape();
    assertThat(value(waiting, "kring_outbox_waiting")).isEqualTo(1);
    assertThat(value(waiting, "kring_outbox_overdue_seconds")).isGreaterThanOrEqualTo(300);
    assertThat(outbox.claim(now, 1, Duration.ofMillis(1), Map.of())).hasSize(1);
    assertThat(value(scrape(), "kring_outbox_overdue_seconds")).isZero();

    // A scheduled prompt of a case due ten minutes ago; a node took it and died too.
    CaseCode gone = new CaseCode("K-7F3Q");
    due.replace(
        gone,
        List.of(
            DuePrompt.of(
                gone,
                PromptKind.KICKOFF_REMINDER,
                slackUser("U1"),
                1,
                now.minusSeconds(600),
                now.plusSeconds(3600))));
    String prompts = scrape();
    assertThat(value(prompts, "kring_prompts_due_cases")).isEqualTo(1);
    assertThat(value(prompts, "kring_prompts_overdue_seconds")).isGreaterThanOrEqualTo(600);
    assertThat(due.claim(now, 10, Duration.ofMillis(1))).hasSize(1);

    // A person starts a case in the playground; the turn wakes the outbox.
    PlaygroundHttp playground = PlaygroundHttp.at("http://127.0.0.1:" + port);
    String anna = playground.person("Anna");
    String room = playground.room("Metrics", anna);
    playground.say(room, anna, "start");
    app.getBean("promptDrainer", Drainer.class).wake();

    eventually(
        WITHIN,
        () -> {
          String after = scrape();
          assertThat(value(after, "kring_cases", "stage=\"open\"")).isEqualTo(1);
          assertThat(
                  value(
                      after,
                      "kring_outbox_deliveries_total",
                      "platform=\"playground\"",
                      "outcome=\"delivered\""))
              .isPositive();
          assertThat(
                  value(
                      after,
                      "kring_outbox_deliveries_total",
                      "platform=\"teams\"",
                      "outcome=\"parked\""))
              .isEqualTo(1);
          assertThat(value(after, "kring_outbox_dead_letters")).isEqualTo(1);
          assertThat(value(after, "kring_leases_taken_over_total", "work=\"outbox\"")).isEqualTo(1);
          assertThat(value(after, "kring_leases_taken_over_total", "work=\"prompts\""))
              .isEqualTo(1);
          assertThat(value(after, "kring_prompts_due_cases")).isZero();
          assertThat(
                  value(
                      after,
                      "kring_acknowledgement_seconds_count",
                      "endpoint=\"playground\"",
                      "outcome=\"success\""))
              .isEqualTo(1);
        });

    String last = scrape();
    assertThat(CASE_CODE.matcher(last).find()).as("a case code in the scrape").isFalse();
    assertThat(last).doesNotContain(anna).doesNotContain(room).doesNotContain("19:metrics");
  }

  @Test
  void rateLimitsAndTheSlackAndTeamsEndpointsAreCountedByPlatform() throws Exception {
    AtomicInteger posts = new AtomicInteger();
    slackApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slackApi.createContext(
        "/api/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          boolean post = exchange.getRequestURI().getPath().endsWith("chat.postMessage");
          if (post) {
            posts.incrementAndGet();
          }
          byte[] body =
              (post
                      ? "{\"ok\":false,\"error\":\"ratelimited\"}"
                      : "{\"ok\":true,\"team_id\":\"T9\",\"user_id\":\"UKRING\",\"bot_id\":\"B1\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          if (post) {
            exchange.getResponseHeaders().add("Retry-After", "30");
          }
          exchange.sendResponseHeaders(post ? 429 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    slackApi.start();
    int port =
        start(
            "kring.slack.api-url=http://127.0.0.1:" + slackApi.getAddress().getPort() + "/api/",
            "kring.slack.bot-token=xoxb-1-2-metricstest",
            "kring.slack.signing-secret=" + SlackApplicationTest.SECRET,
            "kring.teams.enabled=true",
            "kring.teams.allow-unauthenticated=true",
            "kring.teams.tenant-id=tenant-1");

    new RedisOutbox(redis.client(), redis.keys())
        .enqueue(message("m-slack", MessageKind.ANSWER, slackChannel("CMETRICS"), Instant.now()));
    app.getBean("outboxDrainer", Drainer.class).wake();

    eventually(
        WITHIN,
        () -> {
          String after = scrape();
          assertThat(value(after, "kring_platform_rate_limits_total", "platform=\"slack\""))
              .isEqualTo(1);
          assertThat(
                  value(
                      after,
                      "kring_outbox_deliveries_total",
                      "platform=\"slack\"",
                      "outcome=\"retried\""))
              .isEqualTo(1);
        });
    assertThat(posts.get()).isEqualTo(1);
    assertThat(value(scrape(), "kring_platform_rate_limits_total", "platform=\"teams\"")).isZero();

    String challenge = "{\"token\":\"t\",\"challenge\":\"c-1\",\"type\":\"url_verification\"}";
    assertThat(slackEvent(port, challenge, SlackApplicationTest.SECRET).statusCode())
        .isEqualTo(200);
    assertThat(slackEvent(port, challenge, "not-the-secret-at-all-0000000000").statusCode())
        .isEqualTo(401);
    HttpResponse<String> teams =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(teams.statusCode()).isBetween(400, 499);

    String after = scrape();
    assertThat(ack(after, "slack", "success")).isEqualTo(1);
    assertThat(ack(after, "slack", "refused")).isEqualTo(1);
    assertThat(ack(after, "teams", "refused")).isEqualTo(1);
    assertThat(ack(after, "playground", "success")).isZero();
    assertThat(after).doesNotContain("CMETRICS").doesNotContain("xoxb-");
  }

  @Test
  void aBacklogReadReusedForLongerThanFiveMinutesStopsStartUpAndSaysWhich() {
    assertThatThrownBy(() -> start("kring.metrics.backlog-refresh=10m"))
        .hasStackTraceContaining("kring.metrics.backlog-refresh")
        .hasStackTraceContaining("between 0s and 5m");
  }

  int start(String... properties) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "kring.redis.url=" + redis.url(),
                "kring.redis.key-prefix=" + redis.keys().prefix()));
    if (Arrays.stream(properties).noneMatch(p -> p.startsWith("kring.metrics."))) {
      all.add("kring.metrics.backlog-refresh=0s");
    }
    all.addAll(List.of(properties));
    app =
        new SpringApplicationBuilder(KringApplication.class)
            .properties("spring.quartz.auto-startup=false")
            .run(SettingsTest.onAFreePort(all.toArray(String[]::new)));
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  String scrape() {
    String port = app.getEnvironment().getProperty("local.management.port");
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      return answer.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request signed as Slack signs it, posted to the Slack endpoint. */
  HttpResponse<String> slackEvent(int port, String body, String secret) throws Exception {
    return new SlackApplicationTest().post(port, body, secret);
  }

  static double ack(String scrape, String endpoint, String outcome) {
    return value(
        scrape,
        "kring_acknowledgement_seconds_count",
        "endpoint=\"" + endpoint + "\"",
        "outcome=\"" + outcome + "\"");
  }

  /** The value of the one series of {@code name} that carries every one of {@code labels}. */
  static double value(String scrape, String name, String... labels) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      int brace = series.indexOf('{');
      String metric = brace < 0 ? series : series.substring(0, brace);
      if (metric.equals(name) && Arrays.stream(labels).allMatch(series::contains)) {
        return Double.parseDouble(line.substring(space + 1));
      }
    }
    throw new AssertionError("No " + name + " " + Arrays.toString(labels) + " in:\n" + scrape);
  }
}
