package kring.scheduler.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;

/**
 * One prompt Kring will send when it is due.
 *
 * @param id stable for the same prompt of the same case, person and step, so that planning again
 *     never sends a prompt twice
 * @param caseCode the case
 * @param kind what kind of prompt
 * @param person who gets it
 * @param step which one in a series (1 for the first reminder …); for a series that starts over
 *     (the updates after each update, each check-in) the id also names the series' start
 * @param dueAt when it may be sent (already moved onto a school day in working hours)
 * @param validUntil after this it is dropped, not sent late
 * @param asked whether the person asked for it at this moment ("remind me tomorrow"): then it comes
 *     as promised, even in the week's last message
 */
public record DuePrompt(
    String id,
    CaseCode caseCode,
    PromptKind kind,
    UserRef person,
    int step,
    Instant dueAt,
    Instant validUntil,
    boolean asked) {

  public DuePrompt {
    if (caseCode == null || kind == null || person == null || dueAt == null) {
      throw new IllegalArgumentException("A prompt needs a case, a kind, a person and a time");
    }
    if (validUntil == null || validUntil.isBefore(dueAt)) {
      throw new IllegalArgumentException("A prompt stays valid until after it is due");
    }
  }

  /** A prompt Kring planned on its own (nobody asked for it at this moment). */
  public DuePrompt(
      String id,
      CaseCode caseCode,
      PromptKind kind,
      UserRef person,
      int step,
      Instant dueAt,
      Instant validUntil) {
    this(id, caseCode, kind, person, step, dueAt, validUntil, false);
  }

  /** A prompt with its id made from what identifies it. */
  public static DuePrompt of(
      CaseCode code, PromptKind kind, UserRef person, int step, Instant dueAt, Instant validUntil) {
    String id = code.value() + "/" + kind.name().toLowerCase() + "/" + step + "/" + person.key();
    return new DuePrompt(id, code, kind, person, step, dueAt, validUntil);
  }

  /**
   * A prompt of a series that starts over: {@code round} names which start (a check-in's number,
   * the day a partner's update wait began), so a new round never collides with an old one's ids.
   */
  public static DuePrompt of(
      CaseCode code,
      PromptKind kind,
      UserRef person,
      long round,
      int step,
      Instant dueAt,
      Instant validUntil) {
    String id =
        code.value()
            + "/"
            + kind.name().toLowerCase()
            + "/"
            + round
            + "."
            + step
            + "/"
            + person.key();
    return new DuePrompt(id, code, kind, person, step, dueAt, validUntil);
  }

  /**
   * The same prompt put off to a later moment, with its window moved along: it was worth sending
   * then and still is, it just has to wait its turn.
   */
  public DuePrompt deferredTo(Instant at) {
    Duration window = Duration.between(dueAt, validUntil);
    return new DuePrompt(id, caseCode, kind, person, step, at, at.plus(window), asked);
  }

  /** The same prompt, due at another moment within its validity. */
  public DuePrompt movedTo(Instant at) {
    return new DuePrompt(id, caseCode, kind, person, step, at, validUntil, asked);
  }

  /** The same prompt, asked for by its person at its moment. */
  public DuePrompt askedFor() {
    return new DuePrompt(id, caseCode, kind, person, step, dueAt, validUntil, true);
  }

  /**
   * For a prompt of a series that starts over, which start its id names (see {@link #of(CaseCode,
   * PromptKind, UserRef, long, int, Instant, Instant)}); 0 for a prompt of a single series.
   */
  public long round() {
    String[] parts = id.split("/", 4);
    int dot = parts.length == 4 ? parts[2].indexOf('.') : -1;
    return dot < 0 ? 0 : Long.parseLong(parts[2].substring(0, dot));
  }

  /**
   * The prompt a button names by its id, as it would be put off to {@code dueAt}: only a
   * well-formed id of this person's own prompt in this case is read; anything else is empty.
   */
  public static Optional<DuePrompt> parse(String id, CaseCode code, UserRef person, Instant dueAt) {
    String[] parts = id == null ? new String[0] : id.split("/", 4);
    if (parts.length != 4
        || !parts[0].equals(code.value())
        || !parts[3].equals(person.key())
        || !parts[2].matches("(\\d{1,9}\\.)?\\d{1,3}")) {
      return Optional.empty();
    }
    PromptKind kind;
    try {
      kind = PromptKind.valueOf(parts[1].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String step = parts[2].substring(parts[2].indexOf('.') + 1);
    return Optional.of(
        new DuePrompt(
            id, code, kind, person, Integer.parseInt(step), dueAt, dueAt.plus(kind.validFor())));
  }

  public boolean expiredAt(Instant now) {
    return now.isAfter(validUntil);
  }
}
