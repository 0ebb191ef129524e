package kring.core.schedule;

import static kring.core.schedule.PlannerTest.BRUSSELS;
import static kring.core.schedule.PlannerTest.CODE;
import static kring.core.schedule.PlannerTest.local;
import static kring.testing.Samples.partnerUser;
import static kring.testing.Samples.slackChannel;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Cadence;
import kring.core.cases.Case;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * The plan around the school holidays of 2026–2027: the September check of who is still on the team
 * goes only to cases that existed before the summer holiday.
 */
class PlannerHolidaysTest {

  final Planner planner = new Planner(BRUSSELS);

  static String at(Instant instant) {
    return LocalDateTime.ofInstant(instant, BRUSSELS).toString();
  }

  /** Four partners who agreed at {@code agreed}, with a check-in every school week. */
  static Case weeklyCheckIns(String agreed) {
    Instant at = local(agreed);
    return Samples.activeCase(
            CODE,
            slackChannel("C1"),
            List.of(partnerUser(1), partnerUser(2), partnerUser(3), partnerUser(4)),
            CollaborationLevel.COLLABORATION,
            at)
        .setCadence(partnerUser(1), new Cadence(1, 0), at);
  }

  DuePrompt only(Case c, Instant now, PromptKind kind) {
    List<DuePrompt> found = planner.plan(c, now).stream().filter(p -> p.kind() == kind).toList();
    assertThat(found).as(kind.name()).hasSize(1);
    return found.get(0);
  }

  @Test
  void theSeptemberTeamCheckGoesOnlyToCasesThatExistedBeforeTheSummerHoliday() {
    Case june = weeklyCheckIns("2026-06-15T09:00");
    Case lastEvening = weeklyCheckIns("2026-08-31T20:00");
    Case firstDayOfSummer = weeklyCheckIns("2026-07-01T09:00");

    DuePrompt old = only(june, local("2026-08-31T20:00"), PromptKind.TEAM_CHECK);
    assertThat(at(old.dueAt())).isEqualTo("2026-09-01T10:00");
    assertThat(old.round()).isEqualTo(2026);

    for (Case fresh : List.of(lastEvening, firstDayOfSummer)) {
      DuePrompt next = only(fresh, local("2026-08-31T20:30"), PromptKind.TEAM_CHECK);
      assertThat(next.round()).isEqualTo(2027);
      assertThat(at(next.dueAt())).isEqualTo("2027-09-01T10:00");
    }
  }
}
