package kring.core.schedule;

import java.time.Instant;
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
 * @param step which one in a series (1 for the first reminder …)
 * @param dueAt when it may be sent (already moved onto a school day in working hours)
 * @param validUntil after this it is dropped, not sent late
 */
public record DuePrompt(
    String id,
    CaseCode caseCode,
    PromptKind kind,
    UserRef person,
    int step,
    Instant dueAt,
    Instant validUntil) {

  public DuePrompt {
    if (caseCode == null || kind == null || person == null || dueAt == null) {
      throw new IllegalArgumentException("A prompt needs a case, a kind, a person and a time");
    }
    if (validUntil == null || validUntil.isBefore(dueAt)) {
      throw new IllegalArgumentException("A prompt stays valid until after it is due");
    }
  }

  /** A prompt with its id made from what identifies it. */
  public static DuePrompt of(
      CaseCode code, PromptKind kind, UserRef person, int step, Instant dueAt, Instant validUntil) {
    String id = code.value() + "/" + kind.name().toLowerCase() + "/" + step + "/" + person.key();
    return new DuePrompt(id, code, kind, person, step, dueAt, validUntil);
  }

  /** The same prompt, due at another moment within its validity. */
  public DuePrompt movedTo(Instant at) {
    return new DuePrompt(id, caseCode, kind, person, step, at, validUntil);
  }

  public boolean expiredAt(Instant now) {
    return now.isAfter(validUntil);
  }
}
