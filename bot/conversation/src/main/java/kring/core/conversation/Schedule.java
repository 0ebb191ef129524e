package kring.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;
import kring.core.reflection.Anonymity;
import kring.core.store.Plan;
import kring.core.store.PlanWriter;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.PromptKind;

/** What the conversation asks of the scheduler. */
public interface Schedule extends PlanWriter {

  /** Plans a case again after it changed, on its own (not as part of a turn's commit). */
  void replan(Case c);

  /** What a case's planned prompts become now that it is as it is: for a turn's commit. */
  Plan plan(Case c);

  /** What is planned for a case, earliest first. */
  List<DuePrompt> planned(CaseCode code);

  /** How many of a case's prompts were sent alone, combined, put off or dropped, by kind. */
  Map<PromptKind, Map<Fate, Long>> counts(CaseCode code);

  /**
   * Puts one of the speaker's own prompts, named by the id on its button, off to the next school
   * morning within their working hours, as the turn read them. The turn carries the put-off to its
   * store ({@link Turn#putOff(DuePrompt)}), which writes it with the turn's answer.
   *
   * @return when it comes again, or empty when the id is not one of the speaker's prompts in {@code
   *     c}
   */
  Optional<Instant> putOff(Turn turn, Case c, String promptId);

  /**
   * Whether Kring may post in the case's channel on its own now, outside its schedule: on a
   * weekday, within the case's hours.
   */
  default boolean mayPost(Case c, Instant now) {
    return true;
  }

  /**
   * Whether Kring may write a person privately on its own now: within the case's school days and
   * the hours of both the case and the person, and within the person's share of messages, from
   * which it then takes one.
   */
  default boolean mayWrite(Case c, UserRef person, Instant now) {
    return true;
  }

  /**
   * How many answers a reflection question needs before it is shown: the threshold the schedule
   * opens rounds by, so that a round a person starts follows the same one.
   */
  default Anonymity anonymity() {
    return Anonymity.DEFAULT;
  }

  /** No scheduler: nothing is planned and nothing can be put off. */
  Schedule NONE =
      new Schedule() {
        @Override
        public void replan(Case c) {}

        @Override
        public Plan plan(Case c) {
          return Plan.KEEP;
        }

        @Override
        public void apply(CaseCode code, Plan plan) {}

        @Override
        public void finished(List<DuePrompt> prompts, Instant now) {}

        @Override
        public List<DuePrompt> planned(CaseCode code) {
          return List.of();
        }

        @Override
        public Map<PromptKind, Map<Fate, Long>> counts(CaseCode code) {
          return Map.of();
        }

        @Override
        public Optional<Instant> putOff(Turn turn, Case c, String promptId) {
          return Optional.empty();
        }

        @Override
        public Runnable putOff(DuePrompt moved) {
          throw new IllegalStateException("No scheduler: nothing can be put off");
        }
      };
}
