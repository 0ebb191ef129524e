package kring.playground;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads request bodies strictly and within a size limit, and writes JSON answers, both with the
 * playground's own mapper (the application's mapper does not know the reply model's block types).
 */
final class JsonBodies {

  /** The largest request body accepted. */
  static final int MAX_BYTES = 16 * 1024;

  private final JsonMapper strict =
      PlaygroundJson.mapper()
          .rebuild()
          .enable(
              DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
              DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
              DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
              DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              text ->
                  text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  <T> T read(InputStream body, Class<T> type) {
    byte[] bytes;
    try {
      bytes = body.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw RequestRejected.badRequest("The request could not be read. Please try again.");
    }
    if (bytes.length > MAX_BYTES) {
      throw RequestRejected.tooLarge("That request is too large for the playground.");
    }
    try {
      return strict.readValue(bytes, type);
    } catch (JacksonException e) {
      throw RequestRejected.badRequest(
          "That request is not what the playground expects. Please reload the page.");
    }
  }

  static ResponseEntity<byte[]> answer(HttpStatusCode status, Object body) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(PlaygroundJson.mapper().writeValueAsBytes(body));
  }
}
