package kring.config;

import static kring.config.PlaygroundReflectionCase.ANSWER;
import static kring.config.PlaygroundReflectionCase.ROUND_ONE;
import static kring.config.PlaygroundReflectionCase.ROUND_TWO;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import kring.chart.ChartPixels;
import kring.core.reply.Chart;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Two reflection rounds of a four-partner case through the playground's API against the real Kring:
 * the coordinator starts each with the form, the partners answer privately through their answer
 * button (skipping a question, changing an answer), the first round closes at its deadline as the
 * playground's clock moves on, the second when everyone answered. The summaries show participation
 * and each theme without saying who answered what, the second one with the trend as text and as a
 * picture the playground serves. Someone outside the case, a late answer and an answer far too long
 * are each refused and change nothing.
 */
class PlaygroundReflectionTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @RegisterExtension final PlaygroundHttp api = new PlaygroundHttp(redis);

  private static final String KEEP_BERT = ROUND_ONE.get("Bert").get("keep");
  private static final String KEEP_CHRIS = ROUND_ONE.get("Chris").get("keep");
  private static final String KEEP_DANA = ROUND_ONE.get("Dana").get("keep");
  private static final String ANNA_SIGNED = ROUND_TWO.get("Anna").get("keep");

  private PlaygroundReflectionCase c;

  @Test
  void twoRoundsGiveAnonymousSummariesAndTheSecondATrendChart() throws Exception {
    c = PlaygroundReflectionCase.agreed(api, "Klas 6A");
    String eva = api.person("Eva");

    JsonNode started = c.start(1);
    assertThat(started.toString()).contains("Anna startte een reflectieronde");
    roundOne(eva, started);
    JsonNode first = c.closeAtDeadline(1);
    assertRoundOne(first);
    lateAnswersAreRefused();

    c.start(2);
    roundTwo();
    JsonNode closing = c.api.awaitKring(c.room, c.dana, "Iedereen heeft geantwoord");
    JsonNode second = c.summary(c.bert, 2);
    assertThat(closing.path("seq").asLong()).isLessThan(second.path("seq").asLong());
    assertRoundTwo(second);
    assertChartServed(second, first);
  }

  /**
   * Bert, Chris and Dana answer; Bert skips who coordinates, Chris changes an answer. Eva, who is
   * not in the case, and Bert's answer of 10,000 characters change nothing.
   */
  private void roundOne(String eva, JsonNode started) throws Exception {
    c.answer(c.bert, 1, ROUND_ONE.get("Bert"));
    c.api.awaitKring(c.room, c.bert, "je antwoorden zijn bewaard");
    tooLongAnswersChangeNothing();
    outsidersCannotAnswer(eva, started);

    c.answer(c.chris, 1, ROUND_ONE.get("Chris"));
    JsonNode again = c.openForm(c.chris, 1);
    assertThat(input(again, "q.info-in-time").path("value").asString()).isEqualTo("2");
    assertThat(input(again, "q.keep").path("value").asString()).isEqualTo(KEEP_CHRIS);
    JsonNode changed =
        c.api.fill(
            c.room, c.chris, again, PlaygroundReflectionCase.inputs(Map.of("info-in-time", "4")));
    assertThat(changed.at("/outcome/closeForm").asBoolean()).isTrue();
    assertThat(input(c.openForm(c.chris, 1), "q.info-in-time").path("value").asString())
        .isEqualTo("4");

    c.answer(c.dana, 1, ROUND_ONE.get("Dana"));
  }

  /**
   * An answer over the playground's own limit is refused with a sentence, one over the question's
   * limit comes back in the form with the error at the answer; Bert's saved answers stay.
   */
  private void tooLongAnswersChangeNothing() throws Exception {
    JsonNode form = c.openForm(c.bert, 1);
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonNode input : form.at("/outcome/form/inputs")) {
      values.put(input.path("name").asString(), input.path("value").asString(""));
    }
    form.at("/outcome/form/hidden")
        .properties()
        .forEach(e -> values.put(e.getKey(), e.getValue().asString()));

    values.put("q.keep", "x".repeat(10_000));
    HttpResponse<String> huge = submit(c.bert, form, values);
    assertThat(huge.statusCode()).as(huge.body()).isEqualTo(400);
    assertThat(huge.body()).contains("Een antwoord mag hoogstens 4.000 tekens lang zijn.");

    values.put("q.keep", "x".repeat(600));
    HttpResponse<String> tooLong = submit(c.bert, form, values);
    assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(200);
    JsonNode shown = tools.jackson.databind.json.JsonMapper.shared().readTree(tooLong.body());
    assertThat(input(shown, "q.keep").path("error").asString())
        .isEqualTo("Hou het onder 500 tekens (nu 600).");

    JsonNode saved = c.openForm(c.bert, 1);
    assertThat(input(saved, "q.keep").path("value").asString()).isEqualTo(KEEP_BERT);
    assertThat(input(saved, "q.info-in-time").path("value").asString()).isEqualTo("2");
  }

  /** Eva presses the channel's answer button and sends Bert's form as her own: both refused. */
  private void outsidersCannotAnswer(String eva, JsonNode started) throws Exception {
    JsonNode pressed = c.api.press(c.room, eva, started, ANSWER);
    assertThat(pressed.at("/outcome/form").isNull()).as(pressed.toString()).isTrue();
    JsonNode refusal = c.api.awaitKring(c.room, eva, "Alleen partners van deze casus kunnen dat");
    assertThat(refusal.path("visibleTo").asString()).isEqualTo(eva);

    JsonNode bertsForm = c.openForm(c.bert, 1);
    JsonNode forged =
        c.api.fill(
            c.room, eva, bertsForm, PlaygroundReflectionCase.inputs(Map.of("info-in-time", "1")));
    assertThat(forged.at("/outcome/form").isNull()).as(forged.toString()).isTrue();
    assertThat(input(c.openForm(c.bert, 1), "q.info-in-time").path("value").asString())
        .isEqualTo("2");
  }

  private void assertRoundOne(JsonNode summary) throws Exception {
    Map<String, String> fields = fields(summary);
    String text = summary.toString();
    assertThat(text)
        .contains("3 van de 4 partners deden mee.")
        .contains("Communicatie: 3,0 op 5")
        .contains("Gedeelde visie en doel: 4,3 op 5")
        .contains("Vertrouwen: 4,0 op 5")
        .contains("Elkaars werk kennen: 2,3 op 5")
        .doesNotContain("Anna", "Bert", "Chris", "Dana", ROUND_ONE.get("Bert").get("change"));
    // Chris's changed answer counts, his first one does not.
    assertThat(fields)
        .containsEntry(
            "Ik kreeg van de anderen de informatie die ik nodig had, op tijd.",
            "1: 0 · 2: 1 · 3: 1 · 4: 1 · 5: 0 (gemiddeld 3,0)")
        .containsEntry(
            "Is het duidelijk wie nu de regie heeft in deze casus?",
            "2 antwoorden: te weinig om te tonen zonder te verraden wie wat zei.")
        .containsEntry(
            "Welke ene zaak zou jij veranderen?",
            "2 antwoorden: te weinig om te tonen zonder te verraden wie wat zei.");
    assertThat(lines(fields.get("Wat ging goed en willen we behouden?")))
        .containsExactlyInAnyOrder(
            "“" + KEEP_BERT + "”", "“" + KEEP_CHRIS + "”", "“" + KEEP_DANA + "”");
    assertThat(text).contains("Verloop over 1 ronde");
    assertThat(blocks(summary, "chart")).isEmpty();
    for (String person : c.everyone()) {
      assertThat(c.summary(person, 1).path("seq")).isEqualTo(summary.path("seq"));
    }
    HttpResponse<byte[]> noChart = c.api.getBytes(chartPath(summary, c.bert));
    assertThat(noChart.statusCode()).isEqualTo(404);
  }

  /** Chris presses his invitation of the closed round, then sends the form he had open. */
  private void lateAnswersAreRefused() throws Exception {
    JsonNode pressed = c.api.press(c.room, c.chris, c.invitation(c.chris, 1), ANSWER);
    assertThat(pressed.at("/outcome/form").isNull()).as(pressed.toString()).isTrue();
    JsonNode refusal =
        c.api.awaitKring(c.room, c.chris, "Reflectieronde 1 is afgesloten, dus je antwoorden");
    assertThat(refusal.path("visibleTo").asString()).isEqualTo(c.chris);
  }

  /** Everyone answers; Anna last, signing her written answers. */
  private void roundTwo() throws Exception {
    c.answer(c.bert, 2, ROUND_TWO.get("Bert"));
    c.answer(c.chris, 2, ROUND_TWO.get("Chris"));
    c.answer(c.dana, 2, ROUND_TWO.get("Dana"));
    c.answer(c.anna, 2, ROUND_TWO.get("Anna"));
  }

  private void assertRoundTwo(JsonNode summary) throws Exception {
    Map<String, String> fields = fields(summary);
    String text = summary.toString();
    assertThat(text)
        .contains("4 van de 4 partners deden mee.")
        .contains("Communicatie: 4,5 op 5")
        .contains("Rollen en verantwoordelijkheden: 4,0 op 5")
        .contains("Verloop over 2 rondes")
        .doesNotContain("Bert", "Chris", "Dana");
    assertThat(lines(fields.get("Wat ging goed en willen we behouden?")))
        .containsExactlyInAnyOrder(
            "“" + ROUND_TWO.get("Bert").get("keep") + "”",
            "“" + ROUND_TWO.get("Chris").get("keep") + "”",
            "“" + ROUND_TWO.get("Dana").get("keep") + "”",
            "“" + ANNA_SIGNED + "” — Anna");
    assertThat(text.split("Anna", -1)).as("Anna's name only at her signed answer").hasSize(2);
    assertThat(fields)
        .containsEntry("Welke ene zaak zou jij veranderen?", "Niemand beantwoordde deze vraag.")
        // The trend of each theme as text: a character per round, · where a round had no score.
        .containsEntry("Communicatie", "▅▇  4,5")
        .containsEntry("Gedeelde visie en doel", "▇█  5,0")
        .containsEntry("Rollen en verantwoordelijkheden", "·▆  4,0")
        .containsEntry("Vertrouwen", "▆▅  3,5")
        .containsEntry("Elkaars werk kennen", "▃▅  3,0");
  }

  /** The picture of the second summary's chart, served to a partner, draws the rounds' scores. */
  private void assertChartServed(JsonNode second, JsonNode first) throws Exception {
    Chart expected =
        new Chart(
            blocks(second, "chart").get(0).path("title").asString(),
            "alt",
            List.of("ronde 1", "ronde 2"),
            List.of(
                new Chart.Series("Communicatie", List.of(3.0, 4.5)),
                new Chart.Series("Gedeelde visie en doel", List.of(13.0 / 3, 5.0)),
                new Chart.Series("Rollen en verantwoordelijkheden", nullThen(4.0)),
                new Chart.Series("Vertrouwen", List.of(4.0, 3.5)),
                new Chart.Series("Elkaars werk kennen", List.of(7.0 / 3, 3.0))));
    JsonNode chart = blocks(second, "chart").get(0);
    assertThat(chart.path("title").asString()).startsWith("Verloop per thema, casus K-");
    assertThat(chart.path("alt").asString()).contains("de laatste 2 rondes");

    HttpResponse<byte[]> served = c.api.getBytes(chartPath(second, c.dana));
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(served.body()));
    assertThat(picture).as("a PNG that decodes").isNotNull();
    assertThat(colours(picture)).as("colours in the picture").hasSizeGreaterThan(5);
    ChartPixels.assertDraws(picture, expected);

    // The first summary's number with the second's picture: there is no such picture.
    assertThat(c.api.getBytes(chartPath(first, c.dana)).statusCode()).isEqualTo(404);
  }

  private static List<Double> nullThen(double value) {
    List<Double> values = new ArrayList<>();
    values.add(null);
    values.add(value);
    return values;
  }

  private String chartPath(JsonNode entry, String person) {
    return "/rooms/"
        + c.room
        + "/timeline/"
        + entry.path("seq").asLong()
        + "/chart.png?personId="
        + person;
  }

  private HttpResponse<String> submit(String person, JsonNode opened, Map<String, String> values)
      throws Exception {
    return c.api.tryPost(
        "/rooms/" + c.room + "/submissions",
        Map.of(
            "personId",
            person,
            "formId",
            opened.at("/outcome/form/id").asString(),
            "values",
            values));
  }

  private static JsonNode input(JsonNode opened, String name) {
    for (JsonNode input : opened.at("/outcome/form/inputs")) {
      if (input.path("name").asString().equals(name)) {
        return input;
      }
    }
    throw new AssertionError("No input " + name + " in " + opened);
  }

  private static List<JsonNode> blocks(JsonNode entry, String type) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode block : entry.at("/reply/blocks")) {
      if (block.path("type").asString().equals(type)) {
        found.add(block);
      }
    }
    return found;
  }

  private static Map<String, String> fields(JsonNode entry) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (JsonNode block : blocks(entry, "fields")) {
      for (JsonNode field : block.path("fields")) {
        fields.put(field.path("label").asString(), field.path("value").asString());
      }
    }
    return fields;
  }

  private static List<String> lines(String value) {
    assertThat(value).isNotNull();
    return List.of(value.split("\n"));
  }

  private static Set<Integer> colours(BufferedImage picture) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < picture.getHeight(); y += 2) {
      for (int x = 0; x < picture.getWidth(); x += 2) {
        colours.add(picture.getRGB(x, y));
      }
    }
    return colours;
  }
}
