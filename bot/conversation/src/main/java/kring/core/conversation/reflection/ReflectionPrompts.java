package kring.core.conversation.reflection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import kring.core.cases.Case;
import kring.core.conversation.Cards;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Place;
import kring.core.outbox.Recipient;
import kring.core.partners.Partner;
import kring.core.reflection.Anonymity;
import kring.core.reflection.ReflectionRound;
import kring.core.reply.Block;
import kring.core.reply.Reply;
import kring.core.store.Change;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.RoundWindow;

/**
 * The scheduled side of reflection rounds, called by the prompt sender for the reflection kinds:
 * opening a round on the case's rhythm, the private invitations to such a round and the one private
 * reminder before a deadline (sent like every personal prompt, within the person's share), and
 * closing a round at its deadline with its summary in the channel.
 */
public final class ReflectionPrompts {

  private static final Logger LOG = Logger.getLogger(ReflectionPrompts.class.getName());

  private final Anonymity anonymity;
  private final RandomGenerator random;
  private final Cards cards;
  private final Rounds flow;

  /**
   * @param rounds what rounds say and when they run
   */
  public ReflectionPrompts(
      Cards cards, Rounds rounds, Anonymity anonymity, RandomGenerator random) {
    this.cards = cards;
    this.anonymity = anonymity;
    this.random = random;
    this.flow = rounds;
  }

  /**
   * The case's rhythm opens round {@code number} with the default questions and deadline, unless a
   * round is open or a newer one was held meanwhile: the channel hears that it started, and the
   * partners are asked through their own prompts (planned when the case is planned again). A pure
   * step on the case as read: its commit stores both.
   */
  public Change open(Case latest, int number, Instant now) {
    if (heldSince(latest, number)) {
      return Change.none(latest);
    }
    // A round that would run into a school holiday closes before it, or is announced now and
    // opens after it.
    RoundWindow window = flow.window(latest, now, Rounds.DEFAULT_DAYS);
    Case opened =
        latest.startScheduledReflection(
            flow.defaultQuestions(latest), anonymity, window.opensAt(), window.closesAt(), now);
    Optional<ReflectionRound> round =
        opened.reflections().round(number).filter(r -> r.openedAt().equals(window.opensAt()));
    if (round.isEmpty()) {
      return Change.none(latest);
    }
    Language lang = opened.language();
    String opening =
        Texts.get(
            lang,
            "reflection.started.scheduled",
            round.get().questions().size(),
            cards.date(round.get().closesAt(), lang));
    return new Change(
        opened,
        List.of(
            announcement(
                UUID.randomUUID().toString(),
                opened,
                Recipient.channel(opened.channel()),
                flow.startPost(opened, round.get(), window, opening, lang, now),
                now)));
  }

  /**
   * A partner's private invitation to a round the rhythm opened, or empty when they answered
   * meanwhile or the round no longer takes answers.
   */
  public Optional<Reply> invitation(Case c, DuePrompt prompt, Language lang, Instant now) {
    return waiting(c, prompt, now).map(round -> flow.invitation(c, round, lang));
  }

  /**
   * The one private reminder of an open round for a partner who has not answered, or empty when
   * they answered meanwhile or the round no longer takes answers.
   */
  public Optional<Reply> reminder(Case c, DuePrompt prompt, Language lang, Instant now) {
    Optional<ReflectionRound> round = waiting(c, prompt, now);
    if (round.isEmpty()) {
      return Optional.empty();
    }
    Reply invitation = flow.invitation(c, round.get(), lang);
    Reply reminder =
        Reply.builder()
            .heading(
                Texts.get(
                    lang,
                    Rounds.kindKey(round.get(), "reflection.reminder.title"),
                    round.get().number()))
            .text(
                Texts.get(
                    lang, "reflection.reminder.text", cards.date(round.get().closesAt(), lang)))
            .note(Texts.get(lang, "reflection.reminder.why"))
            .build();
    List<Block> blocks = new ArrayList<>(reminder.blocks());
    blocks.add(invitation.blocks().get(invitation.blocks().size() - 1));
    return Optional.of(new Reply(blocks));
  }

  /** Whether a round is open, or round {@code number} or a later one was already held. */
  private static boolean heldSince(Case c, int number) {
    return c.openReflection().isPresent()
        || c.reflections().rounds().stream().anyMatch(r -> r.number() >= number);
  }

  /** The round a prompt names, if it still waits for its person's answers. */
  private static Optional<ReflectionRound> waiting(Case c, DuePrompt prompt, Instant now) {
    Optional<ReflectionRound> round =
        c.reflections().round(prompt.step()).filter(r -> r.acceptsAnswersAt(now));
    Optional<Partner> partner = c.partner(prompt.person());
    if (round.isEmpty()
        || partner.isEmpty()
        || !round.get().notAnswered().contains(partner.get().seq())) {
      return Optional.empty();
    }
    return round;
  }

  /**
   * Closes a round at its deadline if still open: its summary for the channel, and notes. A pure
   * step on the case as read: its commit stores both.
   */
  public Change close(
      Case latest, DuePrompt prompt, Function<UserRef, Language> languages, Instant now) {
    int number = prompt.step();
    if (latest.reflections().round(number).filter(ReflectionRound::isOpen).isEmpty()) {
      return Change.none(latest);
    }
    Case closed = latest.closeReflection(number, now, random);
    if (closed == latest) {
      return Change.none(latest);
    }
    LOG.fine(() -> "Closed reflection round " + number + " of " + latest.code());
    List<OutboundMessage> messages = new ArrayList<>();
    Supplier<String> ids = OutboundMessage.idsInOrder();
    boolean closedTheCase = Rounds.closedWith(latest, closed);
    for (Rounds.Message m : flow.summary(closed, number, languages, closedTheCase)) {
      Recipient to =
          m.to() == null
              ? Recipient.channel(closed.channel())
              : Recipient.privately(closed.channel(), m.to());
      OutboundMessage message = announcement(ids.get(), closed, to, m.reply(), now);
      messages.add(
          m.retires() == null
              ? message
              : message.at(new Place(m.retires(), latest.revision() + 1, Place.Mode.RETIRE)));
    }
    return new Change(closed, messages);
  }

  private static OutboundMessage announcement(
      String id, Case c, Recipient to, Reply reply, Instant now) {
    return new OutboundMessage(id, to, reply, MessageKind.ANNOUNCEMENT, c.code(), now);
  }
}
