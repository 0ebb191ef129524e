package kring.storage;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  static final int SCHEMA = 8;

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
   * Schema 8 added how many partner numbers the case gave out, so that a number is never given
   * twice; before, the next number was worked out from what the case still named, and a forgotten
   * partner's number could be given again. A schema 7 case gave out at least the highest number any
   * of its fields names ({@link #highestSeqNamed}); a number that nothing names any more leaves
   * nothing, no consent either, for a newcomer to inherit.
   */
  static final Map<Integer, UnaryOperator<ObjectNode>> UPGRADES =
      Map.of(
          7,
          document -> {
            document.put("seqsGiven", highestSeqNamed(document));
            return document;
          },
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

  /** A partner's handle as audit lines name it: P1, P2 … */
  private static final Pattern HANDLE = Pattern.compile("P([1-9][0-9]{0,8})");

  /**
   * The highest partner number a schema 7 document names anywhere: partners (also those who left)
   * and represented people's voices, the pause, agreements (tasks, coordinator, backup, proposer,
   * confirmations), update marks, feedback requests, check-in and reflection rounds, handover
   * notes, consent records (their recipients, who recorded and who withdrew them) and the audit
   * lines still kept (who acted, and the handles among their values).
   */
  static int highestSeqNamed(JsonNode document) {
    Highest seen = new Highest();
    for (JsonNode partner : document.path("partners")) {
      seen.number(partner.path("seq"));
      seen.number(partner.path("voice").path("recordedBySeq"));
    }
    seen.number(document.path("pause").path("bySeq"));
    for (JsonNode agreement : document.path("agreements")) {
      seen.number(agreement.path("coordinatorSeq"));
      seen.number(agreement.path("backupSeq"));
      seen.number(agreement.path("proposedBySeq"));
      agreement.path("tasks").forEach(task -> seen.number(task.path("partnerSeq")));
      agreement.path("confirmations").forEach(c -> seen.number(c.path("partnerSeq")));
    }
    JsonNode activity = document.path("activity");
    activity.path("updates").forEach(update -> seen.number(update.path("partnerSeq")));
    for (JsonNode feedback : activity.path("feedback")) {
      seen.number(feedback.path("fromSeq"));
      seen.numbers(feedback.path("addressed"));
      seen.numbers(feedback.path("answered"));
    }
    for (JsonNode round : activity.path("checkIns")) {
      seen.numbers(round.path("invited"));
      seen.numbers(round.path("skipped"));
      round.path("answers").forEach(answers -> seen.number(answers.path("partnerSeq")));
    }
    for (JsonNode handover : activity.path("handovers")) {
      seen.number(handover.path("fromSeq"));
      seen.numbers(handover.path("givenTo"));
    }
    for (JsonNode round : document.path("reflections")) {
      seen.number(round.path("startedBy"));
      seen.numbers(round.path("invited"));
      round.path("answers").forEach(answers -> seen.number(answers.path("partnerSeq")));
      seen.numbers(round.path("result").path("tookPart"));
    }
    for (JsonNode consent : document.path("consents").path("records")) {
      seen.numbers(consent.path("terms").path("towardsPartners"));
      seen.number(consent.path("recordedBySeq"));
      seen.number(consent.path("withdrawal").path("bySeq"));
    }
    for (JsonNode line : document.path("audit")) {
      seen.number(line.path("actorSeq"));
      line.path("args").forEach(seen::handle);
    }
    return seen.highest;
  }

  /** The highest partner number seen so far. */
  private static final class Highest {
    private int highest;

    void number(JsonNode node) {
      if (node.isIntegralNumber() && node.canConvertToInt()) {
        highest = Math.max(highest, node.intValue());
      }
    }

    void numbers(JsonNode array) {
      array.forEach(this::number);
    }

    void handle(JsonNode value) {
      if (value.isString()) {
        Matcher handle = HANDLE.matcher(value.stringValue());
        if (handle.matches()) {
          highest = Math.max(highest, Integer.parseInt(handle.group(1)));
        }
      }
    }
  }

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
