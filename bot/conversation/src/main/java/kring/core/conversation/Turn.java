package kring.core.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.Cases;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.ChannelRef;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Place;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;
import kring.core.store.CaseSchedule;
import kring.core.store.Lifetime;
import kring.core.store.TurnRead;
import kring.scheduler.calendar.WorkingHours;
import kring.scheduler.planning.DuePrompt;

/**
 * One thing a person did, while Kring handles it: who, where, when, the case of the channel, what
 * the turn changes in it and the messages to send. Nothing is stored while the turn runs: once it
 * is done, what it changed and what it says are committed together ({@link
 * kring.core.store.CaseStore}), and if someone else changed the case meanwhile the whole turn is
 * done again on what they stored. So a turn must not write anywhere else, except through {@link
 * #afterCommit}.
 */
public final class Turn {

  private final Speaker speaker;
  private final ChannelRef channel;
  private final Instant now;
  private final Cases cases;
  private final People people;
  private final List<OutboundMessage> messages = new ArrayList<>();
  private final Supplier<String> ids = OutboundMessage.idsInOrder();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final Map<UserRef, Language> languagesChosen = new HashMap<>();
  private Case read;
  private Case current;
  private boolean lastChangeWrote;
  private Case changed;
  private Instant eraseAt;
  private DuePrompt putOff;
  private final CommandTyping typing;
  private final Entries entries;

  /** The working hours of the people whose hours were read with the turn's case. */
  private final Map<UserRef, Optional<WorkingHours>> hoursRead;

  /** The schedule of the turn's case, where it was read with the case. */
  private final Optional<CaseSchedule> scheduleRead;

  /** The answers represented people left for their representative, read with the turn's case. */
  private final Map<Integer, Optional<String>> familyAnswersRead;

  /** The cases the speaker takes part in or asked to join, where read with the turn's case. */
  private final Optional<List<Case>> speakersCasesRead;

  /** The cases the turn named by their code, where read with the turn's case. */
  private final Map<CaseCode, Optional<Case>> casesNamedRead;

  /** The language the store wrote to the speaker with the turn's read, if it did. */
  private final Optional<Language> languageKept;

  /** The code of the case the turn starts or moves here, as its read asked for it, if any. */
  private final Optional<CaseCode> codeHere;

  /** The languages people chose, as this turn read them ({@link #languageChosenBy}). */
  private final Map<UserRef, Optional<Language>> chosen = new HashMap<>();

  Turn(
      Speaker speaker,
      ChannelRef channel,
      Instant now,
      Cases cases,
      People people,
      TurnRead before,
      Set<TurnRead.Extra> extra,
      CommandTyping typing,
      Entries entries) {
    this.codeHere =
        extra.stream()
            .filter(TurnRead.Extra.BindHere.class::isInstance)
            .map(e -> ((TurnRead.Extra.BindHere) e).code())
            .findFirst();
    this.typing = typing;
    this.entries = entries;
    this.speaker = speaker;
    this.channel = channel;
    this.now = now;
    this.cases = cases;
    this.people = people;
    this.current = before.caseHere().orElse(null);
    this.read = current;
    before.asked().forEach(p -> chosen.put(p, Optional.ofNullable(before.languages().get(p))));
    this.hoursRead = before.hoursRead();
    this.scheduleRead = before.schedule();
    this.familyAnswersRead = before.familyAnswers();
    this.speakersCasesRead = before.speakersCases();
    this.casesNamedRead = before.casesNamed();
    this.languageKept = before.languageKept();
  }

  public Speaker speaker() {
    return speaker;
  }

  public UserRef user() {
    return speaker.user();
  }

  public ChannelRef channel() {
    return channel;
  }

  public Instant now() {
    return now;
  }

  public Optional<Case> caseHere() {
    return Optional.ofNullable(current);
  }

  /** The case of this channel, or a polite refusal that explains how to start one. */
  public Case requireCase() {
    if (current == null) {
      throw new Refusal(RefusalReason.NO_CASE);
    }
    return current;
  }

  /**
   * The case a button or form names by its code. In the case's own channel that must be the
   * channel's case; in a private chat with Kring (where reminders arrive) it is any case the person
   * takes part in. A code of another case, of a case the person is not in, or no code at all is
   * refused the same way, so a button never reveals whether some other case exists.
   */
  public Case enterCase(String code) {
    if (current != null) {
      if (!current.code().value().equals(code)) {
        throw new Refusal(RefusalReason.OTHER_CASE);
      }
      return current;
    }
    return bind(code, c -> c.partner(user()).isPresent(), RefusalReason.OTHER_CASE);
  }

  /**
   * The case a person asks to join, named by the button Kring sent them privately when they came
   * into its channel: in a channel it must be the channel's case; in a private chat any case, since
   * asking changes nothing until the coordinator or backup accepts.
   */
  Case enterCaseToJoin(String code) {
    if (current != null) {
      return enterCase(code);
    }
    return bind(code, c -> true, RefusalReason.OTHER_CASE);
  }

  /**
   * The case a person left, named by a button in a private chat, so that they can still write their
   * handover note for it; for anything else a person who left is no longer part of the case.
   */
  public Case enterCaseLeft(String code) {
    if (current != null && current.code().value().equals(code)) {
      if (current.team().leftPartner(user()).isEmpty()) {
        throw new Refusal(RefusalReason.HANDOVER_NOT_YOURS);
      }
      return current;
    }
    return bind(
        code, c -> c.team().leftPartner(user()).isPresent(), RefusalReason.HANDOVER_NOT_YOURS);
  }

  /** Binds this turn to the case with this code, if it is well-formed and the person belongs. */
  private Case bind(String code, Predicate<Case> belongs, RefusalReason refusal) {
    if (!CaseCode.isValid(code)) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    current =
        cases.find(new CaseCode(code)).filter(belongs).orElseThrow(() -> new Refusal(refusal));
    read = current;
    return current;
  }

  /**
   * Changes the turn's case; the change is committed with everything else the turn does once it is
   * done. Whether the change changed anything (a double click changes nothing) is then told by
   * {@link #wrote()}.
   *
   * @param change a pure function of the case; it may throw a {@link Refusal}, which ends the turn
   *     without storing anything
   */
  public Case change(UnaryOperator<Case> change) {
    Case before = requireCase();
    Case after = change.apply(before);
    lastChangeWrote = !after.equals(before);
    if (lastChangeWrote) {
      current = after;
      changed = after;
    }
    return current;
  }

  /** Whether the last {@link #change} changed something. */
  public boolean wrote() {
    return lastChangeWrote;
  }

  /** The turn starts a new case: it is created with the turn's commit. */
  public void started(Case created) {
    read = null;
    current = created;
    changed = created;
  }

  /**
   * The turn acts on a case found by its code rather than by this channel (it moves here): changes
   * are made to it and committed with the revision read here.
   */
  public void adopt(Case found) {
    read = found;
    current = found;
  }

  /**
   * The turn agreed to erase its case at {@code at}: the retention clock learns it in the commit.
   */
  public void eraseAt(Instant at) {
    eraseAt = at;
  }

  /** What the retention clock learns from this turn: people acted, and perhaps agreed to erase. */
  public Lifetime lifetime() {
    Lifetime acted = Lifetime.acted(now);
    return eraseAt == null ? acted : acted.erasedAt(eraseAt);
  }

  /**
   * The turn puts a prompt off, as {@code moved} carries it: stored with the turn, so that the
   * answer that confirms it is only written once it stands.
   */
  void putOff(DuePrompt moved) {
    putOff = moved;
  }

  /** The prompt the turn puts off, if any. */
  Optional<DuePrompt> putOff() {
    return Optional.ofNullable(putOff);
  }

  /** Runs once the turn's commit is stored, with what must not happen before (or twice). */
  public void afterCommit(Runnable then) {
    afterCommit.add(then);
  }

  /** The turn is stored: what waited for that runs now. */
  void committed() {
    afterCommit.forEach(Runnable::run);
  }

  /**
   * The code of the case this turn starts or moves into its channel, as its command asked its read
   * to bind the channel for ({@link TurnRead.Extra#bindHere}); empty when it asked for none.
   */
  public Optional<CaseCode> codeToBindHere() {
    return codeHere;
  }

  /** The case as the turn read it, null for a case the turn started. */
  public Case read() {
    return read;
  }

  /** The case as this turn left it, if the turn changed or created it. */
  Optional<Case> changedCase() {
    return Optional.ofNullable(changed);
  }

  /** The language to address a person in: their own choice, else the case's, else Dutch. */
  public Language languageOf(UserRef person) {
    return languageChosenBy(person)
        .orElseGet(() -> current == null ? Language.NL : current.language());
  }

  /**
   * The language a person chose, read once per turn: the speaker's with the case (and those of its
   * people, where the store read them with it); else, at the first that is asked, theirs with those
   * of the case's people not read yet.
   */
  public Optional<Language> languageChosenBy(UserRef person) {
    if (!chosen.containsKey(person)) {
      Set<UserRef> asked = new LinkedHashSet<>();
      asked.add(person);
      if (current != null) {
        current.team().namedPeople().stream()
            .filter(p -> !chosen.containsKey(p))
            .forEach(asked::add);
      }
      Map<UserRef, Language> found = people.languages(asked);
      asked.forEach(p -> chosen.put(p, Optional.ofNullable(found.get(p))));
    }
    return chosen.get(person);
  }

  /** The schedule of a case, where it was read with the turn's case; empty when it was not. */
  public Optional<CaseSchedule> scheduleRead(CaseCode code) {
    return scheduleRead.filter(s -> s.code().equals(code));
  }

  /**
   * The cases the speaker takes part in or asked to join ({@link Cases#findByPerson}): as read with
   * the turn's case where the store did, else read now.
   */
  public List<Case> speakersCases() {
    return speakersCasesRead.orElseGet(() -> cases.findByPerson(user()));
  }

  /**
   * The case with this code, wherever it lives: as read with the turn's case where the store did,
   * else read now.
   */
  public Optional<Case> find(CaseCode code) {
    Optional<Case> named = casesNamedRead.get(code);
    return named != null ? named : cases.find(code);
  }

  /**
   * The working hours a person set for themselves: as read with the turn's case where the store
   * did, else read now.
   */
  public Optional<WorkingHours> workingHoursOf(UserRef person) {
    Optional<WorkingHours> read = hoursRead.get(person);
    return read != null ? read : people.workingHours(person);
  }

  /**
   * The answers a represented person of case {@code code} left for their representative, as kept:
   * as read with the turn's case where the store did, else as {@code elsewise} reads them now.
   */
  public Optional<String> familyAnswersOf(
      CaseCode code, int seq, Supplier<Optional<String>> elsewise) {
    Optional<String> answers =
        read != null && read.code().equals(code) ? familyAnswersRead.get(seq) : null;
    return answers != null ? answers : elsewise.get();
  }

  /**
   * The speaker chose the language Kring speaks to them in: it holds from now on, this turn too,
   * and is kept with what the turn stores.
   */
  public void languageChosen(Language language) {
    chosen.put(speaker.user(), Optional.of(language));
    languagesChosen.put(speaker.user(), language);
  }

  /**
   * The languages people chose in this turn, to be kept with what it stores: all but one the store
   * already kept with the turn's read ({@link TurnRead.Extra#keepLanguage}).
   */
  public Map<UserRef, Language> languagesChosen() {
    Map<UserRef, Language> toKeep = new HashMap<>(languagesChosen);
    languageKept.ifPresent(kept -> toKeep.remove(speaker.user(), kept));
    return Map.copyOf(toKeep);
  }

  public Language speakerLanguage() {
    return languageOf(speaker.user());
  }

  public Language caseLanguage() {
    return current == null ? speakerLanguage() : current.language();
  }

  /** A sentence in the speaker's language. */
  public String t(String key, Object... args) {
    return Texts.get(speakerLanguage(), key, args);
  }

  /** A sentence in the case's language, for the channel. */
  public String tc(String key, Object... args) {
    return Texts.get(caseLanguage(), key, args);
  }

  /** A command as it is typed in this channel, such as {@code start AB} or a mention of Kring. */
  public String typed(String command) {
    return typing.typed(channel, command);
  }

  /** Whether a command in this channel is typed other than as it is (after a mention, say). */
  public boolean commandsAddressed() {
    String probe = "help";
    return !typed(probe).equals(probe);
  }

  /** The commands, buttons and forms of the conversation this turn is part of. */
  public Entries entries() {
    return entries;
  }

  /** Answers the speaker privately. */
  public void answer(Reply reply) {
    add(Recipient.privately(channel, speaker.user()), reply, MessageKind.ANSWER);
  }

  /** Answers the speaker privately with one sentence. */
  public void answer(String key, Object... args) {
    answer(Reply.text(t(key, args)));
  }

  /** Posts in the case's channel (or this channel, before there is a case), for everyone there. */
  public void announce(Reply reply) {
    add(Recipient.channel(caseChannel()), reply, MessageKind.ANNOUNCEMENT);
  }

  /** Posts in another channel, for everyone there (the one a case just moved away from). */
  public void announceIn(ChannelRef elsewhere, Reply reply) {
    add(Recipient.channel(elsewhere), reply, MessageKind.ANNOUNCEMENT);
  }

  /** Tells another person privately. */
  public void tell(UserRef person, Reply reply) {
    add(Recipient.privately(caseChannel(), person), reply, MessageKind.ANNOUNCEMENT);
  }

  /**
   * Posts in the case's channel as the newest state of {@code place} (an agreement version, say):
   * the post of an earlier state is updated in place, so the channel keeps one post for the thing.
   */
  public void announceAt(String place, Reply reply) {
    add(Recipient.channel(caseChannel()), reply, MessageKind.ANNOUNCEMENT, place, Place.Mode.SHOW);
  }

  /**
   * Tells a person privately the newest state of {@code place} (their check-in, a request they must
   * handle), updating what they were shown of it before.
   */
  public void tellAt(UserRef person, String place, Reply reply) {
    add(
        Recipient.privately(caseChannel(), person),
        reply,
        MessageKind.ANNOUNCEMENT,
        place,
        Place.Mode.SHOW);
  }

  /**
   * Updates what was posted for {@code place} in the channel (person null) or for a person, once
   * its buttons no longer apply; nothing is posted when nothing was.
   */
  public void retire(UserRef person, String place, Reply reply) {
    Recipient to =
        person == null
            ? Recipient.channel(caseChannel())
            : Recipient.privately(caseChannel(), person);
    add(to, reply, MessageKind.ANNOUNCEMENT, place, Place.Mode.RETIRE);
  }

  /**
   * The version of every place this turn shows: the revision its commit stores, higher than any
   * commit before it.
   */
  public long placeVersion() {
    Case base = read != null ? read : current;
    return base == null ? 0 : base.revision() + 1;
  }

  /** Where the case lives; the person may be acting from a private chat with Kring. */
  private ChannelRef caseChannel() {
    return current == null ? channel : current.channel();
  }

  public List<OutboundMessage> messages() {
    return List.copyOf(messages);
  }

  private void add(Recipient to, Reply reply, MessageKind kind) {
    messages.add(
        new OutboundMessage(
            ids.get(), to, reply, kind, current == null ? null : current.code(), now));
  }

  private void add(Recipient to, Reply reply, MessageKind kind, String name, Place.Mode mode) {
    if (current == null) {
      throw new IllegalStateException("Only a case's messages stand for a place");
    }
    Place place = new Place(name, placeVersion(), mode);
    // One turn shows one state of a thing to each recipient: its last.
    messages.removeIf(
        m ->
            m.place() != null
                && m.place().name().equals(name)
                && m.to().conversationKey().equals(to.conversationKey()));
    messages.add(new OutboundMessage(ids.get(), to, reply, kind, current.code(), now).at(place));
  }
}
