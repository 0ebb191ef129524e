package kring.core.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import kring.core.cases.Case;
import kring.core.cases.CaseChanges;
import kring.core.cases.CaseCode;
import kring.core.cases.Cases;
import kring.core.cases.ConcurrentChange;
import kring.scheduler.planning.DuePrompt;

/**
 * Changes a stored case outside a person's turn (a step of its schedule, the retention clock, a
 * platform's word that a channel is gone, an operator's task) with one commit: the changed case,
 * what it says and its new plan together. When someone else changed the case meanwhile, the change
 * is made again on what they stored.
 */
public final class Commits {

  private final Cases cases;
  private final CaseStore store;
  private final Function<Case, Plan> plans;

  /**
   * @param plans what a case's planned prompts become once it is as it is
   */
  public Commits(Cases cases, CaseStore store, Function<Case, Plan> plans) {
    this.cases = cases;
    this.store = store;
    this.plans = plans;
  }

  /**
   * Applies {@code change} to the stored case and commits it, unless it changes nothing.
   *
   * @param change a pure function of the case as read; it may run more than once
   * @param finished claimed due prompts the change carries out, done with its commit
   * @return the case as stored with what it said, or empty when there was no such case or nothing
   *     to do
   */
  public Optional<Change> change(
      CaseCode code, Function<Case, Change> change, List<DuePrompt> finished) {
    ConcurrentChange lost = null;
    for (int attempt = 1; attempt <= CaseChanges.MAX_ATTEMPTS; attempt++) {
      Optional<Case> read = cases.find(code);
      if (read.isEmpty()) {
        return Optional.empty();
      }
      Change done = change.apply(read.get());
      if (done.after().equals(read.get())) {
        return Optional.empty();
      }
      try {
        Case stored =
            store.commit(
                new CaseCommit(
                    read.get(),
                    done.after(),
                    done.messages(),
                    plans.apply(done.after()),
                    finished));
        return Optional.of(new Change(stored, done.messages()));
      } catch (ConcurrentChange e) {
        lost = e;
        CaseChanges.pauseBefore(attempt + 1);
      }
    }
    throw lost;
  }

  /** Applies {@code change} to the stored case and commits it, with no due prompt finished. */
  public Optional<Change> change(CaseCode code, Function<Case, Change> change) {
    return change(code, change, List.of());
  }
}
