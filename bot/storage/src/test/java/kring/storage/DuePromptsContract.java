package kring.storage;

import static kring.testing.Samples.at;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.DuePrompts;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.PromptFate;
import kring.scheduler.planning.PromptKind;
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

  static final Duration LEASE = Duration.ofMinutes(5);

  /** Claims what is due and finishes it at once, as a node that sends it does. */
  List<DuePrompt> take(Instant now, int max) {
    List<DuePrompt> taken = due.claim(now, max, LEASE);
    due.done(taken, now);
    return taken;
  }

  static DuePrompt reminder(CaseCode code, UserRef to, int step, int minutes) {
    return DuePrompt.of(code, PromptKind.KICKOFF_REMINDER, to, step, at(minutes), at(minutes + 60));
  }

  @Test
  void handsOutOnlyWhatIsDueInDueOrderWithEverythingItHeld() {
    DuePrompt later = reminder(CASE, ANN, 2, 30);
    DuePrompt first = reminder(CASE, BOB, 1, 10);
    due.replace(CASE, List.of(later, first));

    assertThat(take(at(5), 10)).isEmpty();
    assertThat(take(at(30), 10)).containsExactly(first, later);
    assertThat(take(at(90), 10)).isEmpty();
  }

  @Test
  void replacingAPlanDropsWhatIsNoLongerPlannedAndLeavesOtherCasesAlone() {
    due.replace(CASE, List.of(reminder(CASE, ANN, 1, 10), reminder(CASE, BOB, 1, 10)));
    due.replace(OTHER, List.of(reminder(OTHER, ANN, 1, 10)));

    due.replace(CASE, List.of(reminder(CASE, BOB, 1, 10)));

    assertThat(due.planned(CASE)).extracting(DuePrompt::person).containsExactly(BOB);
    assertThat(take(at(10), 10))
        .extracting(DuePrompt::caseCode)
        .containsExactlyInAnyOrder(CASE, OTHER);
  }

  @Test
  void aPromptHandedOutIsNeverPlannedAgain() {
    DuePrompt once = reminder(CASE, ANN, 1, 10);
    due.replace(CASE, List.of(once, reminder(CASE, ANN, 2, 20)));
    assertThat(take(at(10), 10)).containsExactly(once);

    due.replace(CASE, List.of(once, reminder(CASE, ANN, 2, 20)));

    assertThat(due.planned(CASE)).extracting(DuePrompt::step).containsExactly(2);
    assertThat(take(at(100), 10)).extracting(DuePrompt::step).containsExactly(2);
  }

  @Test
  void aClaimedPromptIsNobodyElsesUntilItsLeaseRunsOutThenItIsClaimedAgain() {
    DuePrompt prompt = reminder(CASE, ANN, 1, 10);
    due.replace(CASE, List.of(prompt));
    assertThat(due.claim(at(10), 10, LEASE)).containsExactly(prompt);

    // Its node dies before it finishes: nobody else takes it within the lease, and planning the
    // case again neither drops it nor plans it a second time.
    assertThat(due.claim(at(14), 10, LEASE)).isEmpty();
    due.replace(CASE, List.of(prompt));
    assertThat(due.planned(CASE)).isEmpty();
    assertThat(due.claim(at(15), 10, LEASE)).containsExactly(prompt);

    due.done(List.of(prompt), at(16));
    assertThat(due.claim(at(60), 10, LEASE)).isEmpty();
    due.replace(CASE, List.of(prompt));
    assertThat(due.planned(CASE)).isEmpty();
  }

  @Test
  void aStepOfTheCasesOwnScheduleIsPlannedAgainWhileTheCaseNeedsIt() {
    DuePrompt close =
        DuePrompt.of(CASE, PromptKind.CHECK_IN_CLOSE, ANN, 1, 1, at(10), at(10 + 60 * 24 * 30));
    due.replace(CASE, List.of(close));
    assertThat(take(at(10), 10)).containsExactly(close);

    // The case's state says whether the check-in closed: if the planner plans the step again, the
    // step was lost (an older Kring handed it out and died) and is due again.
    due.replace(CASE, List.of(close));

    assertThat(due.planned(CASE)).containsExactly(close);
  }

  @Test
  void aHandedOutPromptIsForgottenADayAfterItsWindowEnded() {
    DuePrompt once = reminder(CASE, ANN, 1, 10);
    due.replace(CASE, List.of(once));
    assertThat(take(at(10), 10)).containsExactly(once);

    due.replace(CASE, List.of(once));
    assertThat(due.planned(CASE)).isEmpty();
    // Another prompt finishes two days later: the first one's window (until minute 70) is long
    // past.
    DuePrompt next = reminder(CASE, BOB, 1, 2 * 24 * 60);
    due.replace(CASE, List.of(next));
    assertThat(take(at(2 * 24 * 60), 10)).containsExactly(next);

    due.replace(CASE, List.of(once));
    assertThat(due.planned(CASE)).containsExactly(once);
  }

  @Test
  void aClaimedPromptPutBackLaterComesDueAgainThenAndNotBefore() {
    DuePrompt prompt = reminder(CASE, ANN, 1, 10);
    due.replace(CASE, List.of(prompt));
    assertThat(due.claim(at(10), 10, LEASE)).containsExactly(prompt);

    due.later(prompt.movedTo(at(40)));

    assertThat(take(at(39), 10)).isEmpty();
    assertThat(take(at(40), 10)).containsExactly(prompt.movedTo(at(40)));
    due.replace(CASE, List.of(prompt));
    assertThat(due.planned(CASE)).isEmpty();
  }

  @Test
  void aPromptPutOffSurvivesPlanningAgainAndTheOriginalIsNotPlannedBeside() {
    DuePrompt prompt = reminder(CASE, ANN, 1, 10);
    DuePrompt other = reminder(CASE, BOB, 1, 60);
    due.replace(CASE, List.of(prompt));
    due.claim(at(10), 10, LEASE);
    due.later(prompt.movedTo(at(40)));

    // Someone changes the case: the planner plans the same prompt (and another) again.
    due.replace(CASE, List.of(prompt, other));

    assertThat(due.planned(CASE)).containsExactly(prompt.movedTo(at(40)), other);
    assertThat(take(at(40), 10)).containsExactly(prompt.movedTo(at(40)));
    due.replace(CASE, List.of(prompt, other));
    assertThat(due.planned(CASE)).containsExactly(other);
  }

  @Test
  void forgettingACaseAlsoDropsWhatWasPutOff() {
    DuePrompt prompt = reminder(CASE, ANN, 1, 10);
    due.replace(CASE, List.of(prompt));
    take(at(10), 10);
    due.later(prompt.movedTo(at(40)));

    due.forget(CASE);

    assertThat(due.planned(CASE)).isEmpty();
    assertThat(take(at(90), 10)).isEmpty();
  }

  @Test
  void claimsAtMostTheAskedNumber() {
    due.replace(
        CASE,
        List.of(reminder(CASE, ANN, 1, 1), reminder(CASE, ANN, 2, 2), reminder(CASE, ANN, 3, 3)));

    assertThat(take(at(10), 2)).hasSize(2);
    assertThat(take(at(10), 2)).hasSize(1);
  }

  @Test
  void forgettingACaseDropsItsPlanAndItsMemory() {
    DuePrompt once = reminder(CASE, ANN, 1, 10);
    due.replace(CASE, List.of(once));
    take(at(10), 10);

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
                batch = take(at(10), 7);
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

  @Test
  void countsWhatBecameOfPromptsByCaseKindAndFateAddingUpAcrossNodes() {
    PromptFate invitationCombined = new PromptFate(CASE, PromptKind.CHECK_IN_INVITE, Fate.COMBINED);
    due.count(
        List.of(
            invitationCombined,
            invitationCombined,
            new PromptFate(CASE, PromptKind.CHECK_IN_REMINDER, Fate.DROPPED),
            new PromptFate(OTHER, PromptKind.UPDATE_DUE, Fate.PUT_OFF)));
    due.count(
        List.of(invitationCombined, new PromptFate(CASE, PromptKind.CHECK_IN_INVITE, Fate.SENT)));
    due.count(List.of());

    assertThat(due.counts(CASE))
        .containsOnly(
            entry(PromptKind.CHECK_IN_INVITE, Map.of(Fate.COMBINED, 3L, Fate.SENT, 1L)),
            entry(PromptKind.CHECK_IN_REMINDER, Map.of(Fate.DROPPED, 1L)));
    assertThat(due.counts(OTHER))
        .containsOnly(entry(PromptKind.UPDATE_DUE, Map.of(Fate.PUT_OFF, 1L)));
    // Forgetting a case's plan (it closed) keeps its counts; they go with its erasure.
    due.forget(CASE);
    assertThat(due.counts(CASE)).containsKey(PromptKind.CHECK_IN_INVITE);
    assertThat(due.counts(new CaseCode("K-4444"))).isEmpty();
  }
}
