package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kring.testing.CapturedLog;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of mutated Slack payloads from seeds Kring really saw, correctly signed over HTTP and
 * as envelopes over a real Socket Mode WebSocket: no answer is a 5xx, every envelope with an id is
 * acknowledged, nothing is logged at ERROR, no stack trace is logged, and no planted value reaches
 * the log.
 */
class SlackFuzzTest {

  /** The app-level token of Socket Mode. */
  static final String APP = "xapp-1-A0KRINGAPP-1111-fuzzsockettoken";

  static final String TEAM = FakeSlack.TEAM;
  static final String CHANNEL = "C0FUZZED1";

  /** Mutated payloads per run, of each transport. */
  static final int RUNS = 2_200;

  @RegisterExtension
  @Order(0)
  static final CapturedLog log = new CapturedLog();

  @RegisterExtension
  @Order(1)
  static final BeforeAllCallback guard = SlackHarness.logGuard(APP);

  @RegisterExtension
  @Order(2)
  static final TestRedis redis = TestRedis.machine();

  @RegisterExtension
  @Order(3)
  static final SlackRunning running = new SlackRunning(redis);

  @Test
  void noMutatedSignedPayloadGetsA5xxAnErrorOrAStackTrace() {
    SlackHarness kring = running.get();
    List<Seed> seeds = seeds(kring);
    long seed = Long.getLong("kring.fuzz.seed", System.nanoTime());
    SlackMutations mutations = new SlackMutations(seed);
    int logged = log.lines().size();
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> fiveHundreds = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      Seed chosen = seeds.get(i % seeds.size());
      String fresh = chosen.body().replace(SlackPayloads.SEED_EVENT, "Ev0FUZZ" + i);
      String body =
          chosen.type().equals(SlackPayloads.FORM) ? mutations.form(fresh) : mutations.json(fresh);
      HttpResponse<String> response = kring.send(body, chosen.type());
      statuses.merge(response.statusCode(), 1, Integer::sum);
      if (response.statusCode() >= 500 && fiveHundreds.size() < 5) {
        fiveHundreds.add(body);
      }
    }
    // Everything sent, too: a post still on its way would land among the next test's calls.
    kring.awaitQuiet(() -> {});

    assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(RUNS);
    // Most mutations leave a payload Kring handles, so the listeners are fuzzed too.
    assertThat(statuses.getOrDefault(200, 0)).as("statuses %s", statuses).isGreaterThan(RUNS / 5);
    List<String> lines = log.lines();
    assertQuietLog(lines.subList(logged, lines.size()), log, seed);
    assertThat(fiveHundreds).as("seed %d, statuses %s", seed, statuses).isEmpty();
  }

  /**
   * No ERROR line and no stack trace at INFO or above among the lines logged while fuzzing, and no
   * planted value anywhere in the log.
   */
  static void assertQuietLog(List<String> lines, CapturedLog log, long seed) {
    assertThat(lines).as("the captured log").isNotEmpty();
    assertThat(lines)
        .as("lines at ERROR (seed %d)", seed)
        .filteredOn(line -> line.startsWith("ERROR"))
        .isEmpty();
    assertThat(lines)
        .as("stack traces (seed %d)", seed)
        .filteredOn(line -> !line.startsWith("DEBUG") && !line.startsWith("TRACE"))
        .filteredOn(line -> line.contains("\n\tat "))
        .isEmpty();
    log.assertHoldsNoneOf(SlackMutations.PLANTED, "jndi");
  }

  /** A body and its content type. */
  record Seed(String body, String type) {}

  /**
   * Real-shaped seeds of every kind Slack sends: events, slash commands, block_actions (in a
   * channel and in a direct message), view_submission of a modal Kring opened, url_verification.
   */
  static List<Seed> seeds(SlackHarness kring) {
    String start = SlackPayloads.command(TEAM, CHANNEL, "UANNA", "anna", "start AB");
    kring.send(start, SlackPayloads.FORM);
    FakeSlack.Call welcome =
        kring.slack.await(
            "chat.postMessage", c -> c.param("text").contains("K-"), Duration.ofSeconds(10));
    JsonNode button = SlackEndToEndTest.button(welcome, "form.open");
    kring.send(SlackPayloads.press(TEAM, CHANNEL, "UANNA", "anna", button), SlackPayloads.FORM);
    JsonNode intro = kring.opened(0, Duration.ofSeconds(10));

    List<Seed> seeds = new ArrayList<>();
    seeds.add(new Seed(start, SlackPayloads.FORM));
    seeds.add(
        new Seed(
            SlackPayloads.command(TEAM, CHANNEL, "UBERT", "bert", "help"), SlackPayloads.FORM));
    seeds.add(
        new Seed(SlackPayloads.press(TEAM, CHANNEL, "UANNA", "anna", button), SlackPayloads.FORM));
    seeds.add(
        new Seed(
            SlackPayloads.blockActionInDm(TEAM, "UBERT", "bert", welcome, button),
            SlackPayloads.FORM));
    seeds.add(
        new Seed(
            SlackPayloads.viewSubmission(
                TEAM, "UANNA", "anna", intro, Map.of("role", "clb", "organisation", "CLB")),
            SlackPayloads.FORM));
    seeds.add(
        new Seed(SlackPayloads.urlVerification("3eZbrw1aBm2rZgRNF"), SlackPayloads.JSON_TYPE));
    for (String event : SlackPayloads.everyEvent(TEAM, CHANNEL, "UBERT")) {
      seeds.add(new Seed(event, SlackPayloads.JSON_TYPE));
    }
    return seeds;
  }

  @Test
  void everyMutatedEnvelopeWithAnIdIsAcknowledgedQuietly() throws Exception {
    SlackHarness kring = running.get();
    List<String> seeds = new ArrayList<>();
    for (Seed seed : seeds(kring)) {
      envelope(seed).ifPresent(seeds::add);
    }
    FakeSlackSocket slack = FakeSlackSocket.open();
    kring.slack.socketUrl(slack.url());
    SlackSocket socket = kring.socket(APP);
    try {
      socket.start();
      slack.awaitClient(Duration.ofSeconds(10));
      long seed = Long.getLong("kring.fuzz.seed", System.nanoTime());
      SlackMutations mutations = new SlackMutations(seed);
      int logged = log.lines().size();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        String envelope =
            mutations.json(
                seeds
                    .get(i % seeds.size())
                    .replace(SlackPayloads.SEED_EVENT, "Ev0SOCK" + i)
                    .replace(SEED_ENVELOPE, "env-" + i + "-4bb0-9b9c-7d4a6c0e8f21"));
        JsonNode id = SlackPayloads.JSON.readTree(envelope).get("envelope_id");
        if (id != null
            && id.isString()
            && !id.asString().isBlank()
            && id.asString().length() <= SlackEnvelopes.LONGEST_ENVELOPE_ID) {
          expected.add(id.asString());
        }
        slack.send(envelope);
      }

      slack.awaitAcks(expected, Duration.ofSeconds(40));
      try {
        kring.awaitQuiet(() -> {});
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage() + "\n(run again with -Dkring.fuzz.seed=" + seed + ")", e);
      }
      assertThat(expected.size()).as("envelopes with an id").isGreaterThan(RUNS / 2);
      assertThat(slack.unreadable()).isEmpty();
      List<String> lines = log.lines();
      assertQuietLog(lines.subList(logged, lines.size()), log, seed);
    } finally {
      socket.stop();
      slack.close();
    }
  }

  static final String SEED_ENVELOPE = "ENVSEED000";

  /** A seed as Slack sends it through Socket Mode, documented per kind. */
  static java.util.Optional<String> envelope(Seed seed) {
    ObjectNode envelope = SlackPayloads.JSON.createObjectNode();
    envelope.put("envelope_id", SEED_ENVELOPE);
    if (seed.type().equals(SlackPayloads.JSON_TYPE)) {
      JsonNode payload = SlackPayloads.JSON.readTree(seed.body());
      if (!payload.path("type").asString().equals("event_callback")) {
        return java.util.Optional.empty();
      }
      envelope.set("payload", payload);
      envelope.put("type", "events_api");
      envelope.put("accepts_response_payload", false);
      envelope.put("retry_attempt", 0);
      envelope.put("retry_reason", "");
      return java.util.Optional.of(envelope.toString());
    }
    ObjectNode fields = SlackPayloads.JSON.createObjectNode();
    for (String pair : seed.body().split("&")) {
      int equals = pair.indexOf('=');
      fields.put(
          URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    if (fields.has("payload")) {
      envelope.set("payload", SlackPayloads.JSON.readTree(fields.path("payload").asString()));
      envelope.put("type", "interactive");
    } else {
      envelope.set("payload", fields);
      envelope.put("type", "slash_commands");
    }
    envelope.put("accepts_response_payload", true);
    return java.util.Optional.of(envelope.toString());
  }
}
