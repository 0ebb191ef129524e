package kring.core.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import kring.core.cases.Case;
import kring.core.cases.CaseChanges;
import kring.core.cases.CaseCode;
import kring.core.cases.Cases;
import kring.core.cases.Refusal;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.ChannelRef;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;

/**
 * One thing a person did, while Kring handles it: who, where, when, the case of the channel, and
 * the messages to send once the change is stored.
 */
final class Turn {

  private final Speaker speaker;
  private final ChannelRef channel;
  private final Instant now;
  private final Cases cases;
  private final People people;
  private final List<OutboundMessage> messages = new ArrayList<>();
  private final Supplier<String> ids = OutboundMessage.idsInOrder();
  private Case current;
  private boolean lastChangeWrote;
  private Case changed;

  Turn(Speaker speaker, ChannelRef channel, Instant now, Cases cases, People people) {
    this.speaker = speaker;
    this.channel = channel;
    this.now = now;
    this.cases = cases;
    this.people = people;
    this.current = cases.findByChannel(channel).orElse(null);
  }

  Speaker speaker() {
    return speaker;
  }

  UserRef user() {
    return speaker.user();
  }

  ChannelRef channel() {
    return channel;
  }

  Instant now() {
    return now;
  }

  Optional<Case> caseHere() {
    return Optional.ofNullable(current);
  }

  /** The case of this channel, or a polite refusal that explains how to start one. */
  Case requireCase() {
    if (current == null) {
      throw new Refusal("refusal.no-case");
    }
    return current;
  }

  /**
   * The case a button or form names by its code. In the case's own channel that must be the
   * channel's case; in a private chat with Kring (where reminders arrive) it is any case the person
   * takes part in. A code of another case, of a case the person is not in, or no code at all is
   * refused the same way, so a button never reveals whether some other case exists.
   */
  Case enterCase(String code) {
    if (current != null) {
      if (!current.code().value().equals(code)) {
        throw new Refusal("refusal.other-case");
      }
      return current;
    }
    return bind(code, c -> c.partner(user()).isPresent(), "refusal.other-case");
  }

  /**
   * The case a person left, named by a button in a private chat, so that they can still write their
   * handover note for it; for anything else a person who left is no longer part of the case.
   */
  Case enterCaseLeft(String code) {
    if (current != null && current.code().value().equals(code)) {
      if (current.leftPartner(user()).isEmpty()) {
        throw new Refusal("refusal.handover-not-yours");
      }
      return current;
    }
    return bind(code, c -> c.leftPartner(user()).isPresent(), "refusal.handover-not-yours");
  }

  /** Binds this turn to the case with this code, if it is well-formed and the person belongs. */
  private Case bind(String code, Predicate<Case> belongs, String refusal) {
    if (!CaseCode.isValid(code)) {
      throw new Refusal("refusal.other-case");
    }
    current =
        cases.find(new CaseCode(code)).filter(belongs).orElseThrow(() -> new Refusal(refusal));
    return current;
  }

  /**
   * Changes the channel's case with optimistic concurrency; returns the stored case. Whether the
   * change wrote anything (a double click writes nothing) is then told by {@link #wrote()}.
   */
  Case change(UnaryOperator<Case> change) {
    Case before = requireCase();
    boolean[] wrote = {false};
    current =
        CaseChanges.change(
            cases,
            before.code(),
            read -> {
              Case changed = change.apply(read);
              // The last attempt is the one that counts: it either stored or found nothing to do.
              wrote[0] = !changed.equals(read);
              return changed;
            });
    lastChangeWrote = wrote[0];
    if (lastChangeWrote) {
      changed = current;
    }
    return current;
  }

  /** Whether the last {@link #change} stored something new. */
  boolean wrote() {
    return lastChangeWrote;
  }

  void started(Case created) {
    current = created;
    changed = created;
  }

  /** The case as this turn last wrote it, if the turn changed or created it. */
  Optional<Case> changedCase() {
    return Optional.ofNullable(changed);
  }

  /** The language to address a person in: their own choice, else the case's, else Dutch. */
  Language languageOf(UserRef person) {
    return people
        .language(person)
        .orElseGet(() -> current == null ? Language.NL : current.language());
  }

  Language speakerLanguage() {
    return languageOf(speaker.user());
  }

  Language caseLanguage() {
    return current == null ? speakerLanguage() : current.language();
  }

  /** A sentence in the speaker's language. */
  String t(String key, Object... args) {
    return Texts.get(speakerLanguage(), key, args);
  }

  /** A sentence in the case's language, for the channel. */
  String tc(String key, Object... args) {
    return Texts.get(caseLanguage(), key, args);
  }

  /** Answers the speaker privately. */
  void answer(Reply reply) {
    add(Recipient.privately(channel, speaker.user()), reply, MessageKind.ANSWER);
  }

  /** Answers the speaker privately with one sentence. */
  void answer(String key, Object... args) {
    answer(Reply.text(t(key, args)));
  }

  /** Posts in the case's channel (or this channel, before there is a case), for everyone there. */
  void announce(Reply reply) {
    add(Recipient.channel(caseChannel()), reply, MessageKind.ANNOUNCEMENT);
  }

  /** Posts in another channel, for everyone there (the one a case just moved away from). */
  void announceIn(ChannelRef elsewhere, Reply reply) {
    add(Recipient.channel(elsewhere), reply, MessageKind.ANNOUNCEMENT);
  }

  /** Tells another person privately. */
  void tell(UserRef person, Reply reply) {
    add(Recipient.privately(caseChannel(), person), reply, MessageKind.ANNOUNCEMENT);
  }

  /** Where the case lives; the person may be acting from a private chat with Kring. */
  private ChannelRef caseChannel() {
    return current == null ? channel : current.channel();
  }

  List<OutboundMessage> messages() {
    return List.copyOf(messages);
  }

  private void add(Recipient to, Reply reply, MessageKind kind) {
    messages.add(
        new OutboundMessage(
            ids.get(), to, reply, kind, current == null ? null : current.code(), now));
  }
}
