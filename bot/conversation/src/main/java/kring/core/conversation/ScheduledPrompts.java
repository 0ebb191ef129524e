package kring.core.conversation;

import static kring.core.conversation.PromptTurns.nextTurn;
import static kring.core.conversation.PromptTurns.roundOf;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.cases.ConcurrentChange;
import kring.core.cases.Refusal;
import kring.core.checkin.CheckInRound;
import kring.core.conversation.PromptTurns.Waiting;
import kring.core.conversation.reflection.ReflectionPrompts;
import kring.core.conversation.reflection.Rounds;
import kring.core.i18n.Language;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.Place;
import kring.core.outbox.Recipient;
import kring.core.privacy.RetentionIndex;
import kring.core.reflection.Anonymity;
import kring.core.reply.Reply;
import kring.core.store.CaseStore;
import kring.core.store.Change;
import kring.core.store.Commits;
import kring.core.store.Plan;
import kring.core.store.StepwiseCaseStore;
import kring.scheduler.calendar.SchoolCalendar;
import kring.scheduler.calendar.WorkingHours;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.DuePrompts;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.PromptBudget;
import kring.scheduler.planning.PromptBudget.Share;
import kring.scheduler.planning.PromptKind;
import kring.scheduler.planning.RoundWindow;

/**
 * Sends the prompts that came due, on any node: claims them from the due list, checks that each is
 * still relevant and in its window, opens and closes check-ins, and writes each person at most one
 * message per school day (two per school week) to the outbox as a reminder (at most once): what
 * else came due for them waits for their next turn and is then combined into one message. Also
 * plans a case again after it changed.
 */
public final class ScheduledPrompts implements Schedule {

  private static final Logger LOG = Logger.getLogger(ScheduledPrompts.class.getName());

  /** How often a poll goes back for prompts that the schedule's own steps made due. */
  private static final int MOST_ROUNDS = 3;

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
  private final PromptTurns turns;

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
        new ReflectionPrompts(
            cards, new Rounds(cards, planner), planner.anonymity(), new SecureRandom());

    this.prompts = new PromptMessages(cards, planner, reflections);
    this.turns = new PromptTurns(cases, due, outbox, planner, budget, clock);
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
    return budget.take(Set.of(person), today, turns.monday(now)).get(person) == Share.GRANTED;
  }

  @Override
  public Map<PromptKind, Map<Fate, Long>> counts(CaseCode code) {
    return due.counts(code);
  }

  @Override
  public Optional<Instant> putOff(Turn turn, Case c, String promptId) {
    UserRef person = turn.user();
    SchoolCalendar calendar = planner.calendarFor(c, turn.workingHoursOf(person));
    Instant at = nextTurn(calendar, clock.instant(), Share.DAY_USED);
    Optional<DuePrompt> prompt =
        DuePrompt.parse(promptId, c.code(), person, at)
            .filter(p -> p.kind().personal())
            .map(DuePrompt::askedFor);
    prompt.ifPresent(turn::putOff);
    return prompt.map(DuePrompt::dueAt);
  }

  @Override
  public Runnable putOff(DuePrompt moved) {
    return due.putOff(moved);
  }

  /**
   * Claims and sends everything due now: first the schedule's own steps (opening and closing
   * check-ins and rounds), then, per person, everything due for them across their cases and kinds,
   * in at most one message (see {@link PromptTurns#inTurn}).
   *
   * @return how many messages were written to the outbox
   */
  public int runDue() {
    Instant now = clock.instant();
    PromptBatch batch = new PromptBatch(due);
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
    int reminders = turns.inTurn(batch, waiting, now);
    // Only now that their messages are written: a node that dies before this loses nothing, as
    // its claims run out and another node takes the prompts again.
    batch.finish(now);
    int sent = stepped + reminders;
    if (sent > 0) {
      outboxWritten.run();
    }
    return sent;
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
      PromptBatch batch,
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
  private int scheduled(PromptBatch batch, DuePrompt prompt, Case c, Instant now) {
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
    List<OutboundMessage> messages = new ArrayList<>();
    messages.add(OutboundMessage.inChannel(closed.channel(), summary, closed.code(), now));
    // Each partner's card loses its buttons: the round takes no more answers.
    Map<UserRef, Reply> closedCards =
        CheckIns.closedCards(
            closed, round, cards, person -> people.language(person).orElse(closed.language()));
    for (String place : PlaceNames.checkInPosts(number)) {
      Place retired = new Place(place, read.revision() + 1, Place.Mode.RETIRE);
      closedCards.forEach(
          (person, card) ->
              messages.add(
                  new OutboundMessage(
                          UUID.randomUUID().toString(),
                          Recipient.privately(closed.channel(), person),
                          card,
                          MessageKind.ANNOUNCEMENT,
                          closed.code(),
                          now)
                      .at(retired)));
    }
    return new Change(closed, messages);
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
}
