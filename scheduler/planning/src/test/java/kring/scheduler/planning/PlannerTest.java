package kring.scheduler.planning;

import static kring.testing.Samples.partnerUser;
import static kring.testing.Samples.slackChannel;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.i18n.Language;
import kring.core.identity.UserRef;
import kring.core.partners.JoinRequest;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.reflection.Anonymity;
import kring.scheduler.calendar.SchoolCalendar;
import kring.scheduler.calendar.WorkingHours;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

class PlannerTest {

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final CaseCode CODE = new CaseCode("K-7F3Q");
  final Planner planner = new Planner(BRUSSELS);

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(BRUSSELS).toInstant();
  }

  static WorkingHours hours(int from, int to) {
    return new WorkingHours(LocalTime.of(from, 0), LocalTime.of(to, 0));
  }

  /** Two school partners waiting since Monday 2 March 2026; P1 coordinates. */
  static Case waiting() {
    return Samples.caseAwaitingConfirmations(CODE, slackChannel("C1"), 2);
  }

  /** When the reminder of {@code step} to {@code person} is due, in local time. */
  String reminder(Case c, UserRef person, int step) {
    return planner.plan(c, c.startedAt()).stream()
        .filter(p -> p.kind() == PromptKind.KICKOFF_REMINDER)
        .filter(p -> p.person().equals(person) && p.step() == step)
        .map(p -> LocalDateTime.ofInstant(p.dueAt(), BRUSSELS).toString())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void remindersComeWithinTheCasesOwnHours() {
    Case c = waiting();
    assertThat(reminder(c, partnerUser(2), 1)).isEqualTo("2026-03-04T10:00");

    Case later = c.setHours(partnerUser(1), hours(11, 15), c.startedAt());

    assertThat(reminder(later, partnerUser(2), 1)).isEqualTo("2026-03-04T11:00");
    assertThat(planner.calendarOf(later).sendable(local("2026-03-04T15:30")))
        .isEqualTo(local("2026-03-05T11:00"));
  }

  @Test
  void aReminderThatWouldFallOnASchoolFreeDayMovesPastIt() {
    Case c = waiting();
    assertThat(reminder(c, partnerUser(2), 2)).isEqualTo("2026-03-09T10:00");

    Case withFreeDay =
        c.addFreeDay(
            partnerUser(2), LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 2), c.startedAt());

    // Two school days after Monday skip the free Wednesday; so does every later step.
    assertThat(reminder(withFreeDay, partnerUser(2), 1)).isEqualTo("2026-03-05T10:00");
    assertThat(reminder(withFreeDay, partnerUser(2), 2)).isEqualTo("2026-03-10T10:00");
    assertThat(planner.calendarOf(withFreeDay).isSchoolDay(LocalDate.of(2026, 3, 4))).isFalse();
  }

  /** Anna (NAFT) and Bert (crisis worker) since Friday 19 December 2025, before Christmas. */
  static Case youthCareOnlyBeforeChristmas() {
    Instant friday = local("2025-12-19T09:00");
    UserRef anna = slackUser("UANNA");
    UserRef bert = slackUser("UBERT");
    return Case.start(CODE, null, slackChannel("C1"), Language.NL, anna, "Anna", friday)
        .introduce(anna, "Anna", "NAFT", Sector.YOUTH_CARE, Role.NAFT_COACH, friday)
        .askToJoin(
            new JoinRequest(
                bert, "Bert", null, Sector.YOUTH_CARE, Role.CRISIS_WORKER, false, friday))
        .acceptJoin(anna, bert, friday);
  }

  @Test
  void aYouthCareOnlyCaseWithHolidaysOffIsRemindedDuringTheHolidays() {
    Case c = youthCareOnlyBeforeChristmas();
    UserRef bert = slackUser("UBERT");
    assertThat(reminder(c, bert, 1)).isEqualTo("2026-01-06T10:00");

    Case worked = c.skipHolidays(slackUser("UANNA"), false, c.startedAt());

    assertThat(reminder(worked, bert, 1)).isEqualTo("2025-12-23T10:00");
    assertThat(planner.calendarOf(worked).sendable(local("2025-12-27T10:00")))
        .as("still not on a Saturday")
        .isEqualTo(local("2025-12-29T08:00"));
  }

  @Test
  void holidaysOffNoLongerHoldsOnceAClbPartnerJoins() {
    Case worked =
        youthCareOnlyBeforeChristmas().skipHolidays(slackUser("UANNA"), false, Samples.T0);
    UserRef clb = slackUser("UCLB");

    Case withClb =
        worked
            .askToJoin(new JoinRequest(clb, "Cleo", null, Sector.CLB, Role.CLB, false, Samples.T0))
            .acceptJoin(slackUser("UANNA"), clb, Samples.T0);

    assertThat(reminder(withClb, slackUser("UBERT"), 1)).isEqualTo("2026-01-06T10:00");
  }

  @Test
  void aPersonsOwnHoursNarrowTheCasesHoursForTheirPrompts() {
    Case c = waiting();
    SchoolCalendar bertsAfternoons = planner.calendarFor(c, Optional.of(hours(13, 18)));

    assertThat(bertsAfternoons.sendable(local("2026-03-04T10:00")))
        .isEqualTo(local("2026-03-04T13:00"));
    // After the case's 17:00, though Bert works until 18:00: the next afternoon.
    assertThat(bertsAfternoons.sendable(local("2026-03-04T17:30")))
        .isEqualTo(local("2026-03-05T13:00"));
    assertThat(planner.calendarFor(c, Optional.empty()).sendable(local("2026-03-04T10:00")))
        .isEqualTo(local("2026-03-04T10:00"));
  }

  @Test
  void whenThePersonsHoursDoNotOverlapTheCasesTheirOwnHoursWin() {
    Case mornings = waiting().setHours(partnerUser(1), hours(8, 12), Samples.T0);
    SchoolCalendar evenings = planner.calendarFor(mornings, Optional.of(hours(18, 21)));

    assertThat(evenings.sendable(local("2026-03-04T10:00"))).isEqualTo(local("2026-03-04T18:00"));
    assertThat(evenings.sendable(local("2026-03-04T21:30"))).isEqualTo(local("2026-03-05T18:00"));
    // The case's days still hold: Saturday evening waits for Monday.
    assertThat(evenings.sendable(local("2026-03-07T19:00"))).isEqualTo(local("2026-03-09T18:00"));
  }

  @Test
  void ownHoursAreTheOverlapWhenThereIsOne() {
    assertThat(hours(8, 17).forPerson(hours(13, 18))).isEqualTo(hours(13, 17));
    assertThat(hours(8, 17).forPerson(hours(6, 12))).isEqualTo(hours(8, 12));
    assertThat(hours(8, 17).forPerson(hours(10, 11))).isEqualTo(hours(10, 11));
    assertThat(hours(8, 12).forPerson(hours(12, 20))).as("touching only").isEqualTo(hours(12, 20));
    assertThat(hours(8, 12).forPerson(hours(18, 21))).isEqualTo(hours(18, 21));
  }

  @Test
  void planningKeepsTheSameIdsWhateverTheCalendarSaysSoNothingIsSentTwice() {
    Case c = waiting();
    Case moved = c.setHours(partnerUser(1), hours(11, 15), c.startedAt());

    List<String> before = planner.plan(c, c.startedAt()).stream().map(DuePrompt::id).toList();
    List<String> after = planner.plan(moved, c.startedAt()).stream().map(DuePrompt::id).toList();

    assertThat(after).isEqualTo(before);
  }

  @Test
  void aScheduledReflectionRoundNeedsAsManyActingPartnersAsTheAnonymityThreshold() {
    Case four =
        Samples.activeCase(
            CODE,
            slackChannel("C1"),
            List.of(partnerUser(1), partnerUser(2), partnerUser(3), partnerUser(4)),
            CollaborationLevel.COLLABORATION,
            local("2026-01-12T09:00"));
    Instant now = local("2026-01-12T09:30");

    assertThat(planner.plan(four, now)).anyMatch(p -> p.kind() == PromptKind.REFLECTION_OPEN);
    assertThat(new Planner(BRUSSELS, new Anonymity(4)).plan(four, now))
        .anyMatch(p -> p.kind() == PromptKind.REFLECTION_OPEN);
    assertThat(new Planner(BRUSSELS, new Anonymity(5)).plan(four, now))
        .noneMatch(p -> p.kind() == PromptKind.REFLECTION_OPEN);
  }
}
