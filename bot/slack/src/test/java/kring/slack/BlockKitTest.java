package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kring.core.reply.Block;
import kring.core.reply.Buttons;
import kring.core.reply.Fields;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.reply.Text;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Block Kit Kring sends, compared with golden files. To write them anew after a deliberate
 * change, run with {@code -Dkring.golden.write=bot/slack/src/test/resources/kring/slack} and review
 * the difference.
 */
class BlockKitTest {

  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  static Reply card() {
    return Reply.builder()
        .heading("Wie doet wat — K-7F3Q")
        .text("Anna & Bert werken samen <rond> AB.")
        .field("Anna", "Zorgcoördinator, School")
        .field("Bert", "CLB-medewerker, CLB Noord")
        .note("Kring bewaart geen namen van leerlingen.")
        .warning("Nog niet iedereen bevestigde versie 2.")
        .primary("Bevestigen", "agreement.confirm", "K-7F3Q:2")
        .button("Lezen", "agreement.read", "K-7F3Q:2")
        .build();
  }

  static Form goalForm() {
    return new Form(
        "agreement.goal",
        "Gedeeld doel voor deze casus",
        "Wat willen jullie samen bereiken?",
        List.of(
            new Form.Input(
                "goal", "Doel", Form.Kind.LONG_TEXT, true, 1000, List.of(), "", "Kort.", null),
            new Form.Input(
                "level",
                "Samenwerking",
                Form.Kind.CHOICE,
                true,
                0,
                List.of(
                    new Form.Option("contact", "Contact"),
                    new Form.Option("collaboration", "Samenwerking")),
                "collaboration",
                "",
                null),
            new Form.Input("weeks", "Weken", Form.Kind.NUMBER, false, 0, List.of(), "4", "", null),
            new Form.Input(
                "org", "Organisatie", Form.Kind.TEXT, false, 80, List.of(), "School", "", null)),
        "Voorstellen",
        Map.of("case", "K-7F3Q", "base", "1"));
  }

  @Test
  void aCardRendersAsBlockKit() throws IOException {
    assertGolden("card.json", BlockKit.message(card()));
  }

  @Test
  void aChartIsNoBlockOfTheMessageBecauseItIsUploadedAfterIt() {
    Reply withChart = Reply.builder().blocks(card().blocks()).chart(Samples.trendChart()).build();

    assertThat(BlockKit.message(withChart)).isEqualTo(BlockKit.message(card()));
  }

  @Test
  void aFormRendersAsAModal() throws IOException {
    Form form = goalForm();
    assertGolden(
        "goal-modal.json", BlockKit.modal(form, ModalMetadata.of("C0KRING", form).write()));
  }

  @Test
  void aShortMultipleChoiceRendersAsCheckboxesAndALongOneAsAMultiSelect() throws IOException {
    Form form = Samples.multipleChoiceForm();
    assertGolden(
        "consent-modal.json", BlockKit.modal(form, ModalMetadata.of("C0KRING", form).write()));
  }

  @Test
  void aMultipleChoiceComesBackAsItsValuesJoinedByCommas() {
    ModalMetadata metadata = ModalMetadata.of("C0KRING", Samples.multipleChoiceForm());
    com.slack.api.model.view.ViewState.Value ticked =
        new com.slack.api.model.view.ViewState.Value();
    com.slack.api.model.view.ViewState.SelectedOption health =
        new com.slack.api.model.view.ViewState.SelectedOption();
    health.setValue("health");
    com.slack.api.model.view.ViewState.SelectedOption justice =
        new com.slack.api.model.view.ViewState.SelectedOption();
    justice.setValue("justice");
    ticked.setSelectedOptions(List.of(health, justice));
    com.slack.api.model.view.ViewState.Value none = new com.slack.api.model.view.ViewState.Value();
    none.setSelectedOptions(List.of());
    com.slack.api.model.view.ViewState state = new com.slack.api.model.view.ViewState();
    state.setValues(
        Map.of(
            "kinds", Map.of(ModalMetadata.VALUE, ticked),
            "towards", Map.of(ModalMetadata.VALUE, none)));

    assertThat(metadata.values(state))
        .containsEntry("kinds", "health,justice")
        .containsEntry("towards", "");
  }

  @Test
  void aFormShownAgainCarriesItsErrorsByInput() {
    Form shown =
        goalForm().withErrors(Map.of("goal", ""), Map.of("goal", "Vul dit in, alsjeblieft."));

    assertThat(BlockKit.errors(shown))
        .containsExactly(Map.entry("goal", "Vul dit in, alsjeblieft."));
  }

  @Test
  void anOverlongReplyIsCutToSlacksLimitsInsteadOfFailing() throws IOException {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Text("H".repeat(400), Text.Style.HEADING));
    blocks.add(new Text("P".repeat(5000), Text.Style.PLAIN));
    blocks.add(new Text("N".repeat(2500), Text.Style.NOTE));
    List<Fields.Field> fields = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      fields.add(new Fields.Field("L" + i, "V".repeat(2500)));
    }
    blocks.add(new Fields(fields));
    List<Buttons.Button> buttons = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      buttons.add(new Buttons.Button("B".repeat(100), "a.b", "v".repeat(2100), i == 0));
    }
    blocks.add(new Buttons(buttons));
    for (int i = 0; i < 60; i++) {
      blocks.add(new Text("line " + i, Text.Style.PLAIN));
    }

    JsonNode rendered = BlockKit.message(new Reply(blocks));

    assertThat(rendered.size()).isEqualTo(50);
    assertThat(rendered.get(0).path("text").path("text").asString()).hasSize(150).endsWith("…");
    assertThat(rendered.get(1).path("text").path("text").asString()).hasSize(3000);
    assertThat(rendered.get(2).path("elements").get(0).path("text").asString()).hasSize(2000);
    assertThat(rendered.get(3).path("fields").size()).isEqualTo(10);
    assertThat(rendered.get(4).path("fields").size()).isEqualTo(2);
    for (JsonNode field : rendered.get(3).path("fields")) {
      assertThat(field.path("text").asString().length()).isLessThanOrEqualTo(2000);
    }
    assertThat(rendered.get(5).path("elements").size()).isEqualTo(25);
    assertThat(rendered.get(6).path("elements").size()).isEqualTo(5);
    JsonNode button = rendered.get(5).path("elements").get(0);
    assertThat(button.path("text").path("text").asString()).hasSize(75);
    assertThat(button.path("value").asString()).hasSize(2000);
    assertThat(rendered.get(49).path("type").asString()).isEqualTo("context");
  }

  @Test
  void anOverlongFormIsCutToSlacksLimits() {
    List<Form.Option> options = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      options.add(new Form.Option("o" + i, "O".repeat(90)));
    }
    List<Form.Input> inputs = new ArrayList<>();
    inputs.add(
        new Form.Input("pick", "Kies", Form.Kind.CHOICE, true, 0, options, "o149", "", null));
    for (int i = 0; i < 120; i++) {
      inputs.add(
          new Form.Input("t" + i, "T", Form.Kind.TEXT, false, 9000, List.of(), "", "", null));
    }
    Form form = new Form("f", "T".repeat(40), "", inputs, "S".repeat(40), Map.of());

    JsonNode modal = BlockKit.modal(form, "{}");

    assertThat(modal.path("title").path("text").asString()).hasSize(24);
    assertThat(modal.path("submit").path("text").asString()).hasSize(24);
    assertThat(modal.path("blocks").size()).isEqualTo(100);
    JsonNode select = modal.path("blocks").get(0).path("element");
    assertThat(select.path("options").size()).isEqualTo(100);
    assertThat(select.path("options").get(0).path("text").path("text").asString()).hasSize(75);
    assertThat(select.has("initial_option")).isFalse();
    assertThat(modal.path("blocks").get(1).path("element").path("max_length").asInt())
        .isEqualTo(3000);
  }

  @Test
  void aShortenedModalTitleKeepsItsCaseCode() {
    Form form =
        new Form("partner.join", "Vraag om aan te sluiten — K-45RZ", "", List.of(), "Ok", Map.of());

    String title = BlockKit.modal(form, "{}").path("title").path("text").asString();

    assertThat(title).hasSizeLessThanOrEqualTo(24).endsWith("K-45RZ").startsWith("Vraag om");
  }

  @Test
  void cuttingNeverSplitsAnEmoji() {
    String cut = BlockKit.cut("ab😀😀😀", 4);
    assertThat(cut).isEqualTo("ab…");
  }

  @Test
  void aButtonsPositionIsNotPartOfItsAction() {
    assertThat(BlockKit.action("agreement.confirm|3")).isEqualTo("agreement.confirm");
    assertThat(BlockKit.action("plain")).isEqualTo("plain");
  }

  static void assertGolden(String name, JsonNode rendered) throws IOException {
    String actual = PRETTY.writeValueAsString(rendered) + "\n";
    String writeTo = System.getProperty("kring.golden.write");
    if (writeTo != null) {
      Files.writeString(Path.of(writeTo, name), actual, StandardCharsets.UTF_8);
    }
    try (InputStream golden = BlockKitTest.class.getResourceAsStream(name)) {
      assertThat(golden).as("golden file " + name).isNotNull();
      JsonNode expected = PRETTY.readTree(golden);
      assertThat(rendered).as(name).isEqualTo(expected);
    }
  }
}
