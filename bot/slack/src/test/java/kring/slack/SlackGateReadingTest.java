package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request Kring hands to Bolt, built from its own reading of the body, is the one Bolt's own
 * parser builds from the same body: the same kind, payload, context, headers and client address,
 * for every kind of request Kring handles and for commands and mentions with any words in them.
 */
class SlackGateReadingTest {

  private static final AppConfig CONFIG =
      AppConfig.builder()
          .signingSecret("8f742231b10e8888abcd99yyyzzz85a5")
          .singleTeamBotToken("xoxb-1111-2222-kringtesttoken")
          .build();

  private static final SlackRequestParser BOLT = new SlackRequestParser(CONFIG);

  private static final RequestHeaders HEADERS =
      new RequestHeaders(
          Map.of(
              "Content-Type", List.of("application/x-www-form-urlencoded"),
              "X-Slack-Request-Timestamp", List.of("1700000000"),
              "X-Slack-Signature", List.of("v0=abc")));

  @Test
  void everyKindKringHandlesIsReadAsBoltReadsIt() {
    ObjectNode view = SlackPayloads.JSON.createObjectNode();
    view.put("type", "modal");
    view.put("callback_id", "kring.checkin");
    view.put("private_metadata", "K-7F3Q");
    view.putArray("blocks");
    for (String body :
        List.of(
            SlackPayloads.command("T0KRING", "C0READ", "UANNA", "anna", "start AB nl"),
            SlackPayloads.command("T0KRING", "C0READ", "UANNA", "anna", ""),
            SlackPayloads.blockAction("T0KRING", "C0READ", "UANNA", "anna", "kring.help", "v=1"),
            SlackPayloads.blockActionInDm("T0KRING", "UANNA", "anna", "kring.overview", ""),
            SlackPayloads.mention("T0KRING", "Ev0READ01", "C0READ", "UANNA", "hulp"),
            SlackPayloads.memberJoined("T0KRING", "Ev0READ02", "C0READ", "UBERT", "UANNA"),
            SlackPayloads.channelArchive("T0KRING", "Ev0READ03", "C0READ", "UANNA"),
            SlackPayloads.viewSubmission("T0KRING", "UANNA", "anna", view, Map.of()),
            SlackPayloads.urlVerification(
                "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"))) {
      assertReadAsBoltReadsIt(body, HEADERS, "192.0.2.10");
    }
  }

  @Test
  void theClientAddressIsTheForwardedOneWhenAProxyNamesIt() {
    RequestHeaders forwarded =
        new RequestHeaders(Map.of("X-Forwarded-For", List.of("198.51.100.7")));
    assertReadAsBoltReadsIt(
        SlackPayloads.command("T0KRING", "C0READ", "UANNA", "anna", "hulp"),
        forwarded,
        "192.0.2.10");
  }

  @Test
  void commandsAndMentionsWithAnyWordsAreReadAsBoltReadsThem() {
    long seed = Long.getLong("kring.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    int[] alphabet = "aZ09 +&=%?;/\\\"'\n\t<>@#éèëçœ“”…—🙂中\u00a0".codePoints().toArray();
    for (int i = 0; i < 500; i++) {
      StringBuilder words = new StringBuilder();
      StringBuilder name = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) {
        words.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
      }
      for (int n = 1 + random.nextInt(10); n > 0; n--) {
        name.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
      }
      String text = words.toString();
      assertReadAsBoltReadsIt(
          SlackPayloads.command("T0KRING", "C0READ", "UANNA", name.toString(), text),
          HEADERS,
          "192.0.2.10",
          seed);
      assertReadAsBoltReadsIt(
          SlackPayloads.mention("T0KRING", "Ev0RAND" + i, "C0READ", "UANNA", text),
          HEADERS,
          "192.0.2.10",
          seed);
    }
  }

  private static void assertReadAsBoltReadsIt(
      String body, RequestHeaders headers, String remoteAddress) {
    assertReadAsBoltReadsIt(body, headers, remoteAddress, 0);
  }

  private static void assertReadAsBoltReadsIt(
      String body, RequestHeaders headers, String remoteAddress, long seed) {
    Request<?> bolt =
        BOLT.parse(
            SlackRequestParser.HttpRequest.builder()
                .requestUri("/slack/events")
                .queryString(Map.of())
                .headers(headers)
                .requestBody(body)
                .remoteAddress(remoteAddress)
                .build());
    Request<?> kring = SlackGate.boltRequest(body, headers, remoteAddress, CONFIG);

    String about = "the body " + body + " (seed " + seed + ")";
    assertThat(kring).as(about).isNotNull();
    assertThat(kring.getClass()).as(about).isEqualTo(bolt.getClass());
    assertThat(described(kring)).as(about).isEqualTo(described(bolt));
  }

  /** What a request carries that Bolt and its listeners read. */
  private static List<Object> described(Request<?> request) {
    List<Object> parts = new ArrayList<>();
    parts.add(request.getRequestType());
    parts.add(request.getRequestBodyAsString());
    parts.add(request.getResponseUrl());
    parts.add(request.getClientIpAddress());
    parts.add(request.isSocketMode());
    parts.add(request.getQueryString());
    parts.add(request.getHeaders().getNames());
    parts.add(request.getContext().toString());
    parts.add(request.toString());
    return parts;
  }
}
