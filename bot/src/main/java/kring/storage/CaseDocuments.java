package kring.storage;

import java.util.Map;
import java.util.function.UnaryOperator;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of a case: a JSON document plus the schema it was written in. Reading upgrades an
 * older document one schema at a time before it becomes a {@link Case}, so a change to the case's
 * shape ships with the step that brings old documents along.
 */
final class CaseDocuments {

  /** The schema this Kring writes. */
  static final int SCHEMA = 7;

  /**
   * The steps that bring an older document to the current schema, by the schema they start from.
   * Schema 2 added the pause a coordinator can put a case on; a schema 1 case was never paused.
   * Schema 3 added when a partner became unreachable; before, nobody was marked. Schema 4 added the
   * case's schedule settings and its activity (update marks, feedback requests, check-ins); a
   * schema 3 case had Kring's default settings and no activity. Schema 5 added the reflection
   * rounds; a schema 4 case had held none. Schema 6 added when a partner left the case and the
   * handover notes they wrote, a represented person's voice, and the consent register; before,
   * nobody had left (a partner was simply never removed), no voice and no consent was recorded.
   * Schema 7 added the improvements an agreement version lists and the known transitions in the
   * schedule settings; before, no version listed improvements and no transition was recorded.
   */
  static final Map<Integer, UnaryOperator<ObjectNode>> UPGRADES =
      Map.of(
          6,
          document -> {
            for (JsonNode agreement : document.path("agreements")) {
              if (agreement instanceof ObjectNode object) {
                object.putArray("improvements");
              }
            }
            if (document.path("settings") instanceof ObjectNode settings) {
              settings.putArray("transitions");
            }
            return document;
          },
          5,
          document -> {
            for (JsonNode partner : document.path("partners")) {
              if (partner instanceof ObjectNode object) {
                object.putNull("leftAt");
                object.putNull("voice");
              }
            }
            if (document.path("activity") instanceof ObjectNode activity) {
              activity.putArray("handovers");
            }
            document.putObject("consents").putArray("records");
            return document;
          },
          4,
          document -> {
            document.putArray("reflections");
            return document;
          },
          1,
          document -> {
            document.putNull("pause");
            return document;
          },
          2,
          document -> {
            for (JsonNode partner : document.path("partners")) {
              if (partner instanceof ObjectNode object) {
                object.putNull("unreachableSince");
              }
            }
            return document;
          },
          3,
          document -> {
            ObjectNode settings = document.putObject("settings");
            settings.putObject("hours").put("start", "08:00:00").put("end", "17:00:00");
            settings.put("holidaysSkipped", true);
            settings.putArray("freeDays");
            settings.putNull("cadence");
            ObjectNode activity = document.putObject("activity");
            activity.putArray("updates");
            activity.putArray("feedback");
            activity.putArray("checkIns");
            return document;
          });

  private final JsonMapper json;
  private final int current;
  private final Map<Integer, UnaryOperator<ObjectNode>> upgrades;

  CaseDocuments(JsonMapper json) {
    this(json, SCHEMA, UPGRADES);
  }

  /**
   * @param current the schema this instance writes and reads up to
   * @param upgrades by schema version n, the step that turns a document of schema n into n + 1
   */
  CaseDocuments(JsonMapper json, int current, Map<Integer, UnaryOperator<ObjectNode>> upgrades) {
    this.json = json;
    this.current = current;
    this.upgrades = Map.copyOf(upgrades);
    for (int version = 1; version < current; version++) {
      if (!this.upgrades.containsKey(version)) {
        throw new IllegalArgumentException("No upgrade from case schema " + version);
      }
    }
  }

  int schema() {
    return current;
  }

  /** The document of a case; its revision is not part of it, the record keeps that beside it. */
  String write(Case aCase) {
    ObjectNode document = json.valueToTree(aCase);
    document.remove("revision");
    return json.writeValueAsString(document);
  }

  /**
   * The case a stored document describes, at the stored revision.
   *
   * @throws UnreadableRecord when the document is from a newer Kring or does not describe a case
   */
  Case read(CaseCode code, String schema, String revision, String document) {
    String record = "case " + code;
    int version = Schemas.version(record, schema, current);
    try {
      JsonNode tree = json.readTree(document);
      if (!(tree instanceof ObjectNode object)) {
        throw new UnreadableRecord("The " + record + " in Redis is not a JSON object");
      }
      for (int from = version; from < current; from++) {
        object = upgrades.get(from).apply(object);
      }
      object.put("revision", Long.parseLong(revision));
      Case read = json.treeToValue(object, Case.class);
      if (!read.code().equals(code)) {
        throw new UnreadableRecord("The " + record + " in Redis holds case " + read.code());
      }
      return read;
    } catch (JacksonException | IllegalArgumentException e) {
      throw new UnreadableRecord(
          "The " + record + " in Redis does not match schema " + current + ": " + e.getMessage(),
          e);
    }
  }
}
