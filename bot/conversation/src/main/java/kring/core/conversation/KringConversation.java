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
  private final Overview overview;
  private final TeamFlow team;
  private final Entries entries;
  private final RetentionIndex retention;

  /** The digest of the platform delivery this thread is handling, if any ({@link #delivery}). */
  private final ThreadLocal<String> delivery = new ThreadLocal<>();

  private final Map<Platform, CommandTyping> typings = new ConcurrentHashMap<>();

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
    this.erasure = erasure;
    Cards cards = new Cards(clock.getZone());
    SecureRandom random = new SecureRandom();
    ReflectionFlow reflection =
        new ReflectionFlow(cards, clock.getZone(), schedule.anonymity(), random);
    this.overview = new Overview(cases, people, cards);
    this.caseFlow = new CaseFlow(cases, people, codes, cards, reflection, random, overview);
    ConsentFlow consent = new ConsentFlow(cards);
    this.team = new TeamFlow(cards);
    CalendarFlow calendar = new CalendarFlow(people, cards);
    this.membership = new MembershipFlow(cards, team);
    this.entries =
        Entries.of(
            List.of(
                caseFlow,
                membership,
                new AgreementFlow(cards, consent, team),
                new ScheduleFlow(schedule, cards, calendar),
                calendar,
                new TransitionFlow(cards),
                new UpdateFlow(cards),
                reflection,
                consent,
                new VoiceFlow(cards),
                team,
                new ClosingFlow(cards, reflection, schedule.anonymity(), random),
                new PrivacyFlow(cases, erasure, cards),
                new CheckInFlow(cards, schedule)));
  }

  /** Every command, button and form of Kring, as its features declared them. */
  public Entries entries() {
    return entries;
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
          Parsed parsed = Parsed.of(text, entries);
          if (parsed.known().isEmpty()) {
            caseFlow.unknown(turn, parsed);
            return Outcome.NOTHING;
          }
          return parsed.command().handle(turn, parsed.args());
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
            if (Actions.OPEN_FORM.equals(action)) {
              return openForm(turn, pressed);
            }
            return entries
                .button(action == null ? "" : action)
                .orElseThrow(() -> new Refusal("refusal.bad-button"))
                .handle(turn, pressed);
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
  public void offerForm(Speaker speaker, ChannelRef channel, Form form) {
    handle(
        speaker,
        channel,
        turn -> {
          turn.answer(
              Reply.builder()
                  .text(turn.t("form.offer", form.title()))
                  .primary(turn.t("button.open-form"), Actions.OPEN_FORM, form.id())
                  .build());
          return Outcome.NOTHING;
        });
  }

  @Override
  public Reply overview(UserRef person) {
    return overview.of(person);
  }

  /**
   * Opens a form; a button in a private chat names the case after the form id ({@code <form id>
   * <case code>}), one in the case's channel may leave it out.
   */
  private Outcome openForm(Turn turn, String value) {
    String[] parts = value.split(" ", 3);
    Entries.FormEntry form =
        entries
            .form(parts[0])
            .filter(f -> f.opener() != null)
            .orElseThrow(() -> new Refusal("refusal.bad-button"));
    String code = parts.length >= 2 ? parts[1] : "";
    if (parts.length >= 2) {
      bind(turn, form.binding(), code);
    }
    return form.opener().open(turn, code, parts.length == 3 ? parts[2] : "");
  }

  private Outcome form(Turn turn, String formId, Map<String, String> values) {
    Entries.FormEntry form =
        entries.form(formId).orElseThrow(() -> new Refusal("refusal.bad-form"));
    if (values.containsKey(Forms.CASE)) {
      // A form names its case: in a case's channel it must be that case, in a private chat with
      // Kring one the person takes part in (or, asking to join from the private chat Kring
      // welcomed the person in, the case they ask to join). A form naming another case is refused
      // before it is read.
      bind(turn, form.binding(), values.get(Forms.CASE));
    }
    return form.submitter().submit(turn, values);
  }

  /** Binds the turn to the case a form or its button names, as the form asks. */
  private static void bind(Turn turn, Entries.CaseBinding binding, String code) {
    switch (binding) {
      case PARTNER -> turn.enterCase(code);
      case APPLICANT -> turn.enterCaseToJoin(code);
      case OWN -> {}
    }
  }

  @Override
  public void commandsTyped(Platform platform, CommandTyping typing) {
    typings.put(platform, typing);
  }

  private Turn turn(Speaker speaker, ChannelRef channel) {
    CommandTyping typing = typings.getOrDefault(channel.platform(), CommandTyping.AS_IS);
    return new Turn(speaker, channel, clock.instant(), cases, people, typing, entries);
  }

  /**
   * Handles one turn: the work decides on the case as read, then what it changed and what it says
   * are committed at once. When someone else changed the case meanwhile (or took the channel, or
   * the new case's code), the whole turn is done again on what is stored now.
   */
  private Outcome handle(Speaker speaker, ChannelRef channel, Function<Turn, Outcome> work) {
    RuntimeException lost = null;
    for (int attempt = 1; attempt <= CaseChanges.MAX_ATTEMPTS; attempt++) {
      Turn turn = turn(speaker, channel);
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
        Turn answer = turn(speaker, channel);
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
      Turn turn = turn(speaker, channel);
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
