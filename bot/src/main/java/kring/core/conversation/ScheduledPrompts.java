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
import kring.core.schedule.Planner;
import kring.core.schedule.PromptBudget;
import kring.core.schedule.PromptBudget.Share;
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
        LOG.info(() -> "Dropped " + named(prompt) + ": nothing left to ask");
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

    /** The prompt was done with the commit of its step. */
    void committed(DuePrompt prompt) {
      putOff.add(prompt.id());
    }

    void finish(Instant now) {
      due.done(claimed.stream().filter(p -> !putOff.contains(p.id())).toList(), now);
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
      return Optional.empty();
    }
    if (found.isEmpty() || found.get().status() == CaseStatus.CLOSED || found.get().paused()) {
      return Optional.empty();
    }
    Instant sendable = planner.calendarFor(found.get(), own).sendable(now);
    if (!sendable.equals(now)) {
      if (prompt.expiredAt(sendable)) {
        LOG.info(() -> "Dropped " + named(prompt) + ": its window closes before a school morning");
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
    Function<Case, Change> step =
        switch (prompt.kind()) {
          case CHECK_IN_OPEN ->
              read ->
                  read.lastCheckIn().filter(r -> r.number() >= number).isPresent()
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
    if (read.checkIn(number).filter(CheckInRound::open).isEmpty()) {
      return Change.none(read);
    }
    Case closed = read.closeCheckIn(number, now);
    CheckInRound round = closed.checkIn(number).orElseThrow();
    Reply summary = CheckIns.summary(closed, round, cards, closed.language());
    return new Change(
        closed, List.of(OutboundMessage.inChannel(closed.channel(), summary, closed.code(), now)));
  }

  /**
   * Few means few: each person with prompts waiting gets one message if it is their turn (their
   * first today, and at most their second this school week), combining up to {@link #MOST_IN_ONE}
   * prompts; everything else waits for their next turn.
   */
  private int inTurn(Batch batch, Map<UserRef, List<Waiting>> waiting, Instant now) {
    if (waiting.isEmpty()) {
      return 0;
    }
    LocalDate today = now.atZone(clock.getZone()).toLocalDate();
    LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    // A message of only what can wait does not take the week's last message.
    Set<UserRef> canWait =
        waiting.entrySet().stream()
            .filter(
                e ->
                    e.getValue().stream()
                        .allMatch(w -> w.prompt().kind().urgency() >= 3 && !w.prompt().asked()))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    Map<UserRef, Share> shares = budget.take(waiting.keySet(), canWait, today, monday);
    int written = 0;
    for (Map.Entry<UserRef, List<Waiting>> entry : waiting.entrySet()) {
      UserRef person = entry.getKey();
      List<Waiting> theirs = entry.getValue();
      Share share = shares.getOrDefault(person, Share.DAY_USED);
      // What closes soonest goes first; what can wait a day waits when the message is full.
      theirs.sort(
          Comparator.comparingInt((Waiting w) -> w.prompt().kind().urgency())
              .thenComparing(w -> w.prompt().dueAt())
              .thenComparing(w -> w.prompt().id()));
      List<Waiting> later = theirs;
      if (share == Share.GRANTED) {
        List<Waiting> first = theirs.subList(0, Math.min(MOST_IN_ONE, theirs.size()));
        written += write(person, first, now);
        later = theirs.subList(first.size(), theirs.size());
        share = Share.DAY_USED;
      }
      for (Waiting w : later) {
        Instant turn = nextTurn(planner.calendarFor(w.c(), w.own()), now, share);
        batch.later(w.prompt().deferredTo(turn));
      }
    }
    return written;
  }

  /**
   * Writes one message with these prompts to the outbox. A prompt already written once (its node
   * died before it could say so, and it was claimed again) is left out, so none is sent twice.
   *
   * @return how many messages were written: 1, or 0 when every prompt had been written before
   */
  private int write(UserRef person, List<Waiting> prompts, Instant now) {
    List<Waiting> left = new ArrayList<>(prompts);
    while (!left.isEmpty()) {
      Set<String> ids = left.stream().map(w -> sending(w.prompt())).collect(Collectors.toSet());
      Set<String> before = outbox.enqueuePrompts(combined(person, left, now), ids);
      if (before.isEmpty()) {
        return 1;
      }
      LOG.info(() -> "Left out " + before.size() + " prompt(s) written before a node stopped");
      left.removeIf(w -> before.contains(sending(w.prompt())));
    }
    return 0;
  }

  /**
   * When a person whose share is used up has their next turn: the next school day, or the first
   * school day of next week, at the reminders' time.
   */
  private static Instant nextTurn(SchoolCalendar calendar, Instant now, Share used) {
    LocalDate today = now.atZone(calendar.zone()).toLocalDate();
    LocalDate day =
        used == Share.WEEK_USED || used == Share.KEPT
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

  /** One message for a person: a single prompt as it is, several under one heading. */
  private static OutboundMessage combined(UserRef person, List<Waiting> theirs, Instant now) {
    Waiting first = theirs.get(0);
    Reply reply = first.reply();
    if (theirs.size() > 1) {
      List<Block> blocks = new ArrayList<>();
      blocks.addAll(
          Reply.builder()
              .heading(Texts.get(first.lang(), "prompt.combined.title", theirs.size()))
              .note(Texts.get(first.lang(), "prompt.combined.why"))
              .build()
              .blocks());
      theirs.forEach(w -> blocks.addAll(w.reply().blocks()));
      reply = new Reply(blocks);
    }
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        Recipient.privately(first.c().channel(), person),
        reply,
        MessageKind.REMINDER,
        first.c().code(),
        now);
  }

  /** A prompt ready to go, with its case, the person's own hours, its message and language. */
  private record Waiting(
      DuePrompt prompt, Case c, Optional<WorkingHours> own, Reply reply, Language lang) {}
}
