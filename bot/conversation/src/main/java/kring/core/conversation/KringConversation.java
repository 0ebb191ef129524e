package kring.core.conversation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import kring.core.cases.Case;
import kring.core.cases.CaseChanges;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseCodes;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.cases.ChannelTaken;
import kring.core.cases.CodeTaken;
import kring.core.cases.ConcurrentChange;
import kring.core.cases.Refusal;
import kring.core.identity.ChannelRef;
import kring.core.identity.People;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.partners.Partner;
import kring.core.privacy.Erasure;
import kring.core.privacy.RetentionIndex;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.safety.DangerWords;
import kring.core.safety.SafetyCard;
import kring.core.store.CaseCommit;
import kring.core.store.CaseStore;
import kring.core.store.Change;
import kring.core.store.Commits;
import kring.core.store.DeliveredBefore;
import kring.core.store.StepwiseCaseStore;

/**
 * Kring's conversation: routes each command, button and form to its flow, turns a refusal into a
 * polite private answer, and writes every message to the outbox before returning.
 */
public final class KringConversation implements Conversation {

  private static final Logger LOG = Logger.getLogger(KringConversation.class.getName());

  /** The most values a submitted form may carry; Kring's largest form has far fewer. */
  static final int MAX_FORM_VALUES = 100;

  /**
   * The longest value of any one form field that Kring still reads, so that it can say how much too
   * long it is; each input has its own, smaller limit.
   */
  static final int MAX_FORM_VALUE = 16_000;

  private final Cases cases;
  private final People people;
  private final Outbox outbox;
  private final Clock clock;
  private final Runnable outboxWritten;
  private final Schedule planning;
  private final CaseStore store;
  private final Erasure erasure;
  private final CaseFlow caseFlow;
  private final MembershipFlow membership;
  private final AgreementFlow agreement;
  private final Overview overview;
  private final ScheduleFlow schedule;
  private final UpdateFlow updates;
  private final TeamFlow team;
  private final VoiceFlow voices;
  private final CheckInFlow checkIns;
  private final CalendarFlow calendar;
  private final ReflectionFlow reflection;
  private final ClosingFlow closing;
  private final PrivacyFlow privacy;
  private final RetentionIndex retention;

  /** The digest of the platform delivery this thread is handling, if any ({@link #delivery}). */
  private final ThreadLocal<String> delivery = new ThreadLocal<>();

  private final Map<Platform, CommandTyping> typings = new ConcurrentHashMap<>();

  private final ConsentFlow consent;
  private final TransitionFlow transitions;

  /**
   * @param cases all cases
   * @param people people's language preferences
   * @param outbox where every message goes before it is delivered
   * @param codes generates case codes
   * @param clock the clock; its zone is used to show dates
   * @param outboxWritten called after messages were written, to deliver them soon
   */
  public KringConversation(
      Cases cases,
      People people,
      Outbox outbox,
      CaseCodes codes,
      Clock clock,
      Runnable outboxWritten) {
    this(cases, people, outbox, codes, clock, outboxWritten, Schedule.NONE);
  }

  /**
   * @param schedule told about every case a person's action created or changed, after it is stored
   *     and its messages are written, to plan it again; asked what is planned, and to put off a
   *     person's prompt
   */
  public KringConversation(
      Cases cases,
      People people,
      Outbox outbox,
      CaseCodes codes,
      Clock clock,
      Runnable outboxWritten,
      Schedule schedule) {
    this(
        cases,
        people,
        outbox,
        codes,
        clock,
        outboxWritten,
        schedule,
        Erasure.NONE,
        RetentionIndex.NONE);
  }

  /**
   * @param erasure removes what a person asked Kring to forget
   * @param retention told when people act in a case and when it closes, for the retention clock
   */
  public KringConversation(
      Cases cases,
      People people,
      Outbox outbox,
      CaseCodes codes,
      Clock clock,
      Runnable outboxWritten,
      Schedule schedule,
      Erasure erasure,
      RetentionIndex retention) {
    this(
        cases,
        people,
        outbox,
        codes,
        clock,
        outboxWritten,
        schedule,
        erasure,
        retention,
        new StepwiseCaseStore(cases, outbox, schedule, clock));
  }

  /**
   * @param store commits each turn: the case, its messages and its plan together
   */
  public KringConversation(
      Cases cases,
      People people,
      Outbox outbox,
      CaseCodes codes,
      Clock clock,
      Runnable outboxWritten,
      Schedule schedule,
      Erasure erasure,
      RetentionIndex retention,
      CaseStore store) {
    this.planning = schedule;
    this.store = store;
    this.retention = retention;
    this.cases = cases;
    this.people = people;
    this.outbox = outbox;
    this.clock = clock;
    this.outboxWritten = outboxWritten;
    Cards cards = new Cards(clock.getZone());
    this.privacy = new PrivacyFlow(cases, erasure, cards);
    this.erasure = erasure;
    SecureRandom random = new SecureRandom();
    this.reflection = new ReflectionFlow(cards, clock.getZone(), schedule.anonymity(), random);
    this.caseFlow = new CaseFlow(cases, people, codes, cards, reflection, random);
    this.consent = new ConsentFlow(cards);
    this.team = new TeamFlow(cards);
    this.agreement = new AgreementFlow(cards, consent, team);
    this.overview = new Overview(cases, people, cards);
    this.calendar = new CalendarFlow(people, cards);
    this.transitions = new TransitionFlow(cards);
    this.schedule = new ScheduleFlow(schedule, cards, calendar);
    this.updates = new UpdateFlow(cards);
    this.voices = new VoiceFlow(cards);
    this.membership = new MembershipFlow(cards, team);
    this.checkIns = new CheckInFlow(cards, schedule);
    this.closing = new ClosingFlow(cards, reflection, schedule.anonymity(), random);
  }

  @Override
  public Outcome added(Speaker by, ChannelRef channel) {
    return handle(
        by,
        channel,
        turn -> {
          caseFlow.added(turn);
          return Outcome.NOTHING;
        });
  }

  @Override
  public <T> T delivery(String digest, Supplier<T> work) {
    String outer = delivery.get();
    delivery.set(digest);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        delivery.remove();
      } else {
        delivery.set(outer);
      }
    }
  }

  @Override
  public Outcome say(Speaker speaker, ChannelRef channel, String text) {
    safetyCard(speaker, channel, Collections.singletonList(text));
    return handle(
        speaker,
        channel,
        turn -> {
          if (text != null && text.length() > Parsed.MAX_TEXT) {
            throw new Refusal("refusal.too-long", Parsed.MAX_TEXT);
          }
          Parsed parsed = Parsed.of(text);
          if (parsed.known().isEmpty()) {
            caseFlow.unknown(turn, parsed);
            return Outcome.NOTHING;
          }
          return command(turn, parsed.command(), parsed.args());
        });
  }

  @Override
  public Outcome press(Speaker speaker, ChannelRef channel, String action, String value) {
    String pressed = value == null ? "" : value;
    return handle(
        speaker,
        channel,
        turn -> {
          try {
            return button(turn, action, pressed);
          } catch (Refusal refusal) {
            throw erasedInstead(refusal, pressed);
          }
        });
  }

  /** A button of a case that was erased says so, rather than that it belongs to another case. */
  private Refusal erasedInstead(Refusal refusal, String value) {
    String code = value.strip().split("\\s+", 2)[0];
    boolean erased =
        refusal.key().equals("refusal.other-case")
            && CaseCode.isValid(code)
            && erasure.erased(new CaseCode(code));
    return erased ? new Refusal("refusal.case-erased") : refusal;
  }

  @Override
  public Outcome submit(
      Speaker speaker, ChannelRef channel, String formId, Map<String, String> values) {
    safetyCard(speaker, channel, values == null ? List.of() : values.values());
    return handle(
        speaker,
        channel,
        turn -> {
          if (values == null
              || values.size() > MAX_FORM_VALUES
              || values.values().stream().anyMatch(v -> v != null && v.length() > MAX_FORM_VALUE)) {
            throw new Refusal("refusal.bad-form");
          }
          return form(turn, formId == null ? "" : formId, values);
        });
  }

  @Override
  public void memberJoined(Speaker person, ChannelRef channel) {
    handle(
        person,
        channel,
        turn -> {
          membership.joinedChannel(turn);
          return Outcome.NOTHING;
        });
  }

  @Override
  public void memberLeft(UserRef person, ChannelRef channel) {
    handle(
        new Speaker(person, null),
        channel,
        turn -> {
          team.leftChannel(turn);
          return Outcome.NOTHING;
        });
  }

  @Override
  public void channelLost(ChannelRef channel, String reason) {
    String why = reason == null ? "" : reason.replaceAll("[^a-z_]", "");
    cases
        .findByChannel(channel)
        .ifPresent(
            c ->
                new Commits(cases, store, planning::plan)
                    .change(
                        c.code(),
                        now ->
                            new Change(
                                now.pauseBecauseChannelLost(
                                    why.isEmpty() ? "?" : why, clock.instant()),
                                List.of())));
  }

  @Override
  public void channelBack(Speaker by, ChannelRef channel) {
    if (cases.findByChannel(channel).isEmpty()) {
      return;
    }
    handle(
        by,
        channel,
        turn -> {
          caseFlow.channelBack(turn);
          return Outcome.NOTHING;
        });
  }

  @Override
  public void offerForm(Speaker speaker, ChannelRef channel, Form form) {
    handle(
        speaker,
        channel,
        turn -> {
          turn.answer(
              Reply.builder()
                  .text(turn.t("form.offer", form.title()))
                  .primary(turn.t("button.open-form"), Actions.OPEN_FORM, reopening(form))
                  .build());
          return Outcome.NOTHING;
        });
  }

  /**
   * The value of a button that opens this form again, wherever it is offered: the form id, its case
   * (a private chat with Kring has none of its own) and what the form is about.
   */
  private static String reopening(Form form) {
    String code = form.hidden().get(Forms.CASE);
    if (code == null) {
      return form.id();
    }
    String about =
        switch (form.id()) {
          case Forms.VOICE -> " P" + form.hidden().getOrDefault(Forms.PARTNER, "");
          case Forms.ROUND_IMPROVEMENTS -> " " + form.hidden().getOrDefault(Forms.ROUND, "");
          default -> "";
        };
    return form.id() + " " + code + about;
  }

  @Override
  public Reply overview(UserRef person) {
    return overview.of(person);
  }

  private Outcome command(Turn turn, Command command, String args) {
    switch (command) {
      case START -> caseFlow.start(turn, args);
      case HELP -> caseFlow.help(turn);
      // Anywhere, also in a private chat with Kring (Teams, the playground): all my cases.
      case OVERVIEW -> turn.answer(overview.of(turn.user()));
      case JOIN -> {
        return membership.join(turn);
      }
      case INTRODUCE -> {
        return membership.introduce(turn);
      }
      case GOAL -> {
        return agreement.goalForm(turn);
      }
      case ROLES -> {
        return agreement.rolesForm(turn);
      }
      case CONFIRM -> agreement.confirmCommand(turn, args);
      case STATUS -> caseFlow.status(turn);
      case CARD -> caseFlow.card(turn);
      case LOG -> caseFlow.log(turn, args);
      case LANGUAGE -> caseFlow.language(turn, args);
      case SCHEDULE -> schedule.show(turn);
      case HOURS -> calendar.hours(turn, args);
      case FREE_DAY -> calendar.freeDay(turn, args);
      case HOLIDAYS -> calendar.holidays(turn, args, false);
      case CADENCE -> calendar.cadence(turn, args, false);
      case TRANSITION -> transitions.command(turn, args);
      case PAUSE -> caseFlow.pause(turn, true, false);
      case RESUME -> caseFlow.pause(turn, false, false);
      case CLOSE -> closing.command(turn, args);
      case ERASE -> privacy.propose(turn);
      case FORGET_ME -> privacy.forgetMe(turn);
      case UPDATE -> {
        return updates.command(turn, args);
      }
      case LEAVE -> team.leaveCommand(turn);
      case REPRESENT -> voices.represent(turn, args, false);
      case VOICE -> {
        return voices.form(turn, args);
      }
      case MOVE -> caseFlow.move(turn, args);
      case REMOVE -> team.removeCommand(turn, args);
      case REFLECT -> {
        return reflection.command(turn, args);
      }
      case CONSENT -> {
        return consent.command(turn);
      }
    }
    return Outcome.NOTHING;
  }

  private Outcome button(Turn turn, String action, String value) {
    switch (action == null ? "" : action) {
      case Actions.OPEN_FORM -> {
        return openForm(turn, value);
      }
      case Actions.CONFIRM -> agreement.confirm(turn, AgreementFlow.versionFrom(turn, value));
      case Actions.READ_AGREEMENT -> agreement.read(turn, AgreementFlow.versionFrom(turn, value));
      case Actions.ACCEPT_JOIN -> membership.accept(turn, value);
      case Actions.DECLINE_JOIN -> membership.decline(turn, value);
      case Actions.PAUSE, Actions.RESUME -> {
        requireThisCase(turn, value);
        caseFlow.pause(turn, Actions.PAUSE.equals(action), true);
      }
      case Actions.CASE_HOURS -> calendar.caseHours(turn, Proposals.argument(turn, value), true);
      case Actions.HOLIDAYS -> calendar.holidays(turn, Proposals.argument(turn, value), true);
      case Actions.CADENCE -> calendar.cadence(turn, Proposals.argument(turn, value), true);
      case Actions.SHOW_CARD -> {
        requireThisCase(turn, value);
        caseFlow.card(turn);
      }
      case Actions.NOTHING_NEW -> {
        turn.enterCase(value);
        updates.nothingNew(turn);
      }
      case Actions.FEEDBACK_SEEN -> updates.feedbackGiven(turn, value, false);
      case Actions.FEEDBACK_ANSWERED -> updates.feedbackGiven(turn, value, true);
      case Actions.SKIP_CHECK_IN -> checkIns.skip(turn, value);
      case Actions.PROMPT_LATER -> checkIns.later(turn, value);
      case Actions.TEAM_SAME -> team.teamConfirmed(turn, value);
      case Actions.REPRESENT -> voices.represent(turn, Proposals.argument(turn, value), true);
      case Actions.TEAM_LEFT -> team.removePressed(turn, value);
      case Actions.ROUND_START -> reflection.startPressed(turn, value);
      case Actions.ROUND_ANSWER -> {
        return reflection.answerForm(turn, ReflectionFlow.roundFrom(turn, value));
      }
      case Actions.ROUND_DISCUSS -> reflection.discuss(turn, value);
      case Actions.ERASE -> privacy.confirm(turn, value);
      case Actions.FORGET_ME -> privacy.forgetConfirmed(turn, value);
      case Actions.QUIET_CLOSE -> {
        PrivacyFlow.requireThisCase(turn, value);
        closing.closeNow(turn);
      }
      case Actions.CLOSE_FINAL -> closing.finalPressed(turn, value);
      case Actions.ROUND_CLOSE -> closing.closeRoundPressed(turn, value);
      case Actions.CLOSE_NOW -> closing.closeNowPressed(turn, value);
      case Actions.CLOSE_DISCUSS -> closing.discussPressed(turn, value);
      case Actions.CLOSE_EXPORT -> {
        turn.enterCase(value);
        caseFlow.export(turn);
      }
      case Actions.QUIET_KEEP -> privacy.keepOpen(turn, value);
      case Actions.CONSENT_WITHDRAW -> consent.withdraw(turn, value);
      case Actions.ROUND_IMPROVE -> {
        return reflection.improvementsForm(turn, ReflectionFlow.roundFrom(turn, value));
      }
      default -> throw new Refusal("refusal.bad-button");
    }
    return Outcome.NOTHING;
  }

  /** A button whose value is just this case's code. */
  private static void requireThisCase(Turn turn, String value) {
    if (!Proposals.argument(turn, value).isEmpty()) {
      throw new Refusal("refusal.bad-button");
    }
  }

  /**
   * Opens a form; a button in a private chat names the case after the form id ({@code <form id>
   * <case code>}), one in the case's channel may leave it out.
   */
  private Outcome openForm(Turn turn, String value) {
    String[] parts = value.split(" ", 3);
    String formId = parts[0];
    if (parts.length >= 2 && Forms.JOIN.equals(formId)) {
      turn.enterCaseToJoin(parts[1]);
    } else if (parts.length >= 2 && !Forms.HANDOVER.equals(formId)) {
      turn.enterCase(parts[1]);
    }
    String about = parts.length == 3 ? parts[2] : "";
    return switch (formId) {
      case Forms.INTRODUCE -> membership.introduce(turn);
      case Forms.JOIN -> membership.join(turn);
      case Forms.GOAL -> agreement.goalForm(turn);
      case Forms.ROLES -> agreement.rolesForm(turn);
      case Forms.UPDATE -> updates.form(turn);
      case Forms.HANDOVER -> team.form(turn, parts.length >= 2 ? parts[1] : "");
      case Forms.VOICE -> voices.form(turn, about);
      case Forms.CHECK_IN -> checkIns.form(turn);
      case Forms.ROUND_START -> reflection.openStartForm(turn);
      case Forms.ROUND_ANSWERS -> reflection.openRoundForm(turn);
      case Forms.CONSENT -> consent.form(turn);
      case Forms.ROUND_IMPROVEMENTS ->
          reflection.improvementsForm(
              turn,
              ReflectionFlow.roundFrom(turn, (parts.length >= 2 ? parts[1] : "") + ":" + about));
      default -> throw new Refusal("refusal.bad-button");
    };
  }

  private Outcome form(Turn turn, String formId, Map<String, String> values) {
    if (values.containsKey(Forms.CASE) && Forms.JOIN.equals(formId)) {
      // Asking to join from the private chat Kring welcomed the person in.
      turn.enterCaseToJoin(values.get(Forms.CASE));
    } else if (values.containsKey(Forms.CASE) && !Forms.HANDOVER.equals(formId)) {
      // A form names its case: in a case's channel it must be that case, in a private chat with
      // Kring one the person takes part in. A form naming another case is refused before it is
      // read.
      turn.enterCase(values.get(Forms.CASE));
    }
    return switch (formId) {
      case Forms.INTRODUCE -> membership.submitIntroduce(turn, values);
      case Forms.JOIN -> membership.submitJoin(turn, values);
      case Forms.GOAL -> agreement.submitGoal(turn, values);
      case Forms.ROLES -> agreement.submitRoles(turn, values);
      case Forms.UPDATE -> updates.submit(turn, values);
      case Forms.HANDOVER -> team.submit(turn, values);
      case Forms.VOICE -> voices.submit(turn, values);
      case Forms.CHECK_IN -> checkIns.submit(turn, values);
      case Forms.ROUND_START -> reflection.submitStart(turn, values);
      case Forms.ROUND_ANSWERS -> reflection.submitAnswers(turn, values);
      case Forms.CONSENT -> consent.submit(turn, values);
      case Forms.UPDATE_CHECK -> updates.submitCheck(turn, values);
      case Forms.ROUND_IMPROVEMENTS -> reflection.submitImprovements(turn, values);
      default -> throw new Refusal("refusal.bad-form");
    };
  }

  @Override
  public void commandsTyped(Platform platform, CommandTyping typing) {
    typings.put(platform, typing);
  }

  private CommandTyping typing(ChannelRef channel) {
    return typings.getOrDefault(channel.platform(), CommandTyping.AS_IS);
  }

  /**
   * Handles one turn: the work decides on the case as read, then what it changed and what it says
   * are committed at once. When someone else changed the case meanwhile (or took the channel, or
   * the new case's code), the whole turn is done again on what is stored now.
   */
  private Outcome handle(Speaker speaker, ChannelRef channel, Function<Turn, Outcome> work) {
    RuntimeException lost = null;
    for (int attempt = 1; attempt <= CaseChanges.MAX_ATTEMPTS; attempt++) {
      Turn turn = new Turn(speaker, channel, clock.instant(), cases, people, typing(channel));
      Outcome outcome;
      try {
        outcome = work.apply(turn);
        reachableAgain(turn);
      } catch (Refusal refusal) {
        if (deliveredBefore(turn)) {
          // Refused only because the platform's first delivery of this did it already.
          LOG.info(() -> "Did not handle a delivery again in " + channel.key());
          return Outcome.NOTHING;
        }
        LOG.fine(() -> "Refused " + refusal.key() + " in " + channel.key());
        Turn answer = new Turn(speaker, channel, clock.instant(), cases, people, typing(channel));
        answer.answer(Reply.text(answer.t(refusal.key(), refusal.args())));
        send(answer.messages());
        // A refused form closes: the answer explains why, and the form cannot be fixed by retyping.
        return Outcome.FORM_DONE;
      }
      Optional<Case> stored;
      try {
        stored = commit(turn);
      } catch (DeliveredBefore e) {
        LOG.info(() -> "Did not handle a delivery again: " + e.getMessage());
        return Outcome.NOTHING;
      } catch (ConcurrentChange | ChannelTaken | CodeTaken e) {
        lost = e;
        CaseChanges.pauseBefore(attempt + 1);
        continue;
      }
      turn.committed();
      stored.ifPresent(c -> lived(c, turn));
      return outcome.inCase(stored.or(turn::caseHere).map(Case::code).orElse(null));
    }
    throw lost;
  }

  /**
   * Whether this thread handles a platform delivery whose turn the turn's case committed before.
   */
  private boolean deliveredBefore(Turn turn) {
    String digest = delivery.get();
    Case c = turn.read();
    return digest != null && c != null && store.delivered(c.code(), digest);
  }

  /**
   * Stores what the turn did: its case with its messages and plan in one commit, or only its
   * messages when it changed no case (none when its case committed the turn of the same platform
   * delivery before).
   *
   * @return the case as stored, if the turn changed or created one
   */
  private Optional<Case> commit(Turn turn) {
    Optional<Case> changed = turn.changedCase();
    if (changed.isEmpty()) {
      if (deliveredBefore(turn)) {
        // What it would say now answers what the platform's first delivery of it already did.
        throw new DeliveredBefore(turn.read().code());
      }
      send(turn.messages());
      return Optional.empty();
    }
    Case c = changed.get();
    Case stored =
        store.commit(
            new CaseCommit(
                turn.read(),
                c,
                turn.messages(),
                planning.plan(c),
                List.of(),
                turn.lifetime(),
                delivery.get()));
    if (!turn.messages().isEmpty()) {
      outboxWritten.run();
    }
    return Optional.of(stored);
  }

  /**
   * People acted in the case, or closed it: the retention clock counts from here. Its indexes learn
   * it after the commit, which stored the same with the case: if this is lost, they are rebuilt
   * from the cases at the next start.
   */
  private void lived(Case c, Turn turn) {
    if (c.status() == CaseStatus.CLOSED) {
      retention.closed(c.code(), turn.now());
    } else {
      retention.active(c.code(), turn.now());
    }
    Instant eraseAt = turn.lifetime().eraseAt();
    if (eraseAt != null) {
      retention.eraseAt(c.code(), eraseAt);
    }
  }

  /** A partner the platform once called unreachable just acted: they are reachable again. */
  private void reachableAgain(Turn turn) {
    if (turn.caseHere()
        .filter(c -> c.partner(turn.user()).filter(Partner::unreachable).isPresent())
        .isPresent()) {
      turn.change(now -> now.reachable(turn.user(), turn.now()));
    }
  }

  /**
   * Acute danger is not handled in chat: when a person's words suggest it, they get the safety card
   * privately, besides the normal answer. Only the fixed card is sent; the text is neither kept nor
   * logged, and nothing records that the card was shown.
   */
  private void safetyCard(Speaker speaker, ChannelRef channel, Collection<String> texts) {
    if (DangerWords.standard().anyIn(texts)) {
      Turn turn = new Turn(speaker, channel, clock.instant(), cases, people, typing(channel));
      turn.answer(SafetyCard.in(turn.speakerLanguage()));
      send(turn.messages());
    }
  }

  /** Writes every message before the person is told anything: nothing acknowledged is lost. */
  private void send(List<OutboundMessage> messages) {
    outbox.enqueueAll(messages);
    if (!messages.isEmpty()) {
      outboxWritten.run();
    }
  }
}
