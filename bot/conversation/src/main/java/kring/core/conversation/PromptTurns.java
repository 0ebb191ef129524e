package kring.core.conversation;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.Place;
import kring.core.outbox.Recipient;
import kring.core.reply.Block;
import kring.core.reply.Reply;
import kring.scheduler.calendar.SchoolCalendar;
import kring.scheduler.calendar.WorkingHours;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.DuePrompts;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.PromptBudget;
import kring.scheduler.planning.PromptBudget.Share;
import kring.scheduler.planning.PromptKind;

/**
 * Few means few: each person with prompts waiting gets at most one message per school day (two per
 * school week), which combines what came due for them; what does not fit, or can wait, waits for
 * their next turn. Part of {@link ScheduledPrompts}, which finds what is due and sendable.
 */
final class PromptTurns {

  private static final Logger LOG = Logger.getLogger(ScheduledPrompts.class.getName());

  private final Cases cases;
  private final DuePrompts due;
  private final Outbox outbox;
  private final Planner planner;
  private final PromptBudget budget;
  private final Clock clock;

  PromptTurns(
      Cases cases,
      DuePrompts due,
      Outbox outbox,
      Planner planner,
      PromptBudget budget,
      Clock clock) {
    this.cases = cases;
    this.due = due;
    this.outbox = outbox;
    this.planner = planner;
    this.budget = budget;
    this.clock = clock;
  }

  /** A combined message holds at most this many prompts; the rest wait for the next one. */
  static final int MOST_IN_ONE = 5;

  /**
   * Few means few: each person with prompts waiting gets one message if it is their turn (their
   * first today, and at most their second this school week), combining every invitation and up to
   * {@link #MOST_IN_ONE} prompts in all; everything else waits for their next turn. The week's last
   * message is spent only when something cannot wait for the next school day (see {@link #latest}),
   * so what comes due later in the week is combined into it rather than left for next week.
   */
  int inTurn(PromptBatch batch, Map<UserRef, List<Waiting>> waiting, Instant now) {
    if (waiting.isEmpty()) {
      return 0;
    }
    LocalDate today = now.atZone(clock.getZone()).toLocalDate();
    LocalDate monday = monday(now);
    Set<UserRef> canWait =
        waiting.entrySet().stream()
            .filter(e -> e.getValue().stream().allMatch(w -> canWaitADay(w, now)))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    Map<UserRef, Share> shares =
        new LinkedHashMap<>(budget.take(waiting.keySet(), canWait, today, monday));
    // The week's last message is kept only for an invitation or reminder that may still come this
    // week; otherwise it goes now.
    Set<UserRef> noneComing =
        shares.entrySet().stream()
            .filter(e -> e.getValue() == Share.KEPT)
            .map(Map.Entry::getKey)
            .filter(person -> !waiting.get(person).stream().allMatch(w -> lowUrgency(w.prompt())))
            .filter(person -> !somethingComing(person, waiting.get(person)))
            .collect(Collectors.toSet());
    if (!noneComing.isEmpty()) {
      shares.putAll(budget.take(noneComing, Set.of(), today, monday));
    }
    List<Sending> sendings = new ArrayList<>();
    for (Map.Entry<UserRef, List<Waiting>> entry : waiting.entrySet()) {
      UserRef person = entry.getKey();
      Share share = shares.getOrDefault(person, Share.DAY_USED);
      // What closes soonest goes first; what can wait a day waits when the message is full.
      List<Waiting> theirs = oneAboutEach(batch, entry.getValue());
      List<Waiting> later = theirs;
      if (share == Share.GRANTED) {
        int fits = Math.max(MOST_IN_ONE, (int) theirs.stream().filter(this::invitation).count());
        List<Waiting> first = theirs.subList(0, Math.min(fits, theirs.size()));
        later = theirs.subList(first.size(), theirs.size());
        sendings.add(new Sending(person, new ArrayList<>(first), later.size()));
        share = Share.DAY_USED;
      }
      for (Waiting w : later) {
        SchoolCalendar calendar = planner.calendarFor(w.c(), w.own());
        Instant turn = nextTurn(calendar, now, share);
        // Held for the week's last message, a prompt keeps its deadline; one that waits for its
        // person's next day or week keeps its whole window from then.
        batch.waits(
            share == Share.KEPT && !lowUrgency(w.prompt())
                ? w.prompt().movedTo(turn)
                : w.prompt().deferredTo(turn));
      }
    }
    return write(batch, sendings, now);
  }

  /**
   * Whether a check-in or reflection round is planned to open in a case where the person acts, or
   * an invitation or reminder is planned for them, before the last of their waiting prompts must
   * go: it can then share their message.
   */
  private boolean somethingComing(UserRef person, List<Waiting> theirs) {
    Instant until =
        theirs.stream()
            .filter(w -> !lowUrgency(w.prompt()))
            .map(this::latest)
            .min(Comparator.naturalOrder())
            .orElseThrow();
    for (Case c : cases.findByPerson(person)) {
      boolean acts = c.partner(person).filter(p -> p.confirms() && !p.unreachable()).isPresent();
      if (!acts || c.status() == CaseStatus.CLOSED || c.paused()) {
        continue;
      }
      for (DuePrompt planned : due.planned(c.code())) {
        boolean opens =
            planned.kind() == PromptKind.CHECK_IN_OPEN
                || planned.kind() == PromptKind.REFLECTION_OPEN;
        boolean forThem = planned.person().equals(person) && planned.kind().urgency() <= 1;
        if ((opens || forThem) && !planned.dueAt().isAfter(until)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A person's waiting prompts, most urgent first, with one prompt about each thing: an invitation
   * and the reminder of the same round, or two nudges for the same news, become the first of them
   * (the others count as combined into it).
   */
  private static List<Waiting> oneAboutEach(PromptBatch batch, List<Waiting> theirs) {
    List<Waiting> sorted = new ArrayList<>(theirs);
    sorted.sort(
        Comparator.comparingInt((Waiting w) -> w.prompt().kind().urgency())
            .thenComparing(w -> w.prompt().dueAt())
            .thenComparing(w -> w.prompt().id()));
    Set<String> about = new java.util.HashSet<>();
    List<Waiting> one = new ArrayList<>();
    for (Waiting w : sorted) {
      if (about.add(about(w.prompt()))) {
        one.add(w);
      } else {
        batch.ended(w.prompt(), Fate.COMBINED);
      }
    }
    return one;
  }

  /**
   * Which check-in or reflection round a prompt is about: a check-in's prompts (and a round's
   * opening) name it as their series, a round's invitations and reminders as their step.
   */
  static int roundOf(DuePrompt prompt) {
    return (int) (prompt.round() != 0 ? prompt.round() : prompt.step());
  }

  /** What a prompt is about: its case, the thing it asks for and which one (round or series). */
  private static String about(DuePrompt prompt) {
    String thing =
        switch (prompt.kind()) {
          case CHECK_IN_INVITE, CHECK_IN_REMINDER -> "check-in";
          case REFLECTION_INVITE, REFLECTION_REMINDER -> "reflection";
          default -> prompt.kind().name();
        };
    return prompt.caseCode().value() + "/" + thing + "/" + roundOf(prompt);
  }

  /**
   * Whether a prompt can wait for its person's next school day: what can wait a few days anyway
   * (see {@link #lowUrgency}), or what still reaches them in time then, in this school week (a new
   * week brings a new share, so waiting over a weekend saves nothing).
   */
  private boolean canWaitADay(Waiting w, Instant now) {
    if (lowUrgency(w.prompt())) {
      return true;
    }
    Instant tomorrow = nextTurn(planner.calendarFor(w.c(), w.own()), now, Share.DAY_USED);
    return !latest(w).isBefore(tomorrow) && monday(now).equals(monday(tomorrow));
  }

  LocalDate monday(Instant at) {
    return at.atZone(clock.getZone())
        .toLocalDate()
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** Invitations never wait for a later message when this one goes, however full it is. */
  private boolean invitation(Waiting w) {
    return w.prompt().kind().urgency() == 0;
  }

  /** A nudge for news, a follow-up or a voice reminder can wait a few days without harm. */
  private static boolean lowUrgency(DuePrompt prompt) {
    return prompt.kind().urgency() >= 3 && !prompt.asked();
  }

  /**
   * The last moment a prompt still reaches its person in time: an invitation with at least {@link
   * #DAYS_TO_ANSWER} school days left before its round closes, a reminder on the morning its round
   * closes, and anything else within its window. What its person asked for comes when they asked.
   */
  private Instant latest(Waiting w) {
    DuePrompt prompt = w.prompt();
    if (prompt.asked()) {
      return prompt.dueAt();
    }
    int number = roundOf(prompt);
    Optional<RoundTimes> round =
        switch (prompt.kind()) {
          case CHECK_IN_INVITE, CHECK_IN_REMINDER ->
              w.c().activity().checkIn(number).map(r -> new RoundTimes(r.openedAt(), r.closesAt()));
          case REFLECTION_INVITE, REFLECTION_REMINDER ->
              w.c()
                  .reflections()
                  .round(number)
                  .map(r -> new RoundTimes(r.openedAt(), r.closesAt()));
          default -> Optional.empty();
        };
    if (round.isEmpty()) {
      return prompt.validUntil();
    }
    Instant latest =
        earliest(prompt.validUntil(), round.get().closes().minus(REMINDER_BEFORE_CLOSE));
    if (prompt.kind().urgency() == 0) {
      // An invitation: at least two school days before the day its round closes (a round cut
      // short before a holiday leaves less time), and never before it opened.
      SchoolCalendar calendar = planner.calendarOf(w.c());
      LocalDate closing = round.get().closes().atZone(calendar.zone()).toLocalDate();
      Instant inTime =
          calendar.at(calendar.minusSchoolDays(closing, DAYS_TO_ANSWER), Planner.REMINDER_TIME);
      latest =
          earliest(latest, inTime.isBefore(round.get().opened()) ? round.get().opened() : inTime);
    }
    return latest;
  }

  /** When a check-in or reflection round opened and when it closes. */
  private record RoundTimes(Instant opened, Instant closes) {}

  /** An invitation reaches its person with at least this many school days to answer. */
  static final int DAYS_TO_ANSWER = 2;

  /** A last reminder comes at least this long before its round closes. */
  private static final Duration REMINDER_BEFORE_CLOSE = Duration.ofHours(2);

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /**
   * Writes each person's one message to the outbox, all in one go, each saying how many more wait
   * for the next. A prompt already written once (its node died before it could say so, and it was
   * claimed again) is left out of its message, which is then written again without it, so none is
   * sent twice.
   *
   * @return how many messages were written
   */
  private int write(PromptBatch batch, List<Sending> sendings, Instant now) {
    int written = 0;
    List<Sending> pending = sendings;
    while (!pending.isEmpty()) {
      List<Outbox.PromptMessage> messages = new ArrayList<>();
      for (Sending s : pending) {
        messages.add(
            new Outbox.PromptMessage(
                combined(s.person(), s.prompts(), s.waiting(), now),
                s.prompts().stream().map(w -> sending(w.prompt())).collect(Collectors.toSet())));
      }
      List<Set<String>> before = outbox.enqueuePrompts(messages);
      List<Sending> again = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        Sending s = pending.get(i);
        Set<String> earlier = before.get(i);
        if (earlier.isEmpty()) {
          Fate fate = s.prompts().size() == 1 ? Fate.SENT : Fate.COMBINED;
          s.prompts().forEach(w -> batch.ended(w.prompt(), fate));
          written++;
          continue;
        }
        LOG.info(() -> "Left out " + earlier.size() + " prompt(s) written before a node stopped");
        s.prompts().removeIf(w -> earlier.contains(sending(w.prompt())));
        if (!s.prompts().isEmpty()) {
          again.add(s);
        }
      }
      pending = again;
    }
    return written;
  }

  /** One person's message about to be written: its prompts, and how many more wait. */
  private record Sending(UserRef person, List<Waiting> prompts, int waiting) {}

  /**
   * When a person whose share is used up has their next turn: the first school day of next week
   * when their week's share is used, else the next school day (where the week's last message, kept,
   * may be spent), at the reminders' time.
   */
  static Instant nextTurn(SchoolCalendar calendar, Instant now, Share used) {
    LocalDate today = now.atZone(calendar.zone()).toLocalDate();
    LocalDate day =
        used == Share.WEEK_USED
            ? calendar.plusSchoolDays(today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)), 0)
            : calendar.plusSchoolDays(today, 1);
    return calendar.sendable(calendar.at(day, Planner.REMINDER_TIME));
  }

  /**
   * One sending of a prompt: the prompt at the moment it came due. A prompt the person put off
   * ("remind me tomorrow") is sent again at its new moment; one claimed again after its node died
   * is the same sending.
   */
  private static String sending(DuePrompt prompt) {
    return prompt.id() + "@" + prompt.dueAt().toEpochMilli();
  }

  /**
   * One message for a person: a single prompt as it is, several under one heading; and when more
   * wait for their next message, a line that says so.
   */
  private static OutboundMessage combined(
      UserRef person, List<Waiting> theirs, int waiting, Instant now) {
    Waiting first = theirs.get(0);
    Reply reply = first.reply();
    if (theirs.size() > 1 || waiting > 0) {
      List<Block> blocks = new ArrayList<>();
      if (theirs.size() > 1) {
        blocks.addAll(
            Reply.builder()
                .heading(Texts.get(first.lang(), "prompt.combined.title", theirs.size()))
                .note(Texts.get(first.lang(), "prompt.combined.why"))
                .build()
                .blocks());
      }
      // A check-in card answered here shows on its own, so that the other prompts stay.
      theirs.forEach(w -> blocks.addAll(CheckIns.markedCombined(w.reply().blocks())));
      if (waiting > 0) {
        blocks.addAll(
            Reply.builder()
                .note(Texts.get(first.lang(), "prompt.combined.waiting", waiting))
                .build()
                .blocks());
      }
      reply = new Reply(blocks);
    }
    OutboundMessage message =
        new OutboundMessage(
            UUID.randomUUID().toString(),
            Recipient.privately(first.c().channel(), person),
            reply,
            MessageKind.REMINDER,
            first.c().code(),
            now,
            theirs.stream().map(w -> w.c().code()).toList());
    if (theirs.size() == 1) {
      return placed(message, first);
    }
    // A closing round retires its check-in's buttons here too (and with them this message).
    return theirs.stream()
        .filter(w -> w.prompt().kind() == PromptKind.CHECK_IN_INVITE)
        .findFirst()
        .map(
            w -> message.at(new Place(PlaceNames.checkIn(roundOf(w.prompt())), 0, Place.Mode.SHOW)))
        .orElse(message);
  }

  /**
   * A message with one check-in prompt is the person's check-in card, which their answers update in
   * place (version 0: before any answer); a reminder is posted again, to be noticed, and takes the
   * invitation's place. A reminder to confirm an agreement is the person's place of that version:
   * confirming it, or a newer version, takes its button away.
   */
  private static OutboundMessage placed(OutboundMessage message, Waiting w) {
    DuePrompt prompt = w.prompt();
    // What its person put off to now comes back as a new post, to be noticed, as a reminder does.
    Place.Mode invitation = prompt.asked() ? Place.Mode.AGAIN : Place.Mode.SHOW;
    return switch (prompt.kind()) {
      case CHECK_IN_INVITE ->
          message.at(new Place(PlaceNames.checkIn(roundOf(prompt)), 0, invitation));
      case CHECK_IN_REMINDER ->
          message.at(new Place(PlaceNames.checkIn(roundOf(prompt)), 0, Place.Mode.AGAIN));
      case REFLECTION_INVITE ->
          message.at(new Place(PlaceNames.reflection(roundOf(prompt)), 0, invitation));
      case REFLECTION_REMINDER ->
          message.at(new Place(PlaceNames.reflection(roundOf(prompt)), 0, Place.Mode.AGAIN));
      case KICKOFF_REMINDER ->
          w.c()
              .currentAgreement()
              .map(
                  a ->
                      message.at(new Place(PlaceNames.agreement(a.version()), 0, Place.Mode.AGAIN)))
              .orElse(message);
      default -> message;
    };
  }

  /** A prompt ready to go, with its case, the person's own hours, its message and language. */
  record Waiting(
      DuePrompt prompt, Case c, Optional<WorkingHours> own, Reply reply, Language lang) {}
}
