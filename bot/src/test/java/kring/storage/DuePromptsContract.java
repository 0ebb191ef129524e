package kring.storage;

import static kring.testing.Samples.at;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;
import kring.core.schedule.DuePrompt;
import kring.core.schedule.DuePrompts;
import kring.core.schedule.PromptKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DuePrompts} does, whatever stores it. */
abstract class DuePromptsContract {

  static final CaseCode CASE = new CaseCode("K-7F3Q");
  static final CaseCode OTHER = new CaseCode("K-3333");
  static final UserRef ANN = slackUser("U1");
  static final UserRef BOB = slackUser("U2");

  DuePrompts due;

  abstract DuePrompts newDuePrompts();

  @BeforeEach
  void setUpDue() {
    due = newDuePrompts();
  }

  static DuePrompt reminder(CaseCode code, UserRef to, int step, int minutes) {
    return DuePrompt.of(code, PromptKind.KICKOFF_REMINDER, to, step, at(minutes), at(minutes + 60));
  }

  @Test
  void handsOutOnlyWhatIsDueInDueOrderWithEverythingItHeld() {
    DuePrompt later = reminder(CASE, ANN, 2, 30);
    DuePrompt first = reminder(CASE, BOB, 1, 10);
    due.replace(CASE, List.of(later, first));

    assertThat(due.claim(at(5), 10)).isEmpty();
    assertThat(due.claim(at(30), 10)).containsExactly(first, later);
    assertThat(due.claim(at(90), 10)).isEmpty();
  }

  @Test
  void replacingAPlanDropsWhatIsNoLongerPlannedAndLeavesOtherCasesAlone() {
    due.replace(CASE, List.of(reminder(CASE, ANN, 1, 10), reminder(CASE, BOB, 1, 10)));
    due.replace(OTHER, List.of(reminder(OTHER, ANN, 1, 10)));

    due.replace(CASE, List.of(reminder(CASE, BOB, 1, 10)));

    assertThat(due.planned(CASE)).extracting(DuePrompt::person).containsExactly(BOB);
    assertThat(due.claim(at(10), 10))
        .extracting(DuePrompt::caseCode)
        .containsExactlyInAnyOrder(CASE, OTHER);
  }

  @Test
  void aPromptHandedOutIsNeverPlannedAgain() {
    DuePrompt once = reminder(CASE, ANN, 1, 10);
    due.replace(CASE, List.of(once, reminder(CASE, ANN, 2, 20)));
    assertThat(due.claim(at(10), 10)).containsExactly(once);

    due.replace(CASE, List.of(once, reminder(CASE, ANN, 2, 20)));

    assertThat(due.planned(CASE)).extracting(DuePrompt::step).containsExactly(2);
    assertThat(due.claim(at(100), 10)).extracting(DuePrompt::step).containsExactly(2);
  }

  @Test
  void aClaimedPromptPutBackLaterComesDueAgainThenAndNotBefore() {
    DuePrompt prompt = reminder(CASE, ANN, 1, 10);
    due.replace(CASE, List.of(prompt));
    assertThat(due.claim(at(10), 10)).containsExactly(prompt);

    due.later(prompt.movedTo(at(40)));

    assertThat(due.claim(at(39), 10)).isEmpty();
    assertThat(due.claim(at(40), 10)).containsExactly(prompt.movedTo(at(40)));
    due.replace(CASE, List.of(prompt));
    assertThat(due.planned(CASE)).isEmpty();
  }

  @Test
  void aPromptPutOffSurvivesPlanningAgainAndTheOriginalIsNotPlannedBeside() {
    DuePrompt prompt = reminder(CASE, ANN, 1, 10);
    DuePrompt other = reminder(CASE, BOB, 1, 60);
    due.replace(CASE, List.of(prompt));
    due.claim(at(10), 10);
    due.later(prompt.movedTo(at(40)));

    // Someone changes the case: the planner plans the same prompt (and another) again.
    due.replace(CASE, List.of(prompt, other));

    assertThat(due.planned(CASE)).containsExactly(prompt.movedTo(at(40)), other);
    assertThat(due.claim(at(40), 10)).containsExactly(prompt.movedTo(at(40)));
    due.replace(CASE, List.of(prompt, other));
    assertThat(due.planned(CASE)).containsExactly(other);
  }

  @Test
  void forgettingACaseAlsoDropsWhatWasPutOff() {
    DuePrompt prompt = reminder(CASE, ANN, 1, 10);
    due.replace(CASE, List.of(prompt));
    due.claim(at(10), 10);
    due.later(prompt.movedTo(at(40)));

    due.forget(CASE);

    assertThat(due.planned(CASE)).isEmpty();
    assertThat(due.claim(at(90), 10)).isEmpty();
  }

  @Test
  void claimsAtMostTheAskedNumber() {
    due.replace(
        CASE,
        List.of(reminder(CASE, ANN, 1, 1), reminder(CASE, ANN, 2, 2), reminder(CASE, ANN, 3, 3)));

    assertThat(due.claim(at(10), 2)).hasSize(2);
    assertThat(due.claim(at(10), 2)).hasSize(1);
  }

  @Test
  void forgettingACaseDropsItsPlanAndItsMemory() {
    DuePrompt once = reminder(CASE, ANN, 1, 10);
    due.replace(CASE, List.of(once));
    due.claim(at(10), 10);

    due.forget(CASE);
    due.replace(CASE, List.of(once));

    assertThat(due.planned(CASE)).containsExactly(once);
  }

  @Test
  void refusesAPromptOfAnotherCase() {
    assertThatThrownBy(() -> due.replace(CASE, List.of(reminder(OTHER, ANN, 1, 1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ofManyNodesClaimingAtOnceEachPromptGoesToExactlyOne() throws Exception {
    List<DuePrompt> prompts = new java.util.ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      prompts.add(reminder(CASE, slackUser("U" + i), 1, i % 7));
    }
    due.replace(CASE, prompts);
    ConcurrentLinkedQueue<DuePrompt> taken = new ConcurrentLinkedQueue<>();
    ExecutorService nodes = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    for (int n = 0; n < 8; n++) {
      nodes.execute(
          () -> {
            try {
              go.await();
              List<DuePrompt> batch;
              do {
                batch = due.claim(at(10), 7);
                taken.addAll(batch);
              } while (!batch.isEmpty());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    go.countDown();
    nodes.shutdown();
    assertThat(nodes.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
    assertThat(taken).hasSize(200).doesNotHaveDuplicates();
  }
}
