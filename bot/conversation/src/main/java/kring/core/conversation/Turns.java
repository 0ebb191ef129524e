package kring.core.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import kring.core.cases.Case;
import kring.core.cases.CaseChanges;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.cases.ChannelTaken;
import kring.core.cases.CodeTaken;
import kring.core.cases.ConcurrentChange;
import kring.core.cases.Refusal;
import kring.core.identity.ChannelRef;
import kring.core.identity.People;
import kring.core.identity.Platform;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.partners.Partner;
import kring.core.privacy.RetentionIndex;
import kring.core.reply.Reply;
import kring.core.safety.DangerWords;
import kring.core.safety.SafetyCard;
import kring.core.store.CaseCommit;
import kring.core.store.CaseStore;
import kring.core.store.DeliveredBefore;
import kring.core.store.Sighting;
import kring.core.store.TurnMessages;
import kring.core.store.TurnRead;

/**
 * Runs each turn of the conversation: the work decides on the case as read, then the case, what the
 * turn says and the case's new plan are committed at once, and the turn is done again when someone
 * else changed the case meanwhile. A refusal becomes a polite private answer; every message is
 * written before the person is told anything.
 */
final class Turns {

  private static final Logger LOG = Logger.getLogger(KringConversation.class.getName());

  private final Cases cases;
  private final People people;
  private final Outbox outbox;
  private final Clock clock;
  private final Runnable outboxWritten;
  private final Schedule planning;
  private final CaseStore store;
  private final RetentionIndex retention;
  private final Entries entries;

  /** The digest of the platform delivery this thread is handling, if any ({@link #delivery}). */
  private final ThreadLocal<String> delivery = new ThreadLocal<>();

  /**
   * The platform delivery this thread handles, to have one effect however often it is sent ({@link
   * #firstSight}), with what the first read of a turn found of it.
   */
  private final ThreadLocal<Sight> sight = new ThreadLocal<>();

  private final Map<Platform, CommandTyping> typings = new ConcurrentHashMap<>();

  Turns(
      Cases cases,
      People people,
      Outbox outbox,
      Clock clock,
      Runnable outboxWritten,
      Schedule planning,
      CaseStore store,
      RetentionIndex retention,
      Entries entries) {
    this.cases = cases;
    this.people = people;
    this.outbox = outbox;
    this.clock = clock;
    this.outboxWritten = outboxWritten;
    this.planning = planning;
    this.store = store;
    this.retention = retention;
    this.entries = entries;
  }

  <T> T delivery(String digest, Supplier<T> work) {
    return with(delivery, digest, work);
  }

  /**
   * Runs {@code work} for a platform delivery that must have one effect however often the platform
   * sends it: the first turn's read decides whether the platform sent it before, in the same round
   * trip ({@link TurnRead.Extra#firstSight}); when it did, that turn and every later one of the
   * work do nothing ({@link Outcome#NOTHING}).
   */
  <T> T firstSight(Sighting sighting, Supplier<T> work) {
    return with(sight, new Sight(sighting), work);
  }

  /** Runs {@code work} with {@code local} set to {@code value} on this thread, then as it was. */
  private static <V, T> T with(ThreadLocal<V> local, V value, Supplier<T> work) {
    V outer = local.get();
    local.set(value);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        local.remove();
      } else {
        local.set(outer);
      }
    }
  }

  /** A delivery to have once, and what the first read found of it (null until then). */
  private static final class Sight {
    final Sighting sighting;
    Sighting.Found found;

    Sight(Sighting sighting) {
      this.sighting = sighting;
    }
  }

  /** The platform sent the delivery this thread handles before: its turns do nothing. */
  private static final class SentBefore extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SentBefore() {
      super("The platform sent this delivery before", null, false, false);
    }
  }

  void commandsTyped(Platform platform, CommandTyping typing) {
    typings.put(platform, typing);
  }

  /**
   * A turn on what it reads now, with what {@code extra} asks for; with the first read of a
   * delivery to have once, whether the platform sent it before.
   *
   * @throws SentBefore when the platform sent the delivery this thread handles before
   */
  private Turn turn(Speaker speaker, ChannelRef channel, Set<TurnRead.Extra> extra) {
    Sight pending = sight.get();
    boolean deciding = pending != null && pending.found == null;
    if (pending != null && !deciding && pending.found.sentBefore()) {
      throw new SentBefore();
    }
    Set<TurnRead.Extra> asked = extra;
    if (deciding) {
      asked = new HashSet<>(extra);
      asked.add(TurnRead.Extra.firstSight(pending.sighting));
    }
    TurnRead read = store.read(channel, speaker.user(), cases, people, asked);
    if (deciding) {
      pending.found = read.sighted().orElseGet(() -> store.sight(speaker.user(), pending.sighting));
      if (pending.found.sentBefore()) {
        // Nothing of it is kept: a channel the read bound for a case goes back as it was.
        extra.stream()
            .filter(TurnRead.Extra.BindHere.class::isInstance)
            .forEach(e -> store.unclaimed(channel, ((TurnRead.Extra.BindHere) e).code()));
        String by = pending.found.rememberedBy().orElseThrow();
        LOG.info(() -> "Dropped a delivery the platform sent before (" + by + ")");
        throw new SentBefore();
      }
    }
    CommandTyping typing = typings.getOrDefault(channel.platform(), CommandTyping.AS_IS);
    return new Turn(speaker, channel, clock.instant(), cases, people, read, extra, typing, entries);
  }

  /**
   * Handles one turn: the work decides on the case as read, then what it changed and what it says
   * are committed at once. When someone else changed the case meanwhile (or took the channel, or
   * the new case's code), the whole turn is done again on what is stored now.
   */
  Outcome handle(Speaker speaker, ChannelRef channel, Function<Turn, Outcome> work) {
    return handle(speaker, channel, Set::of, work);
  }

  /**
   * Handles one turn ({@link #handle}) that reads what {@code extra} gives with its case, asked
   * again each time the turn is done again (a new case's code is drawn anew). A channel the read
   * bound for a case the turn then did not commit there is let go ({@link CaseStore#unclaimed}).
   */
  Outcome handle(
      Speaker speaker,
      ChannelRef channel,
      Supplier<Set<TurnRead.Extra>> extra,
      Function<Turn, Outcome> work) {
    RuntimeException lost = null;
    for (int attempt = 1; attempt <= CaseChanges.MAX_ATTEMPTS; attempt++) {
      Turn turn;
      try {
        turn = turn(speaker, channel, extra.get());
      } catch (SentBefore e) {
        return Outcome.NOTHING;
      }
      Optional<Case> stored = Optional.empty();
      try {
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
          Turn answer = turn(speaker, channel, Set.of());
          answer.answer(Reply.text(answer.t(refusal.key(), refusal.args())));
          send(answer.messages());
          // A refused form closes: the answer explains why, and the form cannot be fixed by
          // retyping.
          return Outcome.FORM_DONE;
        }
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
      } finally {
        Optional<Case> kept = stored;
        turn.codeToBindHere()
            .filter(
                code ->
                    kept.filter(c -> c.code().equals(code) && c.channel().equals(channel))
                        .isEmpty())
            .ifPresent(code -> store.unclaimed(channel, code));
      }
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
   * messages (with the prompt it put off) when it changed no case (none when its case committed the
   * turn of the same platform delivery before). A turn that changed its case and put a prompt off
   * puts it off before its commit.
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
      store.send(
          new TurnMessages(turn.messages(), turn.languagesChosen(), turn.putOff()),
          outbox,
          people,
          planning);
      if (!turn.messages().isEmpty()) {
        outboxWritten.run();
      }
      return Optional.empty();
    }
    // Kept before the commit, whose messages may already speak it (or confirm it).
    turn.languagesChosen().forEach(people::setLanguage);
    turn.putOff().ifPresent(p -> turn.afterCommit(planning.putOff(p)));
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
  void safetyCard(Speaker speaker, ChannelRef channel, Collection<String> texts) {
    if (DangerWords.standard().anyIn(texts)) {
      Turn turn;
      try {
        turn = turn(speaker, channel, Set.of());
      } catch (SentBefore e) {
        return;
      }
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
