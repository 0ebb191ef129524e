package kring.core.cases;

import static kring.core.cases.CaseScheduleSettingsTest.TODAY;
import static kring.core.cases.CaseTest.ANNA;
import static kring.core.cases.CaseTest.BERT;
import static kring.core.cases.CaseTest.NOW;
import static kring.core.cases.CaseTest.started;
import static kring.core.cases.CaseTest.withPartner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import org.junit.jupiter.api.Test;

class TransitionsCaseTest {

  static final UserRef DIRK = new UserRef(Platform.SLACK, "T1", "UDIRK");
  static final Transition EXAMS =
      new Transition(LocalDate.of(2027, 6, 7), TransitionKind.EXAMS, "");
  static final Transition INTERNSHIP =
      new Transition(LocalDate.of(2027, 2, 1), TransitionKind.OTHER, "internship starts");

  /** Anna coordinates, Bert is a partner, Dirk is informed only. */
  static Case team() {
    return withPartner(withPartner(started(), BERT, false), DIRK, true);
  }

  @Test
  void anyPartnerWhoActsRecordsATransitionKeptInDateOrder() {
    Case c =
        team().addTransition(BERT, EXAMS, TODAY, NOW).addTransition(ANNA, INTERNSHIP, TODAY, NOW);

    assertThat(c.settings().upcomingTransitions(TODAY)).containsExactly(INTERNSHIP, EXAMS);
    AuditEntry last = c.audit().get(c.audit().size() - 1);
    assertThat(last.event()).isEqualTo(AuditEvent.TRANSITION_ADDED);
    assertThat(last.args()).as("no free text").containsExactly("2027-02-01", "OTHER");
    assertThat(c.addTransition(BERT, EXAMS, TODAY, NOW)).isSameAs(c);
    assertThat(
            c.addTransition(
                BERT,
                new Transition(INTERNSHIP.on(), TransitionKind.OTHER, "Internship STARTS"),
                TODAY,
                NOW))
        .isSameAs(c);
  }

  @Test
  void informedOnlyPeopleAndStrangersCannotRecordOne() {
    for (UserRef who : List.of(DIRK, new UserRef(Platform.SLACK, "T1", "UX"))) {
      assertThatThrownBy(() -> team().addTransition(who, EXAMS, TODAY, NOW))
          .isInstanceOf(Refusal.class)
          .hasMessage("refusal.transition-who");
    }
  }

  @Test
  void aTransitionIsAfterTodayAndWithinEighteenMonths() {
    Case c = team();

    assertThatThrownBy(
            () ->
                c.addTransition(ANNA, new Transition(TODAY, TransitionKind.EXAMS, ""), TODAY, NOW))
        .hasMessage("refusal.transition-past");
    assertThatThrownBy(
            () ->
                c.addTransition(
                    ANNA,
                    new Transition(TODAY.plusMonths(18).plusDays(1), TransitionKind.EXAMS, ""),
                    TODAY,
                    NOW))
        .hasMessage("refusal.transition-far");
    assertThat(
            c.addTransition(
                    ANNA,
                    new Transition(TODAY.plusMonths(18), TransitionKind.EXAMS, ""),
                    TODAY,
                    NOW)
                .settings()
                .upcomingTransitions(TODAY))
        .hasSize(1);
  }

  @Test
  void atMostTenTransitionsAheadAndPastOnesDropOffWhenAnotherIsRecorded() {
    Case c = team();
    for (int i = 1; i <= CaseSettings.TRANSITION_LIMIT; i++) {
      c =
          c.addTransition(
              ANNA, new Transition(TODAY.plusDays(i), TransitionKind.EXAMS, ""), TODAY, NOW);
    }
    Case full = c;

    assertThatThrownBy(() -> full.addTransition(ANNA, EXAMS, TODAY, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.transitions-full");

    LocalDate later = TODAY.plusDays(3);
    Case after = full.addTransition(ANNA, EXAMS, later, NOW);
    assertThat(after.settings().transitions()).hasSize(9);
    assertThat(after.settings().transitions().get(0).on()).isEqualTo(later);
    assertThat(after.settings().transitions().get(8)).isEqualTo(EXAMS);
  }

  @Test
  void removesTheTransitionByItsNumberInTheListAhead() {
    Case c =
        team().addTransition(BERT, EXAMS, TODAY, NOW).addTransition(ANNA, INTERNSHIP, TODAY, NOW);

    Case after = c.removeTransition(BERT, 2, TODAY, NOW);

    assertThat(after.settings().upcomingTransitions(TODAY)).containsExactly(INTERNSHIP);
    AuditEntry last = after.audit().get(after.audit().size() - 1);
    assertThat(last.event()).isEqualTo(AuditEvent.TRANSITION_REMOVED);
    assertThat(last.args()).containsExactly("2027-06-07", "EXAMS");
    for (int bad : List.of(0, 3)) {
      assertThatThrownBy(() -> c.removeTransition(BERT, bad, TODAY, NOW))
          .hasMessage("refusal.transition-unknown");
    }
    assertThatThrownBy(() -> c.removeTransition(DIRK, 1, TODAY, NOW))
        .hasMessage("refusal.transition-who");
  }

  @Test
  void aTransitionsLabelIsOneShortLineAndOnlyForAnotherKind() {
    LocalDate day = LocalDate.of(2027, 1, 4);

    assertThatThrownBy(() -> new Transition(day, TransitionKind.OTHER, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Transition(day, TransitionKind.OTHER, "x".repeat(61)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Transition(day, TransitionKind.OTHER, "two\nlines"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Transition(day, TransitionKind.EXAMS, "exams"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Transition(day, TransitionKind.OTHER, "x".repeat(60)).label()).hasSize(60);
  }

  @Test
  void knownKindsAreReadInDutchAndEnglish() {
    assertThat(TransitionKind.forWords("Examens")).contains(TransitionKind.EXAMS);
    assertThat(TransitionKind.forWords("nieuwe school")).contains(TransitionKind.SCHOOL_CHANGE);
    assertThat(TransitionKind.forWords("new-class")).contains(TransitionKind.CLASS_CHANGE);
    assertThat(TransitionKind.forWords("einde-hulp")).contains(TransitionKind.CARE_END);
    assertThat(TransitionKind.forWords("internship")).isEmpty();
  }

  @Test
  void aClosedCaseRecordsNoTransition() {
    Case closed = team().close(ANNA, NOW, new SplittableRandom(1));

    assertThatThrownBy(() -> closed.addTransition(ANNA, EXAMS, TODAY, NOW))
        .hasMessage("refusal.case-closed");
  }
}
