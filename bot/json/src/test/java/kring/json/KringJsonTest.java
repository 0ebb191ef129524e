package kring.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import kring.core.cases.CaseCode;
import kring.core.cases.Initials;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.DeadLetter;
import kring.core.outbox.MessageKind;
import kring.core.outbox.Recipient;
import kring.core.reply.Document;
import kring.core.reply.Reply;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class KringJsonTest {

  private final JsonMapper json = KringJson.mapper();

  private final Reply reply =
      Reply.builder()
          .heading("Agreement version 2")
          .text("Please confirm the new agreement.")
          .field("Goal", "Back in class three days a week")
          .field("Coordinator", "P1")
          .primary("Confirm", "agreement.confirm", "K-7F3Q:2")
          .button("Later", "prompt.snooze", "K-7F3Q")
          .note("Nothing private is posted in the channel.")
          .chart(Samples.trendChart())
          .document(new Document("kring-K-7F3Q-2026-12-18.md", "text/markdown", "# Case\n"))
          .build();

  @Test
  void writesAReplyInTheShapeTheBrowserReads() throws IOException {
    JsonNode written = json.readTree(json.writeValueAsString(reply));

    assertThat(written).isEqualTo(golden("reply.json"));
  }

  @Test
  void readsAReplyBackBlockByBlock() throws IOException {
    String golden = json.writeValueAsString(golden("reply.json"));

    assertThat(json.readValue(golden, Reply.class)).isEqualTo(reply);
  }

  @Test
  void refusesABlockOfAnUnknownType() {
    String unknown = "{\"blocks\":[{\"type\":\"image\",\"url\":\"https://example.org/x.png\"}]}";

    assertThatThrownBy(() -> json.readValue(unknown, Reply.class))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("image");
  }

  @Test
  void refusesAPropertyItDoesNotKnow() {
    String extra = "{\"blocks\":[{\"type\":\"text\",\"text\":\"Hi\",\"style\":\"PLAIN\",\"x\":1}]}";

    assertThatThrownBy(() -> json.readValue(extra, Reply.class))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("\"x\"");
  }

  @Test
  void refusesAMissingProperty() {
    String missing = "{\"blocks\":[{\"type\":\"text\",\"text\":\"Hi\"}]}";

    assertThatThrownBy(() -> json.readValue(missing, Reply.class))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("style");
  }

  @Test
  void refusesARepeatedKey() {
    String repeated =
        "{\"blocks\":[{\"type\":\"text\",\"text\":\"a\",\"text\":\"b\",\"style\":\"PLAIN\"}]}";

    assertThatThrownBy(() -> json.readValue(repeated, Reply.class))
        .isInstanceOf(JacksonException.class);
  }

  @Test
  void refusesWhatTheRecordItselfRefuses() {
    assertThatThrownBy(() -> json.readValue("{\"blocks\":[]}", Reply.class))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("at least one block");
  }

  @Test
  void writesCodesAsPlainStringsAndInstantsInIso8601() throws IOException {
    DeadLetter letter =
        new DeadLetter(
            "m1",
            Recipient.privately(
                new ChannelRef(Platform.SLACK, "T9", "C42"),
                new UserRef(Platform.SLACK, "T9", "U7")),
            MessageKind.REMINDER,
            new CaseCode("K-7F3Q"),
            "channel_not_found",
            Instant.parse("2026-03-02T08:15:00.250Z"));

    JsonNode written = json.readTree(json.writeValueAsString(letter));

    assertThat(written.get("caseCode").asString()).isEqualTo("K-7F3Q");
    assertThat(written.get("at").asString()).isEqualTo("2026-03-02T08:15:00.250Z");
    assertThat(written.get("to").has("private")).as("derived isPrivate() is not data").isFalse();
    assertThat(json.readValue(json.writeValueAsString(letter), DeadLetter.class)).isEqualTo(letter);
    assertThat(json.writeValueAsString(new Initials("AB"))).isEqualTo("\"AB\"");
  }

  @Test
  void refusesACaseCodeThatIsNotOne() {
    assertThatThrownBy(() -> json.readValue("\"K-0000\"", CaseCode.class))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("Not a case code");
  }

  private JsonNode golden(String name) throws IOException {
    try (InputStream in = KringJsonTest.class.getResourceAsStream(name)) {
      return json.readTree(in);
    }
  }
}
