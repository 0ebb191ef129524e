package kring.scheduler.planning;

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
import kring.core.cases.Case;
import kring.core.cases.CaseSettings;
import kring.core.cases.CaseStatus;
import kring.core.cases.Transition;
import kring.core.checkin.CheckInRound;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.reflection.Anonymity;
import kring.core.reflection.ReflectionRound;
import kring.core.updates.FeedbackRequest;
import kring.core.updates.UpdateMark;
import kring.scheduler.calendar.FlemishHolidays;
import kring.scheduler.calendar.SchoolCalendar;
import kring.scheduler.calendar.WorkingHours;

/**
 * Plans a case's prompts from its state and its school calendar. Planning is a pure function of the
 * case: planning again after any change replaces what was planned, and a prompt already sent keeps
 * its id, so it is never sent twice.
 *
 * <p>Over 600 lines on purpose: it is one pure function, {@link #plan}, whose parts (kick-off,
 * news, feedback, check-ins, rounds, transitions, the team check) read the same case, calendar and
 * rhythm and must agree on ids and windows; split by kind, each part would need the others' dates
 * passed in, and what a case gets would no longer be readable in one place.
 */
public final class Planner {

  /** Gentle and growing: reminders after 2, 5 and 10 school days of waiting. */
  static final int[] KICKOFF_REMINDER_DAYS = {2, 5, 10};

  /** Then the coordinator hears privately who is still missing. */
  static final int KICKOFF_ESCALATION_DAYS = 12;

  /** A partner whose news is overdue is nudged twice at most, a rhythm apart. */
  static final int UPDATE_NUDGES = 2;

  /** Without an agreed answer time, feedback is followed up after this many school days. */
  static final int DEFAULT_ANSWER_DAYS = 2;

  /** A check-in's one reminder comes this many school days after it opened. */
  static final int CHECK_IN_REMINDER_DAYS = 2;

  /** A check-in stays open this many school days. */
  static final int CHECK_IN_OPEN_DAYS = 4;

  /** It closes at noon, so the summary is read the same day. */
  static final LocalTime CHECK_IN_CLOSE_TIME = LocalTime.of(12, 0);

  /**
   * A reflection round's answers count until 16:00, so that the round closes and its summary posts
   * in working hours.
   */
  public static final LocalTime REFLECTION_CLOSE_TIME = LocalTime.of(16, 0);

  /** A represented person's view is asked for this many school days after the partners agreed. */
  static final int VOICE_AFTER_DAYS = 5;

  /** A round before a known transition opens this many school days before it. */
  static final int TRANSITION_LEAD_DAYS = 10;

  /**
   * A round held or planned within this many school days before a transition already prepares for
   * it: no second round so soon.
   */
  static final int TRANSITION_WINDOW_DAYS = 20;

  /** A round needs a school week to be answered; one that could not close before it is left out. */
  static final int TRANSITION_LATEST_DAYS = 5;

  /** Reminders come mid-morning, not the first thing of the day. */
  public static final LocalTime REMINDER_TIME = LocalTime.of(10, 0);

  private final ZoneId zone;
  private final Anonymity anonymity;

  public Planner(ZoneId zone) {
    this(zone, Anonymity.DEFAULT);
  }

  /**
   * @param anonymity how many answers a reflection question needs before it is shown; a case with
   *     fewer acting partners gets no scheduled round
   */
  public Planner(ZoneId zone, Anonymity anonymity) {
    this.zone = zone;
    this.anonymity = anonymity;
  }

  /** The installation's anonymity threshold for reflection rounds. */
  public Anonymity anonymity() {
    return anonymity;
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
    if (c.paused()) {
      return List.of();
    }
    Instant from = now.minus(JUST_DUE);
    List<DuePrompt> prompts = new ArrayList<>();
    if (c.status() == CaseStatus.ACTIVE) {
      prompts.addAll(running(c, now));
    } else {
      kickoff(c).stream().filter(p -> !p.dueAt().isBefore(from)).forEach(prompts::add);
    }
    // A round's close stays planned however late: a round must never stay open for good.
    reflectionPrompts(c, now).stream()
        .filter(p -> p.kind() == PromptKind.REFLECTION_CLOSE || !p.dueAt().isBefore(from))
        .forEach(prompts::add);
    return prompts;
  }

  private List<DuePrompt> kickoff(Case c) {
    if (c.status() != CaseStatus.INTAKE) {
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
   * The prompts of a running case. Unlike the kickoff reminders these series start over (after each
   * update, after each check-in), so a moment that passed while the case was on hold is not lost:
   * it comes the next school morning instead.
   */
  private List<DuePrompt> running(Case c, Instant now) {
    SchoolCalendar calendar = calendarOf(c);
    Instant soonest = soonest(calendar, now);
    List<DuePrompt> prompts = new ArrayList<>();
    if (c.closing()) {
      // The final evaluation runs: what was asked is still followed up, nothing new starts.
      feedback(c, calendar, now, soonest, prompts);
      if (c.activity().lastCheckIn().filter(CheckInRound::open).isPresent()) {
        checkIns(c, calendar, now, soonest, prompts);
      }
      return prompts;
    }
    updates(c, calendar, now, soonest, prompts);
    feedback(c, calendar, now, soonest, prompts);
    checkIns(c, calendar, now, soonest, prompts);
    teamCheck(c, calendar, now, prompts);
    voices(c, calendar, now, prompts);
    nextReflection(c, calendar, now, soonest, prompts);
    return prompts;
  }

  /**
   * A represented person's view older than the agreed version (or never recorded): their
   * representative is reminded once per agreed version, a week after the partners agreed.
   */
  private void voices(Case c, SchoolCalendar calendar, Instant now, List<DuePrompt> out) {
    Optional<Instant> agreed = c.agreements().agreedAt();
    if (agreed.isEmpty()) {
      return;
    }
    for (Partner p : c.partners()) {
      if (!p.active() || p.membership() != Membership.REPRESENTED) {
        continue;
      }
      if (p.voice() != null && !p.voice().recordedAt().isBefore(agreed.get())) {
        continue;
      }
      Optional<Partner> speaker = c.partner(p.representedBy()).filter(Partner::confirms);
      Instant due = morning(calendar, agreed.get().atZone(zone).toLocalDate(), VOICE_AFTER_DAYS);
      if (speaker.isPresent() && !due.isBefore(now.minus(JUST_DUE))) {
        out.add(
            DuePrompt.of(
                c.code(),
                PromptKind.VOICE_REMINDER,
                speaker.get().user(),
                // The round names both the agreed version and the person represented (a case
                // holds at most 40 people, so their number stays below 1000).
                c.agreements().agreedVersion() * 1000L + p.seq(),
                1,
                due,
                due.plus(PromptKind.VOICE_REMINDER.validFor())));
      }
    }
  }

  /**
   * Once a year, on the first school day of September, the coordinator checks who is still on the
   * team: people change jobs over the summer, often without a handover. Only a case that existed
   * before the summer holiday asks: a team formed over the summer is new.
   */
  private void teamCheck(Case c, SchoolCalendar calendar, Instant now, List<DuePrompt> out) {
    Optional<Partner> owner = c.coordinator().filter(Partner::hasAccount);
    if (owner.isEmpty()) {
      return;
    }
    int year = now.atZone(zone).getYear();
    Instant due = morning(calendar, LocalDate.of(year, 9, 1), 0);
    if (due.isBefore(now.minus(JUST_DUE)) || !c.startedAt().isBefore(summerStart(year))) {
      year++;
      due = morning(calendar, LocalDate.of(year, 9, 1), 0);
    }
    out.add(series(c, PromptKind.TEAM_CHECK, owner.get(), year, 1, due));
  }

  /** The first moment of the summer holiday before September of {@code year}. */
  private Instant summerStart(int year) {
    LocalDate first =
        FlemishHolidays.schoolYear(year - 1).stream()
            .filter(h -> h.name().equals("summer"))
            .findFirst()
            .orElseThrow()
            .first();
    return first.atStartOfDay(zone).toInstant();
  }

  /**
   * Each partner who acts is nudged when their news is overdue under the rhythm of the case's
   * collaboration level, and once more a rhythm later; then Kring lets it be until they post.
   */
  private void updates(
      Case c, SchoolCalendar calendar, Instant now, Instant soonest, List<DuePrompt> out) {
    int every = updateEverySchoolDays(c);
    for (Partner partner : actingPartners(c)) {
      LocalDate from = updateWaitStart(c, partner);
      boolean planned = false;
      for (int step = 1; step <= UPDATE_NUDGES; step++) {
        Instant due = morning(calendar, from, every * step);
        if (!due.isBefore(now.minus(JUST_DUE))) {
          out.add(series(c, PromptKind.UPDATE_DUE, partner, from.toEpochDay(), step, due));
          planned = true;
        }
      }
      if (!planned) {
        // Every nudge of this wait is past (the case was on hold): the last one comes soon.
        out.add(
            series(c, PromptKind.UPDATE_DUE, partner, from.toEpochDay(), UPDATE_NUDGES, soonest));
      }
    }
  }

  /**
   * The day a partner's wait for news began: their latest update, or when they joined or the
   * partners agreed, whichever came last. Update prompts name it, so news ends their series.
   */
  public LocalDate updateWaitStart(Case c, Partner partner) {
    Instant since = latest(c.agreements().agreedAt().orElse(c.startedAt()), partner.since());
    Optional<UpdateMark> last = c.activity().lastUpdate(partner.seq());
    if (last.isPresent()) {
      since = latest(since, last.get().at());
    }
    return since.atZone(zone).toLocalDate();
  }

  /** The partners asked for feedback who have not answered, after the agreed answer time. */
  private void feedback(
      Case c, SchoolCalendar calendar, Instant now, Instant soonest, List<DuePrompt> out) {
    int within =
        c.agreements()
            .agreed()
            .map(a -> a.communication().answerWithinSchoolDays())
            .orElse(DEFAULT_ANSWER_DAYS);
    for (FeedbackRequest request : c.activity().feedback()) {
      LocalDate posted = request.postedAt().atZone(zone).toLocalDate();
      Instant due = orSoonest(morning(calendar, posted, within), now, soonest);
      for (int seq : request.waitingFor()) {
        c.partner(seq)
            .filter(p -> p.confirms() && !p.unreachable())
            .ifPresent(
                p -> out.add(series(c, PromptKind.FEEDBACK_FOLLOWUP, p, request.number(), 1, due)));
      }
    }
  }

  /**
   * The next check-in opens the case's rhythm in school weeks after the previous one (or after the
   * partners agreed); an open one reminds who has not answered, once, and closes after a few school
   * days.
   */
  private void checkIns(
      Case c, SchoolCalendar calendar, Instant now, Instant soonest, List<DuePrompt> out) {
    Optional<Partner> owner = c.coordinator().filter(Partner::hasAccount);
    if (owner.isEmpty()) {
      return;
    }
    Optional<CheckInRound> last = c.activity().lastCheckIn();
    if (last.isPresent() && last.get().open()) {
      CheckInRound round = last.get();
      LocalDate opened = round.openedAt().atZone(zone).toLocalDate();
      Instant remind = morning(calendar, opened, CHECK_IN_REMINDER_DAYS);
      if (!remind.isBefore(now.minus(JUST_DUE)) && remind.isBefore(round.closesAt())) {
        for (int seq : round.invited()) {
          boolean done =
              round.skipped().contains(seq)
                  || round.answers().stream().anyMatch(a -> a.partnerSeq() == seq);
          c.partner(seq)
              .filter(p -> !done && p.hasAccount() && !p.unreachable())
              .ifPresent(
                  p ->
                      // Worth sending until the check-in closes, however long it had to wait.
                      out.add(
                          DuePrompt.of(
                              c.code(),
                              PromptKind.CHECK_IN_REMINDER,
                              p.user(),
                              round.number(),
                              1,
                              remind,
                              round.closesAt())));
        }
      }
      Instant ask = latest(round.openedAt(), now.minus(JUST_DUE));
      for (Partner partner : actingPartners(c)) {
        if (round.invited().contains(partner.seq()) && ask.isBefore(round.closesAt())) {
          // Worth sending until the check-in closes, however long it had to wait.
          out.add(
              DuePrompt.of(
                  c.code(),
                  PromptKind.CHECK_IN_INVITE,
                  partner.user(),
                  round.number(),
                  1,
                  ask,
                  round.closesAt()));
        }
      }
      Instant close = latest(round.closesAt(), now.minus(JUST_DUE));
      out.add(series(c, PromptKind.CHECK_IN_CLOSE, owner.get(), round.number(), 1, close));
      return;
    }
    int number = last.map(r -> r.number() + 1).orElse(1);
    Instant open = orSoonest(checkInDue(c, calendar, last), now, soonest);
    // A check-in that would run into a school holiday and cannot close in time before it waits.
    open = checkInWindow(calendar, open).opensAt();
    out.add(series(c, PromptKind.CHECK_IN_OPEN, owner.get(), number, 1, open));
  }

  /**
   * When the rhythm wants the check-in after {@code previous} (or the first one, after the partners
   * agreed): the case's rhythm in school weeks later, holidays or not.
   */
  private Instant checkInDue(Case c, SchoolCalendar calendar, Optional<CheckInRound> previous) {
    Instant since =
        previous.map(CheckInRound::openedAt).or(c.agreements()::agreedAt).orElse(c.startedAt());
    return morning(calendar, since.atZone(zone).toLocalDate(), 5 * checkInWeeks(c));
  }

  private static RoundWindow checkInWindow(SchoolCalendar calendar, Instant wanted) {
    return RoundWindow.fit(calendar, wanted, CHECK_IN_OPEN_DAYS, CHECK_IN_CLOSE_TIME);
  }

  /**
   * How check-in {@code round} fits around the school holidays, for its invitation to say: it
   * closes before a holiday, it opened after one the rhythm's moment ran into, or it runs as usual.
   */
  public RoundWindow checkInWindow(Case c, CheckInRound round) {
    SchoolCalendar calendar = calendarOf(c);
    RoundWindow opened =
        RoundWindow.openedAt(calendar, round.openedAt(), CHECK_IN_OPEN_DAYS, CHECK_IN_CLOSE_TIME);
    if (opened.fit() != RoundWindow.Fit.USUAL) {
      return opened;
    }
    RoundWindow byRhythm =
        checkInWindow(calendar, checkInDue(c, calendar, c.activity().checkIn(round.number() - 1)));
    boolean waited =
        byRhythm.fit() == RoundWindow.Fit.OPENS_AFTER
            && !round.openedAt().isBefore(byRhythm.opensAt().minus(JUST_DUE));
    return waited ? byRhythm : opened;
  }

  /**
   * The next reflection round opens the case's reflection rhythm in school weeks after the previous
   * round (scheduled or started by the coordinator) or after the partners agreed, or earlier, about
   * {@link #TRANSITION_LEAD_DAYS} school days before a known transition that no round held or
   * planned shortly before prepares for. None when the rhythm is 0 (the case has no reflection
   * rounds), while a round is open, or while too few partners take part to keep answers anonymous
   * (it comes once enough do).
   */
  private void nextReflection(
      Case c, SchoolCalendar calendar, Instant now, Instant soonest, List<DuePrompt> out) {
    int weeks = c.cadence().reflectionWeeks();
    Optional<Partner> owner = c.coordinator().filter(Partner::hasAccount);
    if (weeks == 0
        || owner.isEmpty()
        || c.openReflection().isPresent()
        || !anonymity.allows(c.reflectingPartners().size())) {
      return;
    }
    Optional<ReflectionRound> last = c.reflections().rounds().stream().reduce((a, b) -> b);
    int number = last.map(r -> r.number() + 1).orElse(1);
    Instant since =
        last.map(ReflectionRound::openedAt).or(c.agreements()::agreedAt).orElse(c.startedAt());
    LocalDate from = since.atZone(zone).toLocalDate();
    Instant open = orSoonest(morning(calendar, from, 5 * weeks), now, soonest);
    Optional<LocalDate> held = last.map(r -> r.openedAt().atZone(zone).toLocalDate());
    Optional<Instant> before = beforeTransition(c, calendar, held, open, now, soonest);
    if (before.isPresent() && before.get().isBefore(open)) {
      open = before.get();
    }
    out.add(series(c, PromptKind.REFLECTION_OPEN, owner.get(), number, 1, open));
  }

  /**
   * When a round should open for the first known transition ahead that neither the last round
   * ({@code held}) nor the round the rhythm plans ({@code byRhythm}) prepares for; empty when every
   * one is prepared for, or it is too late for a round to close before it.
   */
  private Optional<Instant> beforeTransition(
      Case c,
      SchoolCalendar calendar,
      Optional<LocalDate> held,
      Instant byRhythm,
      Instant now,
      Instant soonest) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate rhythmDay = byRhythm.atZone(zone).toLocalDate();
    for (Transition t : c.settings().upcomingTransitions(today)) {
      LocalDate windowStart = calendar.minusSchoolDays(t.on(), TRANSITION_WINDOW_DAYS);
      boolean heldShortlyBefore = held.filter(day -> !day.isBefore(windowStart)).isPresent();
      boolean plannedShortlyBefore = !rhythmDay.isBefore(windowStart) && rhythmDay.isBefore(t.on());
      if (!t.on().isAfter(today) || heldShortlyBefore || plannedShortlyBefore) {
        continue;
      }
      Instant at =
          orSoonest(
              morning(calendar, calendar.minusSchoolDays(t.on(), TRANSITION_LEAD_DAYS), 0),
              now,
              soonest);
      LocalDate closes =
          calendar.plusSchoolDays(at.atZone(zone).toLocalDate(), TRANSITION_LATEST_DAYS);
      if (closes.isBefore(t.on())) {
        return Optional.of(at);
      }
    }
    return Optional.empty();
  }

  /**
   * The known transition a round opened at {@code openedAt} prepares for: the first one ahead that
   * it opened within {@link #TRANSITION_WINDOW_DAYS} school days of.
   */
  public Optional<Transition> preparedTransition(Case c, Instant openedAt) {
    SchoolCalendar calendar = calendarOf(c);
    LocalDate opened = openedAt.atZone(zone).toLocalDate();
    return c.settings().upcomingTransitions(opened).stream()
        .filter(t -> t.on().isAfter(opened))
        .filter(t -> !opened.isBefore(calendar.minusSchoolDays(t.on(), TRANSITION_WINDOW_DAYS)))
        .findFirst();
  }

  /**
   * How a check-in the rhythm wants to open at {@code wanted} fits around the school holidays: it
   * may have to wait until after one, when too little time is left before it.
   */
  public RoundWindow checkInWindowAt(Case c, Instant wanted) {
    return RoundWindow.fit(calendarOf(c), wanted, CHECK_IN_OPEN_DAYS, CHECK_IN_CLOSE_TIME);
  }

  /**
   * When a check-in that opens at {@code opened} closes: a few school days later at noon, or on the
   * last school day before a school holiday it would run into ({@link RoundWindow}).
   */
  public Instant checkInClosesAt(Case c, Instant opened) {
    return RoundWindow.openedAt(calendarOf(c), opened, CHECK_IN_OPEN_DAYS, CHECK_IN_CLOSE_TIME)
        .closesAt();
  }

  /**
   * When a reflection round wanted at {@code wanted} for {@code schoolDays} school days takes
   * answers: until 16:00 on its last day, closing before a school holiday it would run into or
   * opening after it ({@link RoundWindow}).
   */
  public RoundWindow reflectionWindow(Case c, Instant wanted, int schoolDays) {
    return RoundWindow.fit(calendarOf(c), wanted, schoolDays, REFLECTION_CLOSE_TIME);
  }

  /** School weeks between check-ins: the coordinator's rhythm, else the agreement's. */
  public static int checkInWeeks(Case c) {
    return c.cadence().checkInWeeks();
  }

  /**
   * How many school days a partner's news may wait, by collaboration level: weekly when the
   * partners really collaborate, every two weeks when they coordinate, monthly for contact only.
   */
  public static int updateEverySchoolDays(Case c) {
    return switch (c.agreements().level()) {
      case COLLABORATION -> 5;
      case COORDINATION -> 10;
      case CONTACT -> 20;
    };
  }

  /** The partners a running case prompts: those who act and can be reached. */
  private static List<Partner> actingPartners(Case c) {
    return c.partners().stream().filter(p -> p.confirms() && !p.unreachable()).toList();
  }

  /** The first moment a prompt that should already have come may still come: next school day. */
  private static Instant soonest(SchoolCalendar calendar, Instant now) {
    LocalDate today = now.atZone(calendar.zone()).toLocalDate();
    return morning(calendar, today, 1);
  }

  /** A moment that already passed (the case was on hold) becomes the soonest one instead. */
  private static Instant orSoonest(Instant due, Instant now, Instant soonest) {
    return due.isBefore(now.minus(JUST_DUE)) ? soonest : due;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static DuePrompt series(
      Case c, PromptKind kind, Partner to, long round, int step, Instant due) {
    return DuePrompt.of(c.code(), kind, to.user(), round, step, due, due.plus(kind.validFor()));
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
   * needs to do nothing), the invitation of each partner who has not answered a round the rhythm
   * opened or started by hand (not the partner who started it, asked in answer), and one reminder
   * on the last school day before the deadline to each invited partner who has not answered, unless
   * the case is paused. The round number is the step, so a reminder once handed out is never
   * planned again.
   */
  List<DuePrompt> reflectionPrompts(Case c, Instant now) {
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
    // Each partner is asked within their school days and hours and their share of prompts,
    // whoever opened the round; the partner who started it by hand was asked in answer.
    Instant ask = latest(round.openedAt(), now.minus(JUST_DUE));
    Instant until = round.closesAt().minusSeconds(1);
    for (int seq : round.notAnswered()) {
      c.partner(seq)
          .filter(p -> p.seq() != round.startedBy())
          .filter(p -> p.hasAccount() && !p.unreachable() && ask.isBefore(until))
          .ifPresent(
              p ->
                  prompts.add(
                      DuePrompt.of(
                          c.code(),
                          PromptKind.REFLECTION_INVITE,
                          p.user(),
                          round.number(),
                          ask,
                          until)));
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
              p ->
                  // Worth sending until the round closes, however long it had to wait.
                  prompts.add(
                      DuePrompt.of(
                          c.code(),
                          PromptKind.REFLECTION_REMINDER,
                          p.user(),
                          round.number(),
                          remind,
                          round.closesAt().minusSeconds(1))));
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
