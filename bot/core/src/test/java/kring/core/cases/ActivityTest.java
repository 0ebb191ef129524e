package kring.core.cases;

import static kring.testing.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.checkin.CheckInRound;
import kring.core.partners.Handover;
import kring.core.partners.Role;
import org.junit.jupiter.api.Test;

/** The activity part: update marks, feedback requests, check-ins and handover notes. */
class ActivityTest {

  private static final Map<CheckInQuestion, CheckInAnswer> YES =
      Map.of(CheckInQuestion.values()[0], CheckInAnswer.YES);

  private final Activity opened = Activity.NONE.checkInOpened(1, at(0), at(60), List.of(1, 2, 3));

  @Test
  void aCheckInOpensOnceAndAnOlderNumberChangesNothing() {
    assertThat(opened.lastCheckIn().map(CheckInRound::number)).contains(1);
    assertThat(opened.checkInOpened(1, at(1), at(60), List.of(1))).isSameAs(opened);
  }

  @Test
  void aClosedCheckInKeepsOnlyItsTally() {
    Activity answered = opened.checkInAnswered(1, 1, YES, at(1)).checkInAnswered(2, 1, null, at(2));

    assertThat(answered.checkInAnswered(1, 1, YES, at(3))).isSameAs(answered);
    CheckInRound closed = answered.checkInClosed(1).checkIn(1).orElseThrow();
    assertThat(closed.open()).isFalse();
    assertThat(closed.answers()).isEmpty();
    assertThat(closed.skipped()).isEmpty();
    assertThat(closed.tally().answered()).isEqualTo(1);
    assertThat(closed.tally().invited()).isEqualTo(3);
    assertThatThrownBy(() -> answered.checkInClosed(1).checkInAnswered(3, 1, YES, at(4)))
        .hasMessageContaining("refusal.check-in-closed");
    assertThatThrownBy(() -> opened.checkInAnswered(9, 1, YES, at(4)))
        .hasMessageContaining("refusal.check-in-not-yours");
  }

  @Test
  void forgettingTakesAPartnersPlaceInTheOpenCheckInTheirMarksAndNotes() {
    Activity full =
        opened
            .checkInAnswered(2, 1, YES, at(1))
            .updated(2, false, at(2))
            .handoverWritten(new Handover(2, Role.CLB, "note", "", at(3), List.of()));

    Activity without = full.without(Set.of(2));

    assertThat(without.checkIn(1).orElseThrow().invited()).containsExactly(1, 3);
    assertThat(without.checkIn(1).orElseThrow().answers()).isEmpty();
    assertThat(without.lastUpdate(2)).isEmpty();
    assertThat(without.handovers()).isEmpty();
  }

  @Test
  void feedbackIsAskedUnderTheNextNumberAndGivenOnce() {
    Activity asked = Activity.NONE.feedbackAsked(1, List.of(2, 3), at(0));
    Activity given = asked.feedbackGiven(2, 1);

    assertThat(given.feedback(1).orElseThrow().answered()).containsExactly(2);
    assertThat(given.feedbackGiven(2, 1)).isSameAs(given);
    assertThat(given.feedbackAsked(1, List.of(3), at(1)).feedback(2)).isPresent();
    assertThatThrownBy(() -> asked.feedbackGiven(4, 1))
        .hasMessageContaining("refusal.feedback-not-asked");
  }
}
