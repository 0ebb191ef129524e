package kring.core.conversation.calendar;

import static kring.core.conversation.Entries.step;
import static kring.core.conversation.FormReader.readDate;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kring.core.cases.Cadence;
import kring.core.cases.Case;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import kring.core.conversation.Proposals;
import kring.core.conversation.Proposals.Proposal;
import kring.core.conversation.Turn;
import kring.core.identity.People;
import kring.core.partners.Action;
import kring.core.reply.Reply;
import kring.scheduler.calendar.WorkingHours;

/**
 * When Kring may prompt: a person's own working hours across their cases, and a case's hours,
 * school free days, holiday skipping and rhythm of check-ins and reflection rounds.
 */
public final class CalendarFlow implements Feature {

  /** {@code 8-16}, {@code 8:30-16}, {@code 08:30-16:00}; an en dash counts as a dash. */
  private static final Pattern RANGE =
      Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*[-–]\\s*(\\d{1,2})(?::(\\d{2}))?");

  private static final Pattern WEEKS = Pattern.compile("\\d{1,2}");

  private static final Set<String> DEFAULT = Set.of("standaard", "default");
  private static final Set<String> OF_THE_CASE = Set.of("zaak", "casus", "case");
  private static final Set<String> REMOVE = Set.of("weg", "verwijder", "remove", "delete");
  private static final Set<String> REFLECTION = Set.of("reflectie", "reflection");
  private static final RefusalReason ONLY_COORDINATOR = RefusalReason.ONLY_COORDINATOR_SCHEDULES;

  private final People people;
  private final Cards cards;

  public CalendarFlow(People people, Cards cards) {
    this.people = people;
    this.cards = cards;
  }

  /** Working hours, free days, school holidays and the case's rhythm. */
  @Override
  public void declare(Entries entries) {
    entries
        .command("HOURS", List.of("werkuren", "uren"), List.of("hours"), step(this::hours))
        .command(
            "FREE_DAY",
            List.of("vrije dag", "vrijedag"),
            List.of("free day", "freeday"),
            step(this::freeDay))
        .command(
            "HOLIDAYS",
            List.of("vakanties", "vakantie"),
            List.of("holidays"),
            step((t, a) -> holidays(t, a, false)))
        .command(
            "CADENCE",
            List.of("ritme"),
            List.of("cadence", "rhythm"),
            step((t, a) -> cadence(t, a, false)))
        .button(Actions.CASE_HOURS, step((t, v) -> caseHours(t, Proposals.argument(t, v), true)))
        .button(Actions.HOLIDAYS, step((t, v) -> holidays(t, Proposals.argument(t, v), true)))
        .button(Actions.CADENCE, step((t, v) -> cadence(t, Proposals.argument(t, v), true)));
  }

  /**
   * {@code hours}: shows the speaker's own hours; {@code hours 08:30-16:00} sets them for all their
   * cases, {@code hours default} clears them; {@code hours case …} is about the case's hours.
   */
  void hours(Turn turn, String args) {
    String[] words = words(args);
    if (words.length > 0 && OF_THE_CASE.contains(words[0])) {
      caseHours(turn, args.substring(words[0].length()).strip(), false);
      return;
    }
    if (words.length == 0) {
      showHours(turn);
      return;
    }
    if (DEFAULT.contains(words[0]) && words.length == 1) {
      people.clearWorkingHours(turn.user());
      turn.answer("hours.cleared");
      return;
    }
    WorkingHours hours = parseHours(args);
    people.setWorkingHours(turn.user(), hours);
    turn.answer("hours.set", ends(hours));
  }

  /**
   * {@code hours case 09:00-16:00} (or {@code default}): the case's hours; the coordinator or
   * backup sets them, a partner proposes.
   */
  void caseHours(Turn turn, String args, boolean pressed) {
    caseOfAPartner(turn);
    String[] words = words(args);
    if (words.length == 0) {
      showHours(turn);
      return;
    }
    WorkingHours hours =
        DEFAULT.contains(words[0]) && words.length == 1
            ? WorkingHours.SCHOOL_DAY
            : parseHours(args);
    Object[] ends = ends(hours);
    Proposals.decide(
        turn,
        pressed,
        new Proposal(
            "case-hours",
            Actions.CASE_HOURS,
            ends[0] + "-" + ends[1],
            List.of(ends),
            c -> c.settings().hours().equals(hours),
            ONLY_COORDINATOR,
            c -> c.setHours(turn.user(), hours, turn.now())));
  }

  /**
   * {@code free day 2026-12-07} adds a school free day to the case, {@code free day remove …}
   * removes it; without a date, lists the case's free days.
   */
  void freeDay(Turn turn, String args) {
    Case c = caseOfAPartner(turn);
    String[] words = words(args);
    if (words.length == 0) {
      showFreeDays(turn, c);
      return;
    }
    boolean remove = REMOVE.contains(words[0]);
    if (words.length != (remove ? 2 : 1)) {
      throw new Refusal(RefusalReason.FREE_DAY_DATE, shown(args));
    }
    LocalDate day = parseDate(words[words.length - 1]);
    Case after =
        turn.change(
            now ->
                remove
                    ? now.removeFreeDay(turn.user(), day, turn.now())
                    : now.addFreeDay(turn.user(), day, cards.today(turn.now()), turn.now()));
    if (!turn.wrote()) {
      turn.answer(remove ? "free-day.not-there" : "free-day.already");
      return;
    }
    turn.announce(
        Reply.text(
            turn.tc(
                remove ? "free-day.removed" : "free-day.added",
                Proposals.who(after, turn.user()),
                cards.day(day, turn.caseLanguage()))));
  }

  /**
   * {@code holidays off} / {@code on}: whether prompts skip school holidays; off only for a case
   * without school or CLB partners. The coordinator or backup decides, a partner proposes.
   */
  void holidays(Turn turn, String args, boolean pressed) {
    Case c = caseOfAPartner(turn);
    boolean skip =
        switch (args.toLowerCase(Locale.ROOT)) {
          case "uit", "off" -> false;
          case "aan", "on" -> true;
          default -> throw new Refusal(RefusalReason.HOLIDAYS_USAGE);
        };
    if (!skip && !c.team().youthCareOnly()) {
      // Said before anything is proposed: a proposal the coordinator could not accept helps nobody.
      throw new Refusal(RefusalReason.HOLIDAYS_SCHOOL_CASE);
    }
    Proposals.decide(
        turn,
        pressed,
        new Proposal(
            skip ? "holidays-on" : "holidays-off",
            Actions.HOLIDAYS,
            skip ? "on" : "off",
            List.of(),
            now -> now.settings().holidaysSkipped() == skip,
            ONLY_COORDINATOR,
            now -> now.skipHolidays(turn.user(), skip, turn.now())));
  }

  /**
   * {@code cadence 3} (check-ins every 3 school weeks, reflection as it is), {@code cadence 3
   * reflection 6}, {@code cadence default} (the agreement's again); without more, shows it.
   */
  void cadence(Turn turn, String args, boolean pressed) {
    Case c = caseOfAPartner(turn);
    String[] words = words(args);
    if (words.length == 0) {
      turn.answer(Reply.builder().text(rhythm(turn, c)).note(turn.t("cadence.how")).build());
      return;
    }
    if (DEFAULT.contains(words[0]) && words.length == 1) {
      Cadence agreed = c.agreements().cadence();
      Proposals.decide(
          turn,
          pressed,
          new Proposal(
              "cadence-default",
              Actions.CADENCE,
              "default",
              List.of(agreed.checkInWeeks(), agreed.reflectionWeeks()),
              now -> now.settings().cadence() == null,
              ONLY_COORDINATOR,
              now -> now.setCadence(turn.user(), null, turn.now())));
      return;
    }
    Cadence cadence = parseCadence(words, c.cadence());
    Proposals.decide(
        turn,
        pressed,
        new Proposal(
            "cadence",
            Actions.CADENCE,
            cadence.checkInWeeks() + " reflection " + cadence.reflectionWeeks(),
            List.of(cadence.checkInWeeks(), cadence.reflectionWeeks()),
            now -> cadence.equals(now.settings().cadence()),
            ONLY_COORDINATOR,
            now -> now.setCadence(turn.user(), cadence, turn.now())));
  }

  /**
   * The case's calendar in a few short fields, for the schedule: its hours and holidays, its free
   * days to come, its rhythm and where that comes from, and the viewer's own hours.
   */
  void describe(Turn turn, Case c, Reply.Builder reply) {
    WorkingHours hours = c.settings().hours();
    reply.field(
        turn.t("schedule.when"),
        turn.t(
            "schedule.when-value",
            hours.start().toString(),
            hours.end().toString(),
            c.holidaysSkipped() ? 1 : 0));
    String days = upcomingFreeDays(turn, c);
    if (!days.isEmpty()) {
      reply.field(turn.t("schedule.free-days"), days);
    }
    reply.field(turn.t("schedule.rhythm"), rhythm(turn, c));
    turn.workingHoursOf(turn.user())
        .ifPresent(
            own ->
                reply.field(
                    turn.t("schedule.your-hours"), turn.t("schedule.your-hours-value", ends(own))));
  }

  /** The channel's case, for someone who takes part in it; others are told how to join. */
  private static Case caseOfAPartner(Turn turn) {
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.READ_CASE, RefusalReason.NOT_A_PARTNER);
    return c;
  }

  /** The case's rhythm and where it comes from, in the speaker's language. */
  private static String rhythm(Turn turn, Case c) {
    String key = c.settings().cadence() == null ? "schedule.rhythm-agreed" : "schedule.rhythm-set";
    return turn.t(key, c.cadence().checkInWeeks(), c.cadence().reflectionWeeks());
  }

  /** The case's school free days from today on, as people read them; empty when there are none. */
  private String upcomingFreeDays(Turn turn, Case c) {
    LocalDate today = cards.today(turn.now());
    return c.settings().freeDays().stream()
        .filter(d -> !d.isBefore(today))
        .map(d -> cards.day(d, turn.speakerLanguage()))
        .collect(Collectors.joining(", "));
  }

  /** The start and end of working hours, as shown: {@code 08:30}, {@code 16:00}. */
  private static Object[] ends(WorkingHours hours) {
    return new Object[] {hours.start().toString(), hours.end().toString()};
  }

  private void showHours(Turn turn) {
    Optional<WorkingHours> own = turn.workingHoursOf(turn.user());
    Reply.Builder reply = Reply.builder();
    own.ifPresentOrElse(
        h -> reply.text(turn.t("hours.mine", ends(h))),
        () -> reply.text(turn.t("hours.mine-none")));
    turn.caseHere().ifPresent(c -> reply.text(turn.t("hours.case", ends(c.settings().hours()))));
    turn.answer(reply.note(turn.t("hours.how")).build());
  }

  private void showFreeDays(Turn turn, Case c) {
    String days = upcomingFreeDays(turn, c);
    turn.answer(
        Reply.builder()
            .text(days.isEmpty() ? turn.t("free-day.none") : turn.t("free-day.list", days))
            .note(turn.t("free-day.how"))
            .build());
  }

  /** Working hours as people type them, read strictly; the answer to a mistake gives an example. */
  static WorkingHours parseHours(String text) {
    Matcher m = RANGE.matcher(text.strip());
    if (!m.matches()) {
      throw new Refusal(RefusalReason.HOURS_FORMAT, shown(text));
    }
    LocalTime start;
    LocalTime end;
    try {
      start = LocalTime.of(Integer.parseInt(m.group(1)), minutes(m.group(2)));
      end = LocalTime.of(Integer.parseInt(m.group(3)), minutes(m.group(4)));
    } catch (DateTimeException e) {
      throw new Refusal(RefusalReason.HOURS_FORMAT, shown(text));
    }
    try {
      return new WorkingHours(start, end);
    } catch (IllegalArgumentException e) {
      throw new Refusal(RefusalReason.HOURS_RANGE);
    }
  }

  /** A date as {@code 2026-12-07} or {@code 7/12/2026}, and nothing looser. */
  static LocalDate parseDate(String text) {
    return readDate(text).orElseThrow(() -> new Refusal(RefusalReason.FREE_DAY_DATE, shown(text)));
  }

  /** {@code 3} or {@code 3 reflection 6}; without reflection, the current one stays. */
  private static Cadence parseCadence(String[] words, Cadence current) {
    boolean withReflection = words.length == 3 && REFLECTION.contains(words[1]);
    if (!(words.length == 1 || withReflection)
        || !WEEKS.matcher(words[0]).matches()
        || !WEEKS.matcher(words[words.length - 1]).matches()) {
      throw new Refusal(RefusalReason.CADENCE_USAGE);
    }
    int checkIn = Integer.parseInt(words[0]);
    int reflection = withReflection ? Integer.parseInt(words[2]) : current.reflectionWeeks();
    try {
      return new Cadence(checkIn, reflection);
    } catch (IllegalArgumentException e) {
      throw new Refusal(RefusalReason.CADENCE_USAGE);
    }
  }

  /** What someone typed, as repeated in an answer: short, whatever they sent. */
  private static String shown(String typed) {
    String stripped = typed.strip();
    return stripped.length() > 40 ? stripped.substring(0, 40) + "…" : stripped;
  }

  private static int minutes(String typed) {
    return typed == null ? 0 : Integer.parseInt(typed);
  }

  private static String[] words(String args) {
    String stripped = args.strip().toLowerCase(Locale.ROOT);
    return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
  }
}
