package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.scheduler.planning.PromptBudget;
import kring.scheduler.planning.PromptBudget.Share;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PromptBudget} does; run against the in-memory fake and real Redis. */
abstract class PromptBudgetContract {

  static final UserRef ANN = new UserRef(Platform.SLACK, "T9", "U1");
  static final UserRef BOB = new UserRef(Platform.SLACK, "T9", "U2");
  static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

  PromptBudget budget;

  abstract PromptBudget newBudget();

  @BeforeEach
  void setUp() {
    budget = newBudget();
  }

  Share take(UserRef person, LocalDate day) {
    LocalDate week = day.minusDays(day.getDayOfWeek().getValue() - 1);
    return budget.take(Set.of(person), day, week).get(person);
  }

  @Test
  void oneMessageADayAndTwoAWeekPerPerson() {
    assertThat(take(ANN, MONDAY)).isEqualTo(Share.GRANTED);
    assertThat(take(ANN, MONDAY)).isEqualTo(Share.DAY_USED);
    assertThat(take(ANN, MONDAY.plusDays(1))).isEqualTo(Share.GRANTED);
    assertThat(take(ANN, MONDAY.plusDays(2))).isEqualTo(Share.WEEK_USED);
    assertThat(take(ANN, MONDAY.plusDays(4))).isEqualTo(Share.WEEK_USED);
    assertThat(take(ANN, MONDAY.plusDays(7))).isEqualTo(Share.GRANTED);
  }

  @Test
  void theWeeksLastMessageIsKeptForWhatCannotWait() {
    LocalDate tuesday = MONDAY.plusDays(1);
    assertThat(budget.take(Set.of(ANN), Set.of(ANN), MONDAY, MONDAY))
        .containsEntry(ANN, Share.GRANTED);

    assertThat(budget.take(Set.of(ANN), Set.of(ANN), tuesday, MONDAY))
        .containsEntry(ANN, Share.KEPT);
    // Nothing was taken: what cannot wait still gets the message, that day.
    assertThat(budget.take(Set.of(ANN), Set.of(), tuesday, MONDAY))
        .containsEntry(ANN, Share.GRANTED);
    assertThat(take(ANN, MONDAY.plusDays(7))).isEqualTo(Share.GRANTED);
  }

  @Test
  void eachPersonHasTheirOwnShare() {
    assertThat(take(ANN, MONDAY)).isEqualTo(Share.GRANTED);

    Map<UserRef, Share> both = budget.take(Set.of(ANN, BOB), MONDAY, MONDAY);

    assertThat(both).containsEntry(ANN, Share.DAY_USED).containsEntry(BOB, Share.GRANTED);
  }

  @Test
  void ofManyAskingAtOnceForTheSamePersonExactlyOneGetsTheDay() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Share>> asked = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        asked.add(pool.submit(() -> take(ANN, MONDAY)));
      }
      int granted = 0;
      for (Future<Share> answer : asked) {
        granted += answer.get() == Share.GRANTED ? 1 : 0;
      }
      assertThat(granted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
