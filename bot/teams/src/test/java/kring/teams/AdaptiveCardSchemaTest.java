package kring.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every card Kring's golden files hold keeps to the published Adaptive Cards 1.5 schema. */
class AdaptiveCardSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyGoldenCardKeepsToTheSchema() throws Exception {
    List<Path> golden = goldenFiles();
    assertThat(golden).hasSizeGreaterThanOrEqualTo(5);
    for (Path file : golden) {
      assertThat(CardSchema.problems(JSON.readTree(file.toFile())))
          .as(file.getFileName().toString())
          .isEmpty();
    }
  }

  @Test
  void theSchemaRefusesWhatTeamsWouldNotShow() throws Exception {
    ObjectNode card = (ObjectNode) JSON.readTree(golden("reply.json").toFile());
    assertThat(CardSchema.problems(card)).isEmpty();

    ObjectNode misspelt = card.deepCopy();
    ((ObjectNode) misspelt.path("body").get(0)).put("type", "RichTextBox");
    ObjectNode unknownProperty = card.deepCopy();
    ((ObjectNode) unknownProperty.path("body").get(0)).put("colour", "Attention");
    ObjectNode wrongSize = card.deepCopy();
    ((ObjectNode) wrongSize.path("body").get(0).path("inlines").get(0)).put("size", "Huge");

    assertThat(CardSchema.problems(misspelt)).isNotEmpty();
    assertThat(CardSchema.problems(unknownProperty)).isNotEmpty();
    assertThat(CardSchema.problems(wrongSize)).isNotEmpty();
  }

  @Test
  void theSchemaRefusesANumberInputWhoseValueIsText() throws Exception {
    ObjectNode form = (ObjectNode) JSON.readTree(golden("form.json").toFile());
    assertThat(CardSchema.problems(form)).isEmpty();
    for (var input : form.path("body")) {
      if (input.path("type").asText().equals("Input.Number")) {
        ((ObjectNode) input).put("value", "2");
      }
    }
    assertThat(CardSchema.problems(form)).isNotEmpty();
  }

  @Test
  void theTeamsSettingsOfACardAreCheckedToo() throws Exception {
    ObjectNode mention = (ObjectNode) JSON.readTree(golden("mention.json").toFile());
    assertThat(CardSchema.problems(mention)).isEmpty();

    ObjectNode unknown = mention.deepCopy();
    ((ObjectNode) unknown.path("msteams")).put("height", "Full");
    ObjectNode noMention = mention.deepCopy();
    ((ObjectNode) noMention.path("msteams").path("entities").get(0)).remove("mentioned");

    assertThat(CardSchema.problems(unknown)).isNotEmpty();
    assertThat(CardSchema.problems(noMention)).isNotEmpty();
  }

  private static List<Path> goldenFiles() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(golden("reply.json").getParent())) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static Path golden(String name) throws URISyntaxException {
    return Path.of(AdaptiveCardSchemaTest.class.getResource(name).toURI());
  }
}
