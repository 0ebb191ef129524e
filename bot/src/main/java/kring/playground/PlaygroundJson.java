package kring.playground;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import kring.core.reply.Block;
import kring.core.reply.Buttons;
import kring.core.reply.Fields;
import kring.core.reply.Text;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper the playground stores and serves with. It is the one place to switch to the
 * application's shared mapper once there is one; the core stays free of Jackson annotations, so the
 * block type names are attached here.
 */
final class PlaygroundJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addMixIn(Block.class, BlockTypes.class)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private PlaygroundJson() {}

  static JsonMapper mapper() {
    return MAPPER;
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Text.class, name = "text"),
    @JsonSubTypes.Type(value = Fields.class, name = "fields"),
    @JsonSubTypes.Type(value = Buttons.class, name = "buttons")
  })
  private interface BlockTypes {}
}
