package kring.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The settings part: the school's own free days and the known transitions. */
class CaseSettingsTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  @Test
  void aFreeDayIsASchoolDayAheadAndPastOnesDropOff() {
    LocalDate friday = LocalDate.of(2026, 3, 6);
    CaseSettings one = CaseSettings.DEFAULT.freeDayAdded(friday, TODAY);

    assertThat(one.freeDays()).containsExactly(friday);
    assertThat(one.freeDayAdded(friday, TODAY)).isSameAs(one);
    assertThatThrownBy(() -> one.freeDayAdded(LocalDate.of(2026, 3, 7), TODAY))
        .hasMessageContaining("refusal.free-day-not-school-day");
    assertThatThrownBy(() -> one.freeDayAdded(TODAY.minusDays(1), TODAY))
        .hasMessageContaining("refusal.free-day-when");
    LocalDate later = LocalDate.of(2026, 3, 10);
    assertThat(one.freeDayAdded(later, LocalDate.of(2026, 3, 9)).freeDays()).containsExactly(later);
    assertThat(one.freeDayRemoved(friday).freeDays()).isEmpty();
  }

  @Test
  void transitionsAreRecordedAheadInDateOrderAndNumberedFromToday() {
    Transition exams = new Transition(TODAY.plusMonths(3), TransitionKind.EXAMS, null);
    Transition change = new Transition(TODAY.plusMonths(1), TransitionKind.SCHOOL_CHANGE, null);
    CaseSettings two =
        CaseSettings.DEFAULT.transitionAdded(exams, TODAY).transitionAdded(change, TODAY);

    assertThat(two.upcomingTransitions(TODAY)).containsExactly(change, exams);
    assertThat(two.transitionAdded(exams, TODAY)).isSameAs(two);
    assertThat(two.upcomingTransition(2, TODAY)).isEqualTo(exams);
    assertThat(two.transitionRemoved(1, TODAY).upcomingTransitions(TODAY)).containsExactly(exams);
    assertThatThrownBy(() -> two.transitionRemoved(3, TODAY))
        .hasMessageContaining("refusal.transition-unknown");
    assertThatThrownBy(
            () ->
                two.transitionAdded(
                    new Transition(
                        TODAY.plusMonths(CaseSettings.TRANSITION_MONTHS_AHEAD + 1),
                        TransitionKind.EXAMS,
                        null),
                    TODAY))
        .hasMessageContaining("refusal.transition-far");
  }
}
