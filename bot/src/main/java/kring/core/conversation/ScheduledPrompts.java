package kring.core.conversation;

import java.security.SecureRandom;
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
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import kring.core.calendar.SchoolCalendar;
import kring.core.calendar.WorkingHours;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.cases.ConcurrentChange;
import kring.core.cases.Refusal;
import kring.core.checkin.CheckInRound;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.Recipient;
import kring.core.privacy.RetentionIndex;
import kring.core.reflection.Anonymity;
import kring.core.reply.Block;
import kring.core.reply.Reply;
import kring.core.schedule.DuePrompt;
import kring.core.schedule.DuePrompts;
import kring.core.schedule.Fate;
import kring.core.schedule.Planner;
import kring.core.schedule.PromptBudget;
import kring.core.schedule.PromptBudget.Share;
import kring.core.schedule.PromptFate;
import kring.core.schedule.PromptKind;
import kring.core.schedule.RoundWindow;
import kring.core.store.CaseStore;
import kring.core.store.Change;
import kring.core.store.Commits;
import kring.core.store.Plan;
import kring.core.store.StepwiseCaseStore;

/**
 * Sends the prompts that came due, on any node: claims them from the due list, checks that each is
 * still relevant and in its window, opens and closes check-ins, and writes each person at most one
 * message per school day (two per school week) to the outbox as a reminder (at most once): what
 * else came due for them waits for their next turn and is then combined into one message. Also
 * plans a case again after it changed.
 */
public final class ScheduledPrompts implements Schedule {

  private static final Logger LOG = Logger.getLogger(ScheduledPrompts.class.getName());
  private static final int BATCH = 200;

  /**
   * The most prompts one poll claims; more wait for the next poll. Ten thousand prompts take well
   * under a second, far less than their lease.
   */
  static final int MOST_PER_POLL = 20_000;

  /** How often a poll goes back for prompts that the schedule's own steps made due. */
  private static final int MOST_ROUNDS = 3;

  /**
   * How long a node has to finish the prompts it claimed; after that another node claims them again
   * (the first one died, or hangs).
   */
  static final Duration LEASE = Duration.ofMinutes(5);

  /** A combined message holds at most this many prompts; the rest wait for the next one. */
  static final int MOST_IN_ONE = 5;

  private final Cases cases;
  private final People people;
  private final DuePrompts due;
  private final Outbox outbox;
  private final Planner planner;
  private final PromptBudget budget;
  private final Clock clock;
  private final Runnable outboxWritten;
  private final Cards cards;
  private final PromptMessages prompts;
  private final ReflectionPrompts reflections;
  private final RetentionIndex retention;
  private final Commits commits;

  public ScheduledPrompts(
      Cases cases,
      People people,
      DuePrompts due,
      Outbox outbox,
      Planner planner,
      PromptBudget budget,
      Clock clock,
      Runnable outboxWritten) {
    this(cases, people, due, outbox, planner, budget, clock, outboxWritten, RetentionIndex.NONE);
  }

  /**
   * @param retention told when a case closes by itself (its final evaluation closed), for the
   *     retention clock
   */
  public ScheduledPrompts(
      Cases cases,
      People people,
      DuePrompts due,
      Outbox outbox,
      Planner planner,
      PromptBudget budget,
      Clock clock,
      Runnable outboxWritten,
      RetentionIndex retention) {
    this(cases, people, due, outbox, planner, budget, clock, outboxWritten, retention, null);
  }

  /**
   * @param store commits each step of the case's own schedule with what it says and the case's new
   *     plan; null for the in-memory stores of tests, whose writes it then makes one by one
   */
  public ScheduledPrompts(
      Cases cases,
      People people,
      DuePrompts due,
      Outbox outbox,
      Planner planner,
      PromptBudget budget,
      Clock clock,
      Runnable outboxWritten,
      RetentionIndex retention,
      CaseStore store) {
    this.commits =
        new Commits(
            cases,
            store == null ? new StepwiseCaseStore(cases, outbox, this, clock) : store,
            this::plan);
    this.retention = retention;
    this.cases = cases;
    this.people = people;
    this.due = due;
    this.outbox = outbox;
    this.planner = planner;
    this.budget = budget;
    this.clock = clock;
    this.outboxWritten = outboxWritten;
    this.cards = new Cards(clock.getZone());
    this.reflections =
        new ReflectionPrompts(cards, clock.getZone(), planner.anonymity(), new SecureRandom());

    this.prompts = new PromptMessages(cards, planner, reflections);
  }

  /** Plans the case again: what it should get from now on replaces what was planned. */
  @Override
  public void replan(Case c) {
    apply(c.code(), plan(c));
    if (c.status() == CaseStatus.CLOSED) {
      // Its retention period starts (recording it again keeps the first time).
      retention.closed(c.code(), clock.instant());
    }
  }

  @Override
  public Plan plan(Case c) {
    if (c.status() == CaseStatus.CLOSED) {
      return Plan.FORGET;
    }
    Instant now = clock.instant();
    // A prompt whose window already closed is not planned, so that none is sent late.
    return Plan.replace(planner.plan(c, now).stream().filter(p -> !p.expiredAt(now)).toList());
  }

  @Override
  public void apply(CaseCode code, Plan plan) {
    switch (plan.kind()) {
      case KEEP -> {}
      case REPLACE -> due.replace(code, plan.prompts());
      case FORGET -> due.forget(code);
    }
  }

  @Override
  public void finished(List<DuePrompt> prompts, Instant now) {
    due.done(prompts, now);
  }

  @Override
  public Anonymity anonymity() {
    return planner.anonymity();
  }

  @Override
  public List<DuePrompt> planned(CaseCode code) {
    return due.planned(code);
  }

  /**
   * Within the case's hours on a weekday, school holidays included: what Kring posts on its own
   * outside the schedule (a quiet case closing) is a duty that does not wait for the holiday's end.
   */
  @Override
  public boolean mayPost(Case c, Instant now) {
    SchoolCalendar calendar = planner.calendarOf(c);
    return new SchoolCalendar(calendar.zone(), calendar.hours(), false, Set.of())
        .sendable(now)
        .equals(now);
  }

  @Override
  public boolean mayWrite(Case c, UserRef person, Instant now) {
    SchoolCalendar calendar = planner.calendarFor(c, people.workingHours(person));
    if (!calendar.sendable(now).equals(now)) {
      return false;
    }
    LocalDate today = now.atZone(clock.getZone()).toLocalDate();
    return budget.take(Set.of(person), today, monday(now)).get(person) == Share.GRANTED;
  }

  @Override
  public Map<PromptKind, Map<Fate, Long>> counts(CaseCode code) {
    return due.counts(code);
  }

  @Override
  public Optional<Instant> putOff(Case c, UserRef person, String promptId) {
    SchoolCalendar calendar = planner.calendarFor(c, people.workingHours(person));
    Instant at = nextTurn(calendar, clock.instant(), Share.DAY_USED);
    Optional<DuePrompt> prompt =
        DuePrompt.parse(promptId, c.code(), person, at)
            .filter(p -> p.kind().personal())
            .map(DuePrompt::askedFor);
    prompt.ifPresent(due::later);
    return prompt.map(DuePrompt::dueAt);
  }

  /**
   * Claims and sends everything due now: first the schedule's own steps (opening and closing
   * check-ins and rounds), then, per person, everything due for them across their cases and kinds,
   * in at most one message (see {@link #inTurn}).
   *
   * @return how many messages were written to the outbox
   */
  public int runDue() {
    Instant now = clock.instant();
    Batch batch = new Batch();
    List<DuePrompt> personal = new ArrayList<>();
    int stepped = 0;
    // The schedule's own steps first, each in its own commit: a check-in or round that opens
    // plans its invitations due now, and those go out with everything else due for their people.
    for (int round = 0; round < MOST_ROUNDS; round++) {
      List<DuePrompt> claimed = batch.claimAll(now);
      if (claimed.isEmpty()) {
        break;
      }
      List<DuePrompt> steps = new ArrayList<>();
      for (DuePrompt prompt : claimed) {
        (prompt.kind().personal() ? personal : steps).add(prompt);
      }
      Map<CaseCode, Case> read = cases.findAll(codes(steps));
      boolean changed = false;
      for (DuePrompt prompt : steps) {
        Optional<Case> c =
            sendableNow(
                batch,
                prompt,
                Optional.ofNullable(read.get(prompt.caseCode())),
                Optional.empty(),
                now);
        if (c.isPresent()) {
          stepped += scheduled(batch, prompt, c.get(), now);
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    // Then per person, everything due for them, whatever its case or kind.
    Map<CaseCode, Case> read = cases.findAll(codes(personal));
    Set<UserRef> persons = personal.stream().map(DuePrompt::person).collect(Collectors.toSet());
    Map<UserRef, Language> languages = people.languages(persons);
    Map<UserRef, WorkingHours> ownHours = people.workingHours(persons);
    Map<UserRef, List<Waiting>> waiting = new LinkedHashMap<>();
    for (DuePrompt prompt : personal) {
      Optional<WorkingHours> own = Optional.ofNullable(ownHours.get(prompt.person()));
      Optional<Case> c =
          sendableNow(batch, prompt, Optional.ofNullable(read.get(prompt.caseCode())), own, now);
      if (c.isEmpty()) {
        continue;
      }
      Language lang = languages.getOrDefault(prompt.person(), c.get().language());
      Optional<Reply> reply = prompts.of(prompt, c.get(), lang, now);
      if (reply.isEmpty()) {
        if (roundOver(prompt, c.get())) {
          LOG.info(() -> "Dropped " + named(prompt) + ": its round closed before it could go");
          batch.ended(prompt, Fate.DROPPED);
        } else {
          LOG.fine(() -> "Let go " + named(prompt) + ": nothing left to ask");
        }
        continue;
      }
      waiting
          .computeIfAbsent(prompt.person(), p -> new ArrayList<>())
          .add(new Waiting(prompt, c.get(), own, reply.get(), lang));
    }
    int reminders = inTurn(batch, waiting, now);
    // Only now that their messages are written: a node that dies before this loses nothing, as
    // its claims run out and another node takes the prompts again.
    batch.finish(now);
    int sent = stepped + reminders;
    if (sent > 0) {
      outboxWritten.run();
    }
    return sent;
  }

  /**
   * The prompts one round of {@link #runDue} claimed: each ends put off to a later moment or, when
   * the round finishes, done (sent, or dropped on purpose).
   */
  private final class Batch {
    private final List<DuePrompt> claimed = new ArrayList<>();
    private final Set<String> putOff = new java.util.HashSet<>();
    private final List<PromptFate> fates = new ArrayList<>();

    /**
     * Claims everything due now, in batches, up to {@link #MOST_PER_POLL} in all: what is due for
     * one person is decided on together, however many cases and kinds it comes from.
     */
    List<DuePrompt> claimAll(Instant now) {
      List<DuePrompt> taken = new ArrayList<>();
      while (claimed.size() < MOST_PER_POLL) {
        List<DuePrompt> batch = due.claim(now, BATCH, LEASE);
        taken.addAll(batch);
        claimed.addAll(batch);
        if (batch.size() < BATCH) {
          break;
        }
      }
      return taken;
    }

    void later(DuePrompt moved) {
      due.later(moved);
      putOff.add(moved.id());
    }

    /** The prompt waits for its person's next turn: their share is used, or it can wait a day. */
    void waits(DuePrompt moved) {
      later(moved);
      fates.add(PromptFate.of(moved, Fate.PUT_OFF));
    }

    /** What became of a prompt, for its case's counts. */
    void ended(DuePrompt prompt, Fate fate) {
      fates.add(PromptFate.of(prompt, fate));
    }

    /** The prompt was done with the commit of its step. */
    void committed(DuePrompt prompt) {
      putOff.add(prompt.id());
    }

    void finish(Instant now) {
      due.done(claimed.stream().filter(p -> !putOff.contains(p.id())).toList(), now);
      due.count(fates);
    }
  }

  /** A prompt as the log names it: its case, kind and step, never the person (who is in its id). */
  private static String named(DuePrompt prompt) {
    return prompt.caseCode() + " " + prompt.kind() + " " + prompt.step();
  }

  private static Set<CaseCode> codes(List<DuePrompt> prompts) {
    return prompts.stream().map(DuePrompt::caseCode).collect(Collectors.toSet());
  }

  /**
   * The case of a prompt that may be sent now: still in its window, the case open and running, and
   * now a working moment for the case and, for a personal prompt, for the person ({@code own}
   * hours). A prompt found due outside them (Kring was down when it came due, or the person set
   * shorter hours for themselves) is put off to the next good moment, if it is still worth sending
   * then.
   */
  private Optional<Case> sendableNow(
      Batch batch,
      DuePrompt prompt,
      Optional<Case> found,
      Optional<WorkingHours> own,
      Instant now) {
    if (prompt.expiredAt(now)) {
      LOG.info(
          () -> "Dropped " + named(prompt) + ": no longer relevant since " + prompt.validUntil());
      batch.ended(prompt, Fate.DROPPED);
      return Optional.empty();
    }
    if (found.isEmpty() || found.get().status() == CaseStatus.CLOSED || found.get().paused()) {
      return Optional.empty();
    }
    Instant sendable = planner.calendarFor(found.get(), own).sendable(now);
    if (!sendable.equals(now)) {
      if (prompt.expiredAt(sendable)) {
        LOG.info(() -> "Dropped " + named(prompt) + ": its window closes before a school morning");
        batch.ended(prompt, Fate.DROPPED);
      } else {
        batch.later(prompt.movedTo(sendable));
      }
      return Optional.empty();
    }
    return found;
  }

  /**
   * What the schedule does on its own: open a check-in or a reflection round, or close one and post
   * its summary. The step, what it says, the case's new plan and the prompt's being done are one
   * commit; a step with nothing left to do changes nothing.
   *
   * @return how many messages the step wrote
   */
  private int scheduled(Batch batch, DuePrompt prompt, Case c, Instant now) {
    int number = (int) prompt.round();
    if (prompt.kind() == PromptKind.CHECK_IN_OPEN) {
      // A step that came late, into too little time before a holiday, waits until after it.
      RoundWindow window = planner.checkInWindowAt(c, now);
      if (window.opensAfter(now)) {
        LOG.info(() -> "Put off " + named(prompt) + " until after " + window.holiday());
        batch.later(prompt.deferredTo(window.opensAt()));
        return 0;
      }
    }
    Function<Case, Change> step =
        switch (prompt.kind()) {
          case CHECK_IN_OPEN ->
              read ->
                  read.activity().lastCheckIn().filter(r -> r.number() >= number).isPresent()
                      ? Change.none(read)
                      : new Change(
                          read.openCheckIn(number, now, planner.checkInClosesAt(read, now)),
                          List.of());
          case CHECK_IN_CLOSE -> read -> closeCheckIn(read, number, now);
          case REFLECTION_OPEN -> read -> reflections.open(read, number, now);
          case REFLECTION_CLOSE ->
              read ->
                  reflections.close(
                      read, prompt, who -> people.language(who).orElse(read.language()), now);
          default -> throw new IllegalStateException(prompt.kind() + " is a personal prompt");
        };
    Optional<Change> stored;
    try {
      stored = commits.change(c.code(), step, List.of(prompt));
    } catch (Refusal refusal) {
      LOG.info(() -> "Skipped " + named(prompt) + ": " + refusal.key());
      return 0;
    } catch (ConcurrentChange e) {
      LOG.warning(() -> "Put off " + named(prompt) + ": its case kept changing");
      return 0;
    }
    if (stored.isEmpty()) {
      return 0;
    }
    batch.committed(prompt);
    if (stored.get().after().status() == CaseStatus.CLOSED) {
      retention.closed(c.code(), now);
    }
    return stored.get().messages().size();
  }

  /** Closes a check-in if it is still open, with its summary for the channel. */
  private Change closeCheckIn(Case read, int number, Instant now) {
    if (read.activity().checkIn(number).filter(CheckInRound::open).isEmpty()) {
      return Change.none(read);
    }
    Case closed = read.closeCheckIn(number, now);
    CheckInRound round = closed.activity().checkIn(number).orElseThrow();
    Reply summary = CheckIns.summary(closed, round, cards, closed.language());
    return new Change(
        closed, List.of(OutboundMessage.inChannel(closed.channel(), summary, closed.code(), now)));
  }

  /**
   * Few means few: each person with prompts waiting gets one message if it is their turn (their
   * first today, and at most their second this school week), combining every invitation and up to
   * {@link #MOST_IN_ONE} prompts in all; everything else waits for their next turn. The week's last
   * message is spent only when something cannot wait for the next school day (see {@link #latest}),
   * so what comes due later in the week is combined into it rather than left for next week.
   */
  private int inTurn(Batch batch, Map<UserRef, List<Waiting>> waiting, Instant now) {
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
  private static List<Waiting> oneAboutEach(Batch batch, List<Waiting> theirs) {
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
  private static int roundOf(DuePrompt prompt) {
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

  private LocalDate monday(Instant at) {
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
   * Whether a prompt about a check-in or reflection round found nothing left to ask because its
   * round closed (rather than because its person already answered).
   */
  private static boolean roundOver(DuePrompt prompt, Case c) {
    int number = roundOf(prompt);
    return switch (prompt.kind()) {
      case CHECK_IN_INVITE, CHECK_IN_REMINDER ->
          c.activity().checkIn(number).filter(CheckInRound::open).isEmpty();
      case REFLECTION_INVITE, REFLECTION_REMINDER ->
          c.openReflection().filter(r -> r.number() == number).isEmpty();
      default -> false;
    };
  }

  /**
   * Writes each person's one message to the outbox, all in one go, each saying how many more wait
   * for the next. A prompt already written once (its node died before it could say so, and it was
   * claimed again) is left out of its message, which is then written again without it, so none is
   * sent twice.
   *
   * @return how many messages were written
   */
  private int write(Batch batch, List<Sending> sendings, Instant now) {
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
  private static Instant nextTurn(SchoolCalendar calendar, Instant now, Share used) {
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
      theirs.forEach(w -> blocks.addAll(w.reply().blocks()));
      if (waiting > 0) {
        blocks.addAll(
            Reply.builder()
                .note(Texts.get(first.lang(), "prompt.combined.waiting", waiting))
                .build()
                .blocks());
      }
      reply = new Reply(blocks);
    }
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        Recipient.privately(first.c().channel(), person),
        reply,
        MessageKind.REMINDER,
        first.c().code(),
        now,
        theirs.stream().map(w -> w.c().code()).toList());
  }

  /** A prompt ready to go, with its case, the person's own hours, its message and language. */
  private record Waiting(
      DuePrompt prompt, Case c, Optional<WorkingHours> own, Reply reply, Language lang) {}
}
