package kring.core.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.DuePrompts;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.PromptFate;

/**
 * The prompts one round of {@link ScheduledPrompts#runDue} claimed: each ends put off to a later
 * moment or, when the round finishes, done (sent, or dropped on purpose).
 */
final class PromptBatch {

  /** How many prompts one claim takes. */
  private static final int BATCH = 200;

  /**
   * The most prompts one poll claims; more wait for the next poll. Ten thousand prompts take well
   * under a second, far less than their lease.
   */
  static final int MOST_PER_POLL = 20_000;

  /**
   * How long a node has to finish the prompts it claimed; after that another node claims them again
   * (the first one died, or hangs).
   */
  static final Duration LEASE = Duration.ofMinutes(5);

  private final DuePrompts due;
  private final List<DuePrompt> claimed = new ArrayList<>();
  private final Set<String> putOff = new java.util.HashSet<>();
  private final List<PromptFate> fates = new ArrayList<>();

  PromptBatch(DuePrompts due) {
    this.due = due;
  }

  /**
   * Claims everything due now, in batches, up to {@link #MOST_PER_POLL} in all: what is due for one
   * person is decided on together, however many cases and kinds it comes from.
   */
  List<DuePrompt> claimAll(Instant now) {
    List<DuePrompt> taken = new ArrayList<>();
    while (claimed.size() < MOST_PER_POLL) {
      List<DuePrompt> batch = due.claim(now, BATCH, LEASE);
      taken.addAll(batch);
      claimed.addAll(batch);
      if (batch.size() < BATCH) {
        break;
      }
    }
    return taken;
  }

  void later(DuePrompt moved) {
    due.later(moved);
    putOff.add(moved.id());
  }

  /** The prompt waits for its person's next turn: their share is used, or it can wait a day. */
  void waits(DuePrompt moved) {
    later(moved);
    fates.add(PromptFate.of(moved, Fate.PUT_OFF));
  }

  /** What became of a prompt, for its case's counts. */
  void ended(DuePrompt prompt, Fate fate) {
    fates.add(PromptFate.of(prompt, fate));
  }

  /** The prompt was done with the commit of its step. */
  void committed(DuePrompt prompt) {
    putOff.add(prompt.id());
  }

  void finish(Instant now) {
    due.done(claimed.stream().filter(p -> !putOff.contains(p.id())).toList(), now);
    due.count(fates);
  }
}
