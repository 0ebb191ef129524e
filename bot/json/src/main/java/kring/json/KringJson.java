package kring.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import kring.core.cases.AuditEvent;
import kring.core.cases.CaseCode;
import kring.core.cases.Initials;
import kring.core.reply.Block;
import kring.core.reply.Buttons;
import kring.core.reply.Chart;
import kring.core.reply.Document;
import kring.core.reply.Fields;
import kring.core.reply.Text;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for Kring's records. The core carries no Jackson annotations, so everything the
 * mapping needs beyond plain records (the {@code "type"} of a reply block, codes written as plain
 * strings) is added here through mix-ins.
 */
public final class KringJson {

  private static final JsonMapper MAPPER = builder().build();

  private KringJson() {}

  /** The shared, thread-safe mapper. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** A builder preset like {@link #mapper()}, for a caller that must add to it. */
  public static JsonMapper.Builder builder() {
    return JsonMapper.builder()
        // Records are mapped by their components only; a derived is-method such as
        // Recipient.isPrivate() would otherwise be written as a property and refused on reading.
        .changeDefaultVisibility(v -> v.withIsGetterVisibility(Visibility.NONE))
        // What we read comes from our own storage or from outside: a property we do not know, a
        // missing one or a repeated key means the writer spoke another shape, never "ignore it".
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .addMixIn(Block.class, BlockMixin.class)
        .addMixIn(CaseCode.class, CaseCodeMixin.class)
        .addMixIn(Initials.class, InitialsMixin.class)
        .addMixIn(AuditEvent.class, AuditEventMixin.class);
  }

  /**
   * The mix-in that names each kind of reply block by its {@code "type"}, for a mapper of another
   * preset that reads and writes replies the same way (the playground's).
   */
  public static Class<?> blockTypes() {
    return BlockMixin.class;
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Text.class, name = "text"),
    @JsonSubTypes.Type(value = Fields.class, name = "fields"),
    @JsonSubTypes.Type(value = Buttons.class, name = "buttons"),
    @JsonSubTypes.Type(value = Chart.class, name = "chart"),
    @JsonSubTypes.Type(value = Document.class, name = "document")
  })
  private interface BlockMixin {}

  private abstract static class CaseCodeMixin {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    CaseCodeMixin(String value) {}

    @JsonValue
    abstract String value();
  }

  private abstract static class InitialsMixin {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    InitialsMixin(String value) {}

    @JsonValue
    abstract String value();
  }

  /** An audit event is stored as the text Kring always wrote for it ("case-closed"). */
  private abstract static class AuditEventMixin {
    @JsonCreator
    static AuditEvent ofStored(String stored) {
      return AuditEvent.ofStored(stored);
    }

    @JsonValue
    abstract String stored();
  }
}
