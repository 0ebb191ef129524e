package kring.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kring.core.agreement.Agreement;
import kring.core.calendar.SchoolCalendar;
import kring.core.calendar.WorkingHours;
import kring.core.cases.Case;
import kring.core.cases.CaseSettings;
import kring.core.cases.CaseStatus;
import kring.core.partners.Partner;

/**
 * Plans a case's prompts from its state and its school calendar. Planning is a pure function of the
 * case: planning again after any change replaces what was planned, and a prompt already sent keeps
 * its id, so it is never sent twice.
 */
public final class Planner {

  /** Gentle and growing: reminders after 2, 5 and 10 school days of waiting. */
  static final int[] KICKOFF_REMINDER_DAYS = {2, 5, 10};

  /** Then the coordinator hears privately who is still missing. */
  static final int KICKOFF_ESCALATION_DAYS = 12;

  /** Reminders come mid-morning, not the first thing of the day. */
  static final LocalTime REMINDER_TIME = LocalTime.of(10, 0);

  private final ZoneId zone;

  public Planner(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The calendar a case's prompts follow: the case's working hours, its school's own free days, and
   * the school holidays unless this youth-care-only case works through them.
   */
  public SchoolCalendar calendarOf(Case c) {
    CaseSettings settings = c.settings();
    return new SchoolCalendar(
        zone, settings.hours(), c.holidaysSkipped(), Set.copyOf(settings.freeDays()));
  }

  /**
   * The calendar for sending one person a prompt of this case: the case's days, and the case's
   * hours narrowed by the hours the person set for all their cases ({@link
   * WorkingHours#forPerson}).
   */
  public SchoolCalendar calendarFor(Case c, Optional<WorkingHours> personal) {
    SchoolCalendar calendar = calendarOf(c);
    return personal
        .map(own -> calendar.withHours(calendar.hours().forPerson(own)))
        .orElse(calendar);
  }

  /**
   * A prompt that came due a moment ago may not have been claimed yet (the poller runs every half
   * minute); planning again keeps it. Older ones were missed on purpose (a pause) and stay missed.
   */
  static final Duration JUST_DUE = Duration.ofMinutes(5);

  /** Every prompt this case should get from {@code now} on, as far as its state says. */
  public List<DuePrompt> plan(Case c, Instant now) {
    Instant from = now.minus(JUST_DUE);
    return plan(c).stream().filter(p -> !p.dueAt().isBefore(from)).toList();
  }

  private List<DuePrompt> plan(Case c) {
    if (c.status() != CaseStatus.INTAKE || c.paused()) {
      return List.of();
    }
    SchoolCalendar calendar = calendarOf(c);
    List<Partner> missing = missingConfirmations(c);
    List<DuePrompt> prompts = new ArrayList<>();
    for (Partner partner : missing) {
      LocalDate waitingSince = partner.since().atZone(zone).toLocalDate();
      for (int step = 1; step <= KICKOFF_REMINDER_DAYS.length; step++) {
        Instant due = morning(calendar, waitingSince, KICKOFF_REMINDER_DAYS[step - 1]);
        prompts.add(prompt(c, PromptKind.KICKOFF_REMINDER, partner, step, due));
      }
    }
    Optional<Partner> coordinator = c.coordinator();
    if (coordinator.isPresent() && !othersMissing(c, coordinator.get()).isEmpty()) {
      LocalDate started = c.startedAt().atZone(zone).toLocalDate();
      Instant due = morning(calendar, started, KICKOFF_ESCALATION_DAYS);
      prompts.add(prompt(c, PromptKind.KICKOFF_ESCALATION, coordinator.get(), 1, due));
    }
    return prompts;
  }

  /**
   * The partners who still have to confirm before the case can start: every confirming partner
   * while nobody proposed an agreement, otherwise those who did not confirm the current version.
   */
  public static List<Partner> missingConfirmations(Case c) {
    Optional<Agreement> current = c.currentAgreement();
    return c.confirmingPartners().stream()
        .filter(p -> current.map(a -> !a.confirmedBy(p.seq())).orElse(true))
        .toList();
  }

  /** Who the coordinator is still waiting for: the missing partners other than themselves. */
  public static List<Partner> othersMissing(Case c, Partner coordinator) {
    return missingConfirmations(c).stream().filter(p -> p.seq() != coordinator.seq()).toList();
  }

  private static Instant morning(SchoolCalendar calendar, LocalDate from, int schoolDays) {
    return calendar.sendable(calendar.at(calendar.plusSchoolDays(from, schoolDays), REMINDER_TIME));
  }

  private static DuePrompt prompt(Case c, PromptKind kind, Partner to, int step, Instant due) {
    return DuePrompt.of(c.code(), kind, to.user(), step, due, due.plus(kind.validFor()));
  }
}
