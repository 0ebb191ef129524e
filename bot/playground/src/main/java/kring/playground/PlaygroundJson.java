package kring.playground;

import kring.core.reply.Block;
import kring.json.KringJson;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper the playground stores and serves with: lenient where Kring's own storage is
 * strict, but with the same names for the kinds of reply block ({@link KringJson#blockTypes()}).
 */
final class PlaygroundJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addMixIn(Block.class, KringJson.blockTypes())
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private PlaygroundJson() {}

  static JsonMapper mapper() {
    return MAPPER;
  }
}
