package kring.core.store;

import java.util.List;
import kring.core.cases.Case;
import kring.core.outbox.OutboundMessage;
import kring.scheduler.planning.DuePrompt;

/**
 * What one turn did to its case, to be stored all at once.
 *
 * @param read the case as the turn read it (its revision is checked), or null for a case the turn
 *     created (its code must be free)
 * @param changed the case as the turn left it
 * @param messages what the turn sends, for the case's channel or its people
 * @param plan what happens to the case's planned prompts
 * @param finished claimed due prompts the turn carried out, now done
 * @param lifetime what the retention clock learns from the turn
 * @param delivery the digest of the platform delivery the turn handled, committed at most once per
 *     case, or null for a turn no platform may deliver again
 */
public record CaseCommit(
    Case read,
    Case changed,
    List<OutboundMessage> messages,
    Plan plan,
    List<DuePrompt> finished,
    Lifetime lifetime,
    String delivery) {

  public CaseCommit {
    if (changed == null
        || plan == null
        || lifetime == null
        || (delivery != null && !delivery.matches("[0-9a-f]{32}"))
        || (read != null && !read.code().equals(changed.code()))) {
      throw new IllegalArgumentException("A commit needs its case and what happens to its plan");
    }
    messages = List.copyOf(messages);
    finished = List.copyOf(finished);
    for (DuePrompt prompt : finished) {
      if (!prompt.caseCode().equals(changed.code())) {
        throw new IllegalArgumentException(prompt.id() + " is not a prompt of " + changed.code());
      }
    }
  }

  /** A commit of Kring's own, not of a person's turn. */
  public CaseCommit(
      Case read,
      Case changed,
      List<OutboundMessage> messages,
      Plan plan,
      List<DuePrompt> finished) {
    this(read, changed, messages, plan, finished, Lifetime.UNCHANGED, null);
  }
}
