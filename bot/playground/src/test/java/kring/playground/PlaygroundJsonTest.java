package kring.playground;

import static org.assertj.core.api.Assertions.assertThat;

import kring.core.reply.Reply;
import org.junit.jupiter.api.Test;

class PlaygroundJsonTest {

  private static final Reply EVERY_BLOCK =
      Reply.builder()
          .heading("Case K-7F3Q")
          .note("Only agreements are kept.")
          .field("Goal", "Four school days a week")
          .primary("Confirm", "agreement.confirm", "K-7F3Q:2")
          .build();

  @Test
  void writesEachBlockWithItsTypeName() {
    String json = PlaygroundJson.mapper().writeValueAsString(EVERY_BLOCK);

    assertThat(json)
        .isEqualTo(
            """
            {"blocks":[\
            {"type":"text","text":"Case K-7F3Q","style":"HEADING"},\
            {"type":"text","text":"Only agreements are kept.","style":"NOTE"},\
            {"type":"fields","fields":[{"label":"Goal","value":"Four school days a week"}]},\
            {"type":"buttons","buttons":[{"label":"Confirm","action":"agreement.confirm",\
            "value":"K-7F3Q:2","primary":true}]}]}""");
  }

  @Test
  void readsBackWhatItWrote() {
    String json = PlaygroundJson.mapper().writeValueAsString(EVERY_BLOCK);

    assertThat(PlaygroundJson.mapper().readValue(json, Reply.class)).isEqualTo(EVERY_BLOCK);
  }
}
