package kring.core.conversation;

import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.cases.CaseCodes;
import kring.core.outbox.OutboundMessage;
import kring.scheduler.planning.Planner;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryDuePrompts;
import kring.testing.InMemoryPeople;
import kring.testing.InMemoryPromptBudget;
import kring.testing.RecordingOutbox;

/**
 * Kring's conversation and its prompt sender on in-memory stores, wired as the application wires
 * them: every change a person makes plans the case again.
 */
public final class ScheduledKring {

  public final InMemoryCases cases = new InMemoryCases();
  public final InMemoryPeople people = new InMemoryPeople();
  public final InMemoryDuePrompts due = new InMemoryDuePrompts();
  public final RecordingOutbox outbox = new RecordingOutbox();
  public final InMemoryPromptBudget budget = new InMemoryPromptBudget();
  public final ScheduledPrompts prompts;
  public final KringConversation kring;

  /**
   * @param clock the clock of both; its zone is the school calendar's
   * @param seed draws the case codes
   */
  public ScheduledKring(Clock clock, long seed) {
    Planner planner = new Planner(clock.getZone());
    prompts = new ScheduledPrompts(cases, people, due, outbox, planner, budget, clock, () -> {});
    kring =
        new KringConversation(
            cases,
            people,
            outbox,
            new CaseCodes(new SplittableRandom(seed)),
            clock,
            () -> {},
            prompts);
  }

  /** What Kring wrote to the outbox since it was last emptied; empties it. */
  public List<OutboundMessage> said() {
    List<OutboundMessage> all = outbox.messages();
    outbox.clear();
    return all;
  }
}
