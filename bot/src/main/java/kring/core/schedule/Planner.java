package kring.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import kring.core.agreement.Agreement;
import kring.core.calendar.SchoolCalendar;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.partners.Partner;
import kring.core.reflection.ReflectionRound;

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

  /** The calendar a case's prompts follow. */
  public SchoolCalendar calendarOf(Case c) {
    return SchoolCalendar.flemish(zone);
  }

  /**
   * A prompt that came due a moment ago may not have been claimed yet (the poller runs every half
   * minute); planning again keeps it. Older ones were missed on purpose (a pause) and stay missed.
   */
  static final Duration JUST_DUE = Duration.ofMinutes(5);

  /** Every prompt this case should get from {@code now} on, as far as its state says. */
  public List<DuePrompt> plan(Case c, Instant now) {
    Instant from = now.minus(JUST_DUE);
    // A round's close stays planned however late: a round must never stay open for good.
    return Stream.concat(plan(c).stream(), reflectionPrompts(c).stream())
        .filter(p -> p.kind() == PromptKind.REFLECTION_CLOSE || !p.dueAt().isBefore(from))
        .toList();
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

  /**
   * An open reflection round's prompts: its close at the deadline (due to whoever coordinates, who
   * needs to do nothing), and one reminder on the last school day before the deadline to each
   * invited partner who has not answered, unless the case is paused. The round number is the step,
   * so a reminder once handed out is never planned again.
   */
  List<DuePrompt> reflectionPrompts(Case c) {
    Optional<ReflectionRound> open = c.openReflection();
    if (c.status() == CaseStatus.CLOSED || open.isEmpty()) {
      return List.of();
    }
    ReflectionRound round = open.get();
    List<DuePrompt> prompts = new ArrayList<>();
    c.coordinator()
        .filter(Partner::hasAccount)
        .or(() -> c.reflectingPartners().stream().findFirst())
        .ifPresent(
            to ->
                prompts.add(
                    prompt(c, PromptKind.REFLECTION_CLOSE, to, round.number(), round.closesAt())));
    if (c.paused()) {
      return prompts;
    }
    SchoolCalendar calendar = calendarOf(c);
    LocalDate day = round.closesAt().atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i < LONGEST_WAIT_DAYS && !calendar.isSchoolDay(day); i++) {
      day = day.minusDays(1);
    }
    Instant remind = calendar.at(day, REMINDER_TIME);
    if (!remind.isAfter(round.openedAt()) || !remind.isBefore(round.closesAt())) {
      return prompts;
    }
    for (int seq : round.notAnswered()) {
      c.partner(seq)
          .filter(Partner::hasAccount)
          .ifPresent(
              p -> {
                Instant until = round.closesAt().minusSeconds(1);
                Instant valid = remind.plus(PromptKind.REFLECTION_REMINDER.validFor());
                prompts.add(
                    DuePrompt.of(
                        c.code(),
                        PromptKind.REFLECTION_REMINDER,
                        p.user(),
                        round.number(),
                        remind,
                        valid.isBefore(until) ? valid : until));
              });
    }
    return prompts;
  }

  /** A holiday run is at most this long; a deadline right after one finds its school day. */
  private static final int LONGEST_WAIT_DAYS = 80;

  private static Instant morning(SchoolCalendar calendar, LocalDate from, int schoolDays) {
    return calendar.sendable(calendar.at(calendar.plusSchoolDays(from, schoolDays), REMINDER_TIME));
  }

  private static DuePrompt prompt(Case c, PromptKind kind, Partner to, int step, Instant due) {
    return DuePrompt.of(c.code(), kind, to.user(), step, due, due.plus(kind.validFor()));
  }
}
