package kring.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Lifecycle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of a case: a JSON document plus the schema it was written in, compressed from
 * schema 9 on, in the flat shape of {@link CaseDocument}. Reading upgrades an older document one
 * schema at a time before it becomes a {@link Case}, so a change to the case's shape ships with the
 * step that brings old documents along. This is the one place that knows how a document is stored.
 */
final class CaseDocuments {

  /** The schema this Kring writes. */
  static final int SCHEMA = 11;

  /**
   * From this schema on, a document is stored compressed: its JSON (UTF-8) in the zlib format (RFC
   * 1950: DEFLATE with an Adler-32 checksum) with {@link #DICTIONARY_RESOURCE} as the preset
   * dictionary. Before, it was stored as plain JSON text.
   */
  static final int COMPRESSED_SINCE = 9;

  /**
   * The preset dictionary of the compressed schemas: the JSON of two made-up cases in the shape of
   * schema 9 with every free text left empty (field names, enum values, audit events, question
   * ids), so that even a small document compresses well. It is part of the stored form and never
   * changes; another dictionary would be another schema. The zlib format names the dictionary by
   * its checksum, so a document is never inflated with the wrong one.
   */
  static final String DICTIONARY_RESOURCE = "case-schema-9.dictionary";

  private static final byte[] DICTIONARY = dictionary();

  /** More than any case holds: a stored document that inflates beyond this is refused. */
  private static final int MOST_INFLATED = 16 * 1024 * 1024;

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
   * nothing, no consent either, for a newcomer to inherit. Schema 9 stores the same document
   * compressed ({@link #COMPRESSED_SINCE}) instead of as plain text: its step changes nothing in
   * the document. Schema 10 keeps how and when a case closed ({@code closure}) and the latest
   * proposal to erase it ({@code erasure}) as fields of their own; before, both were read from the
   * audit trail. Its step works them out once from the trail a schema 9 document holds ({@link
   * #recordLifecycle}); from then on nothing reads them from the trail again. Schema 11 added the
   * goal a representative writes in plain words for the person they represent ({@code familyGoal}
   * of a partner) and the consents a represented person said no to on their page ({@code
   * familyNo}); before, no page showed a goal and no one said no there.
   */
  static final Map<Integer, UnaryOperator<ObjectNode>> UPGRADES =
      Map.of(
          10,
          document -> {
            for (JsonNode partner : document.path("partners")) {
              if (partner instanceof ObjectNode object) {
                object.putNull("familyGoal");
                object.putArray("familyNo");
              }
            }
            return document;
          },
          9,
          CaseDocuments::recordLifecycle,
          8,
          UnaryOperator.identity(),
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

  /** The audit events that closed a case, by the closure they stand for. */
  private static final Map<String, Lifecycle.Closure.Reason> CLOSINGS =
      Map.of(
          AuditEvent.CASE_CLOSED.stored(), Lifecycle.Closure.Reason.COORDINATOR,
          AuditEvent.CASE_CLOSED_FINAL.stored(), Lifecycle.Closure.Reason.FINAL_EVALUATION,
          AuditEvent.CASE_CLOSED_INACTIVE.stored(), Lifecycle.Closure.Reason.INACTIVITY,
          AuditEvent.ERASURE_CONFIRMED.stored(), Lifecycle.Closure.Reason.ERASURE);

  /**
   * The upgrade of a schema 9 document: its closure and its erasure proposal, worked out once from
   * the audit lines it still keeps, as the schema 9 Kring read them. A closed case closed with its
   * last closing line (closed, closed by the final evaluation or for inactivity, erasure
   * confirmed); a closed case whose trail keeps none closed at a moment nobody knows any more. The
   * erasure proposal is the last "erasure-proposed" line, confirmed by the last "erasure-confirmed"
   * line after it, if any.
   */
  static ObjectNode recordLifecycle(ObjectNode document) {
    JsonNode closing = null;
    JsonNode proposed = null;
    JsonNode confirmed = null;
    for (JsonNode line : document.path("audit")) {
      String event = line.path("event").asString("");
      if (CLOSINGS.containsKey(event)) {
        closing = line;
      }
      if (event.equals(AuditEvent.ERASURE_PROPOSED.stored())) {
        proposed = line;
        confirmed = null;
      } else if (event.equals(AuditEvent.ERASURE_CONFIRMED.stored()) && proposed != null) {
        confirmed = line;
      }
    }
    if (!CaseStatus.CLOSED.name().equals(document.path("status").asString(""))) {
      document.putNull("closure");
    } else if (closing == null) {
      document.putObject("closure").putNull("at").put("reason", "UNRECORDED");
    } else {
      ObjectNode closure = document.putObject("closure");
      closure.set("at", closing.path("at"));
      closure.put("reason", CLOSINGS.get(closing.path("event").asString()).name());
    }
    if (proposed == null) {
      document.putNull("erasure");
    } else {
      ObjectNode erasure = document.putObject("erasure");
      erasure.set("proposedAt", proposed.path("at"));
      erasure.set("proposedBySeq", proposed.path("actorSeq"));
      if (confirmed == null) {
        erasure.putNull("confirmedAt").put("confirmedBySeq", 0);
      } else {
        erasure.set("confirmedAt", confirmed.path("at"));
        erasure.set("confirmedBySeq", confirmed.path("actorSeq"));
      }
    }
    return document;
  }

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

  /**
   * The stored document of a case, in the current schema; its revision is not part of it, the
   * record keeps that beside it.
   */
  byte[] write(Case aCase) {
    return stored(json(aCase));
  }

  /** The JSON of a case's document, without its revision. */
  String json(Case aCase) {
    ObjectNode document = json.valueToTree(CaseDocument.of(aCase));
    document.remove("revision");
    return json.writeValueAsString(document);
  }

  /** A document's JSON in the stored form of the current schema. */
  byte[] stored(String document) {
    byte[] text = document.getBytes(StandardCharsets.UTF_8);
    if (current < COMPRESSED_SINCE) {
      return text;
    }
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      deflater.setDictionary(DICTIONARY);
      deflater.setInput(text);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 4 + 64);
      byte[] buffer = new byte[4096];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * The JSON text of a stored document as it was written, in its own schema (not upgraded): for an
   * operator or a test to read what Redis holds.
   *
   * @throws UnreadableRecord when the document is from a newer Kring or cannot be inflated
   */
  String text(CaseCode code, String schema, byte[] stored) {
    String record = "case " + code;
    int version = Schemas.version(record, schema, current);
    if (version < COMPRESSED_SINCE) {
      return new String(stored, StandardCharsets.UTF_8);
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(stored);
      ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 6);
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int inflated = inflater.inflate(buffer);
        if (inflated == 0 && inflater.needsDictionary()) {
          inflater.setDictionary(DICTIONARY);
        } else if (inflated == 0 && inflater.needsInput()) {
          throw new UnreadableRecord("The " + record + " in Redis is cut short");
        }
        out.write(buffer, 0, inflated);
        if (out.size() > MOST_INFLATED) {
          throw new UnreadableRecord("The " + record + " in Redis inflates beyond any case");
        }
      }
      if (inflater.getRemaining() > 0) {
        throw new UnreadableRecord("The " + record + " in Redis has bytes after its end");
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new UnreadableRecord(
          "The " + record + " in Redis is not a compressed document: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  /**
   * The case a stored document describes, at the stored revision.
   *
   * @throws UnreadableRecord when the document is from a newer Kring or does not describe a case
   */
  Case read(CaseCode code, String schema, String revision, byte[] stored) {
    String record = "case " + code;
    int version = Schemas.version(record, schema, current);
    String document = text(code, schema, stored);
    try {
      JsonNode tree = json.readTree(document);
      if (!(tree instanceof ObjectNode object)) {
        throw new UnreadableRecord("The " + record + " in Redis is not a JSON object");
      }
      for (int from = version; from < current; from++) {
        object = upgrades.get(from).apply(object);
      }
      object.put("revision", Long.parseLong(revision));
      Case read = json.treeToValue(object, CaseDocument.class).toCase();
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

  /** A plain JSON document of a schema before {@link #COMPRESSED_SINCE}, as older Krings wrote. */
  Case read(CaseCode code, String schema, String revision, String document) {
    return read(code, schema, revision, document.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] dictionary() {
    try (InputStream in = CaseDocuments.class.getResourceAsStream(DICTIONARY_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Missing " + DICTIONARY_RESOURCE + " next to CaseDocuments");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + DICTIONARY_RESOURCE, e);
    }
  }
}
