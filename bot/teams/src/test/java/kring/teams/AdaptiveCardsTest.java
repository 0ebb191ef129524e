package kring.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import kring.chart.Pictures;
import kring.core.reply.Buttons;
import kring.core.reply.Chart;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * Adaptive Cards compared with golden files under {@code kring/teams/}. After a deliberate change,
 * run with {@code -Dkring.golden.update=true} and review the diff of the files.
 */
class AdaptiveCardsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHANNEL = "teams:tenant-1:19:case-one@thread.tacv2";
  private static final String CUT = "Shortened.";

  @Test
  void aMessageWithEveryKindOfBlock() throws Exception {
    Reply reply =
        Reply.builder()
            .heading("Case K-7F3Q")
            .text("Welcome. Kring keeps your agreements *visible*.")
            .note("Kring does not store what you write in the channel.")
            .warning("Acute danger? Call 112.")
            .field("CLB", "Bert Claes [CLB Noord]")
            .field("Coordinator", "Anna Peeters")
            .primary("Confirm", "agreement.confirm", "K-7F3Q:2")
            .button("Read", "agreement.read", "K-7F3Q:2")
            .build();
    golden("reply.json", AdaptiveCards.reply(reply, CHANNEL, CUT));
  }

  @Test
  void aChartTravelsAsAnInlinePictureWhereItStands() throws Exception {
    Reply reply =
        Reply.builder()
            .heading("Reflection round 3")
            .field("Trust", "█·▂  2.0")
            .chart(Samples.trendChart())
            .note("Answers are anonymous.")
            .build();
    golden(
        "chart.json",
        AdaptiveCards.reply(reply, CHANNEL, CUT, (chart, max) -> Optional.of(Samples.TINY_PNG)));
  }

  @Test
  void aDrawnChartFitsTeamsMessageLimitWithTheTextAroundIt() throws Exception {
    Reply.Builder summary = Reply.builder().heading("Reflection round 20");
    for (int i = 0; i < 12; i++) {
      summary.field("Question " + i + " " + "x".repeat(80), "yes: 2 · partly: 1 · no: 0");
    }
    Reply reply = summary.chart(wideChart()).note("Answers are anonymous.").build();

    ObjectNode card = AdaptiveCards.reply(reply, CHANNEL, CUT, Pictures.DRAWN);

    assertThat(AdaptiveCards.bytes(card)).isLessThanOrEqualTo(AdaptiveCards.MAX_CARD_BYTES);
    JsonNode image = card.path("body").get(card.path("body").size() - 2);
    assertThat(image.path("type").asText()).isEqualTo("Image");
    assertThat(image.path("altText").asText()).isEqualTo(wideChart().alt());
    assertThat(picture(image).getWidth()).isGreaterThanOrEqualTo(400);
  }

  /** The PNG an Image element of a card carries inline. */
  static BufferedImage picture(JsonNode image) throws IOException {
    assertThat(image.path("type").asText()).isEqualTo("Image");
    String url = image.path("url").asText();
    assertThat(url).startsWith("data:image/png;base64,");
    return ImageIO.read(
        new ByteArrayInputStream(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))));
  }

  @Test
  void aChartWithoutRoomIsLeftOutAndItsFiguresStay() {
    Reply.Builder summary = Reply.builder().heading("Reflection round 20");
    summary.text("é".repeat(10_000)).field("Trust", "█·▂  2.0");
    Reply reply = summary.chart(wideChart()).build();

    ObjectNode card = AdaptiveCards.reply(reply, CHANNEL, CUT, Pictures.DRAWN);

    assertThat(AdaptiveCards.bytes(card)).isLessThanOrEqualTo(AdaptiveCards.MAX_CARD_BYTES);
    assertThat(card.toString()).doesNotContain("\"Image\"").contains("█·▂  2.0");
  }

  /** Six themes over twenty rounds: the most a case's trend can hold. */
  static Chart wideChart() {
    List<String> rounds = new ArrayList<>();
    for (int i = 1; i <= Chart.MAX_LABELS; i++) {
      rounds.add("round " + i);
    }
    List<Chart.Series> lines = new ArrayList<>();
    for (int theme = 0; theme < Chart.MAX_SERIES; theme++) {
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < rounds.size(); i++) {
        values.add(1 + ((i * 7 + theme * 3) % 9) / 2.0);
      }
      lines.add(new Chart.Series("Theme " + theme, values));
    }
    return new Chart(
        "How the themes went, case K-7F3Q", "Six lines over twenty rounds.", rounds, lines);
  }

  @Test
  void aFormWithEveryKindOfInputAndAnError() throws Exception {
    Form form =
        new Form(
            "partner.join",
            "Join case K-7F3Q",
            "Tell the others who you are.",
            List.of(
                new Form.Input(
                    "organisation",
                    "Organisation",
                    Form.Kind.TEXT,
                    true,
                    80,
                    List.of(),
                    "",
                    "e.g. CLB Noord",
                    "Please fill this in."),
                new Form.Input(
                    "role",
                    "Role",
                    Form.Kind.CHOICE,
                    true,
                    0,
                    List.of(new Form.Option("clb", "CLB"), new Form.Option("teacher", "Teacher")),
                    "clb",
                    "",
                    null),
                new Form.Input(
                    "does", "What I do", Form.Kind.LONG_TEXT, false, 500, List.of(), "", "", null),
                new Form.Input(
                    "weeks",
                    "Every how many weeks",
                    Form.Kind.NUMBER,
                    false,
                    0,
                    List.of(),
                    "2",
                    "",
                    null)),
            "Join",
            Map.of("case", "K-7F3Q", "base", "1"));
    golden("form.json", AdaptiveCards.form(form, CHANNEL, CUT));
  }

  @Test
  void aMultipleChoiceIsAMultiSelectChoiceSetWithItsChosenValues() throws Exception {
    Form form = Samples.multipleChoiceForm();
    golden("multi-choice.json", AdaptiveCards.form(form, CHANNEL, CUT));
  }

  @Test
  void aMentionIsARealTeamsMention() throws Exception {
    ObjectNode card =
        AdaptiveCards.mention(
            "29:bert-teams",
            "Bert Claes",
            "something is waiting for you.",
            new Buttons.Button(
                "Open", TeamsMessenger.OPEN_WAITING, "0123456789abcdef0123456789abcdef", true),
            CHANNEL);
    golden("mention.json", card);
  }

  @Test
  void aMessageTooBigForTeamsIsCutButKeepsItsButtons() {
    Reply.Builder builder = Reply.builder().heading("Audit");
    for (int i = 0; i < 200; i++) {
      builder.text(i + " " + "é".repeat(400));
    }
    Reply reply = builder.primary("Card", "case.card", "K-7F3Q").build();
    ObjectNode card = AdaptiveCards.reply(reply, CHANNEL, CUT);
    assertThat(AdaptiveCards.bytes(card)).isLessThanOrEqualTo(AdaptiveCards.MAX_CARD_BYTES);
    assertThat(card.toString()).contains(CUT).contains("case.card").contains("Audit");
  }

  @Test
  void oneHugeParagraphIsCutToFit() {
    ObjectNode card = AdaptiveCards.reply(Reply.text("😀".repeat(50_000)), CHANNEL, CUT);
    assertThat(AdaptiveCards.bytes(card)).isLessThanOrEqualTo(AdaptiveCards.MAX_CARD_BYTES);
    String text = card.path("body").get(0).path("inlines").get(0).path("text").asText();
    assertThat(text).endsWith("…");
    assertThat(Character.isHighSurrogate(text.charAt(text.length() - 2))).isFalse();
  }

  @Test
  void aNumberInputCarriesItsValueAsANumberAndNoValueWhenItIsNoNumber() {
    Form.Input weeks =
        new Form.Input(
            "weeks", "Every how many weeks", Form.Kind.NUMBER, false, 0, List.of(), "2", "", null);
    Form.Input odd =
        new Form.Input("odd", "Something", Form.Kind.NUMBER, false, 0, List.of(), "two", "", null);
    Form form = new Form("goal", "Goal", "", List.of(weeks, odd), "Save", Map.of("case", "K-7F3Q"));

    JsonNode body = AdaptiveCards.form(form, CHANNEL, CUT).path("body");
    JsonNode number = null;
    JsonNode noNumber = null;
    for (JsonNode element : body) {
      if (element.path("id").asText().equals("weeks")) {
        number = element;
      } else if (element.path("id").asText().equals("odd")) {
        noNumber = element;
      }
    }
    assertThat(number.path("value").isNumber()).as(String.valueOf(number)).isTrue();
    assertThat(number.path("value").asInt()).isEqualTo(2);
    assertThat(noNumber.has("value")).isFalse();
  }

  private static void golden(String name, JsonNode actual) throws Exception {
    String rendered = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n";
    if (Boolean.getBoolean("kring.golden.update")) {
      Path file = Path.of("src/test/resources/kring/teams", name);
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
    }
    JSONAssert.assertEquals(read(name), rendered, JSONCompareMode.STRICT);
  }

  private static String read(String name) throws IOException {
    try (InputStream in = AdaptiveCardsTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("No golden file kring/teams/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
