package kring.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kring.core.reply.Buttons;
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
