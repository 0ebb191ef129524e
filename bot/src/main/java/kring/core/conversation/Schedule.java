package kring.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;
import kring.core.reflection.Anonymity;
import kring.core.schedule.DuePrompt;

/** What the conversation asks of the scheduler. */
public interface Schedule {

  /** Plans a case again after it changed. */
  void replan(Case c);

  /** What is planned for a case, earliest first. */
  List<DuePrompt> planned(CaseCode code);

  /**
   * Puts one of the person's own prompts, named by the id on its button, off to the next school
   * morning.
   *
   * @return when it comes again, or empty when the id is not one of this person's prompts here
   */
  Optional<Instant> putOff(Case c, UserRef person, String promptId);

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
        public List<DuePrompt> planned(CaseCode code) {
          return List.of();
        }

        @Override
        public Optional<Instant> putOff(Case c, UserRef person, String promptId) {
          return Optional.empty();
        }
      };
}
