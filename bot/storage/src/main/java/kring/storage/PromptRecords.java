package kring.storage;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;
import kring.json.KringJson;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of a planned prompt, the value of its id in its case's hash of prompts. A prompt
 * id already names the case, the kind, the round and step and the person ({@link DuePrompt#of}), so
 * the value holds only what the id does not: when the prompt is due and, when its window is not the
 * kind's usual one, until when it is valid, each in epoch seconds (with milliseconds after a dot
 * when there are any): {@code 1788249600} or {@code 1788249600 1788336000}. A prompt whose id is
 * not made that way, or that its person asked for at its moment ("remind me tomorrow"), is stored
 * as the JSON of the whole prompt, which is also how every prompt was stored before; both are read.
 */
final class PromptRecords {

  private static final JsonMapper JSON = KringJson.mapper();

  /** An instant as stored: epoch seconds, and milliseconds when there are any. */
  private static final Pattern INSTANT = Pattern.compile("(\\d{1,12})(?:\\.(\\d{3}))?");

  /** What the third part of an id says: the round and the step, or only the step. */
  private static final Pattern STEP = Pattern.compile("(?:(\\d{1,18})\\.)?(\\d{1,9})");

  private PromptRecords() {}

  /** What to store for a prompt under its id. */
  static String write(DuePrompt prompt) {
    Optional<String> due = instant(prompt.dueAt());
    Optional<String> until = instant(prompt.validUntil());
    if (due.isEmpty()
        || until.isEmpty()
        || !ofId(prompt.id(), prompt.dueAt(), prompt.validUntil()).equals(Optional.of(prompt))) {
      return JSON.writeValueAsString(prompt);
    }
    return prompt.validUntil().equals(prompt.dueAt().plus(prompt.kind().validFor()))
        ? due.get()
        : due.get() + " " + until.get();
  }

  /**
   * The prompt stored under {@code id}, in either form.
   *
   * @throws UnreadableRecord when the value is neither
   */
  static DuePrompt read(String id, String stored) {
    if (stored.startsWith("{")) {
      try {
        // One written before prompts said whether their person asked for them: Kring planned it.
        JsonNode tree = JSON.readTree(stored);
        if (tree instanceof ObjectNode object && !object.has("asked")) {
          object.put("asked", false);
        }
        return JSON.treeToValue(tree, DuePrompt.class);
      } catch (JacksonException | IllegalArgumentException e) {
        throw unreadable(id, e.getMessage());
      }
    }
    String[] times = stored.split(" ", -1);
    if (times.length > 2) {
      throw unreadable(id, "more than two times");
    }
    Instant due = parse(id, times[0]);
    PromptKind kind = kind(id).orElseThrow(() -> unreadable(id, "an id that names no kind"));
    Instant until = times.length == 2 ? parse(id, times[1]) : due.plus(kind.validFor());
    try {
      return ofId(id, due, until).orElseThrow(() -> unreadable(id, "an id that names no prompt"));
    } catch (IllegalArgumentException e) {
      throw unreadable(id, e.getMessage());
    }
  }

  /** The prompt an id names, due and valid as given, if the id is one {@link DuePrompt#of} made. */
  private static Optional<DuePrompt> ofId(String id, Instant due, Instant until) {
    String[] parts = id.split("/", 4);
    Optional<PromptKind> kind = kind(id);
    if (parts.length != 4 || !CaseCode.isValid(parts[0]) || kind.isEmpty()) {
      return Optional.empty();
    }
    Matcher step = STEP.matcher(parts[2]);
    if (!step.matches()) {
      return Optional.empty();
    }
    UserRef person;
    try {
      person = UserRef.parse(parts[3]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    CaseCode code = new CaseCode(parts[0]);
    int number = Integer.parseInt(step.group(2));
    DuePrompt prompt =
        step.group(1) == null
            ? DuePrompt.of(code, kind.get(), person, number, due, until)
            : DuePrompt.of(
                code, kind.get(), person, Long.parseLong(step.group(1)), number, due, until);
    return prompt.id().equals(id) ? Optional.of(prompt) : Optional.empty();
  }

  private static Optional<PromptKind> kind(String id) {
    String[] parts = id.split("/", 4);
    if (parts.length != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(PromptKind.valueOf(parts[1].toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** An instant as stored, or empty when it has more than milliseconds or is before 1970. */
  private static Optional<String> instant(Instant at) {
    if (at.getEpochSecond() < 0 || at.getNano() % 1_000_000 != 0) {
      return Optional.empty();
    }
    int millis = at.getNano() / 1_000_000;
    return Optional.of(
        millis == 0
            ? String.valueOf(at.getEpochSecond())
            : String.format(Locale.ROOT, "%d.%03d", at.getEpochSecond(), millis));
  }

  private static Instant parse(String id, String stored) {
    Matcher time = INSTANT.matcher(stored);
    if (!time.matches()) {
      throw unreadable(id, "a time that is none");
    }
    Instant at = Instant.ofEpochSecond(Long.parseLong(time.group(1)));
    return time.group(2) == null ? at : at.plusMillis(Integer.parseInt(time.group(2)));
  }

  /** The message names no prompt id: an id holds a person's account id, which no log may. */
  private static UnreadableRecord unreadable(String id, String why) {
    String code = id.substring(0, Math.max(0, id.indexOf('/')));
    return new UnreadableRecord(
        "A planned prompt of case "
            + (CaseCode.isValid(code) ? code : "?")
            + " in Redis cannot be read: "
            + why);
  }
}
