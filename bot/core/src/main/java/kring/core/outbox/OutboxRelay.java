package kring.core.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import kring.core.identity.Platform;
import kring.core.operations.Meters;
import kring.core.operations.Meters.Outcome;

/**
 * Moves messages from the outbox to the platforms: takes what is due, hands each message to its
 * platform's messenger, and follows the message kind's policy when the outcome is unknown. Retries
 * back off exponentially with jitter and honour a platform's Retry-After; a message that keeps
 * failing is parked as a dead letter and reported.
 */
public final class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

  /** How many attempts a message gets before it is parked. */
  public static final int MAX_ATTEMPTS = 8;

  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10));
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final int BATCH = 50;

  private final Outbox outbox;
  private final Map<Platform, Messenger> messengers = new EnumMap<>(Platform.class);
  private final Map<Platform, Duration> pace = new EnumMap<>(Platform.class);
  private final Map<Platform, Duration> answerPace = new EnumMap<>(Platform.class);
  private final Clock clock;
  private final RandomGenerator jitter;
  private final Consumer<DeadLetter> onParked;
  private final GoneListener onGone;
  private final Retractions posted;
  private final Meters meters;

  /** Told when a platform says a message's channel or person is gone for good. */
  public interface GoneListener {
    void gone(OutboundMessage message, Delivery.Gone what);
  }

  private final Duration lease;

  /**
   * @param outbox the outbox to drain
   * @param messengers one per platform Kring is connected to
   * @param clock the clock
   * @param jitter randomness for the backoff
   * @param onParked told about every message that is given up, to tell a coordinator
   */
  public OutboxRelay(
      Outbox outbox,
      List<Messenger> messengers,
      Clock clock,
      RandomGenerator jitter,
      Consumer<DeadLetter> onParked) {
    this(
        outbox,
        messengers,
        clock,
        jitter,
        onParked,
        LEASE,
        (message, what) -> {},
        Retractions.NONE,
        Meters.NONE);
  }

  /**
   * Like the first constructor, and told when a platform says a channel or a person is gone.
   *
   * @param onGone pauses a case whose channel is gone, for example
   */
  public OutboxRelay(
      Outbox outbox,
      List<Messenger> messengers,
      Clock clock,
      RandomGenerator jitter,
      Consumer<DeadLetter> onParked,
      GoneListener onGone) {
    this(outbox, messengers, clock, jitter, onParked, LEASE, onGone, Retractions.NONE, Meters.NONE);
  }

  /**
   * Like the other constructors, and keeping what the platforms call what Kring posted for a case,
   * so that it can be deleted when the case is erased.
   *
   * @param posted where it is kept; written before the message leaves the outbox
   */
  public OutboxRelay(
      Outbox outbox,
      List<Messenger> messengers,
      Clock clock,
      RandomGenerator jitter,
      Consumer<DeadLetter> onParked,
      GoneListener onGone,
      Retractions posted) {
    this(outbox, messengers, clock, jitter, onParked, LEASE, onGone, posted, Meters.NONE);
  }

  /**
   * Like the other constructor, with the lease of a claim set: how long a taker may work on a
   * message before {@link Outbox#recover} treats it as dead.
   *
   * @param lease longer than the slowest platform call, or messages are taken over while sent
   */
  public OutboxRelay(
      Outbox outbox,
      List<Messenger> messengers,
      Clock clock,
      RandomGenerator jitter,
      Consumer<DeadLetter> onParked,
      Duration lease) {
    this(
        outbox,
        messengers,
        clock,
        jitter,
        onParked,
        lease,
        (message, what) -> {},
        Retractions.NONE,
        Meters.NONE);
  }

  private OutboxRelay(
      Outbox outbox,
      List<Messenger> messengers,
      Clock clock,
      RandomGenerator jitter,
      Consumer<DeadLetter> onParked,
      Duration lease,
      GoneListener onGone,
      Retractions posted,
      Meters meters) {
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("A claim's lease must be positive");
    }
    this.outbox = outbox;
    for (Messenger messenger : messengers) {
      this.messengers.put(messenger.platform(), messenger);
      this.pace.put(messenger.platform(), messenger.pace());
      this.answerPace.put(messenger.platform(), messenger.answerPace());
    }
    this.clock = clock;
    this.jitter = jitter;
    this.onParked = onParked;
    this.onGone = onGone;
    this.lease = lease;
    this.posted = posted;
    this.meters = meters;
  }

  /**
   * This relay, telling {@code meters} of every attempt's outcome, every rate limit and every claim
   * it takes over.
   */
  public OutboxRelay countingWith(Meters meters) {
    return new OutboxRelay(
        outbox,
        List.copyOf(messengers.values()),
        clock,
        jitter,
        onParked,
        lease,
        onGone,
        posted,
        meters);
  }

  /**
   * Recovers abandoned claims, then delivers what is due until nothing more can be taken now.
   *
   * @return how many messages were handed to a platform
   */
  public int deliverDue() {
    int takenOver = outbox.recover(clock.instant());
    if (takenOver > 0) {
      meters.takenOver(Meters.Work.OUTBOX, takenOver);
    }
    int handed = 0;
    while (true) {
      List<Claimed> batch = outbox.claim(clock.instant(), BATCH, lease, pace, answerPace);
      if (batch.isEmpty()) {
        return handed;
      }
      for (Claimed claimed : batch) {
        deliver(claimed);
        handed++;
      }
    }
  }

  private void deliver(Claimed claimed) {
    OutboundMessage message = claimed.message();
    Messenger messenger = messengers.get(message.to().channel().platform());
    Delivery result;
    String conversation = message.to().conversationKey();
    if (messenger == null) {
      result = new Delivery.Undeliverable("Kring is not connected to this platform");
    } else {
      try {
        conversation = messenger.conversation(message.to());
        if (!conversation.equals(message.to().conversationKey())) {
          // It lands elsewhere than the claim paced it by: that conversation's pace applies.
          Optional<Instant> waits =
              outbox.takePace(conversation, clock.instant(), messenger.pace());
          if (waits.isPresent()) {
            outbox.postpone(message.id(), waits.get());
            return;
          }
        }
        result = messenger.deliver(message);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Messenger failed on message " + message.id(), e);
        result = new Delivery.Unknown(e.getClass().getSimpleName());
      }
    }
    if (result instanceof Delivery.Waits waits) {
      // Never sent: due again when the limit allows, its attempt not counted.
      outbox.postpone(message.id(), clock.instant().plus(waits.after()));
      return;
    }
    if (result instanceof Delivery.NotYet notYet && notYet.after() != null) {
      // The platform's Retry-After holds back the whole conversation, not only this message.
      Instant now = clock.instant();
      outbox.holdConversation(conversation, now, now.plus(notYet.after()));
    }
    handle(claimed, result);
  }

  private void handle(Claimed claimed, Delivery result) {
    OutboundMessage message = claimed.message();
    Instant now = clock.instant();
    if (result instanceof Delivery.Delivered delivered) {
      if (message.caseCode() != null && !delivered.posted().isEmpty()) {
        // Kept first: a crash before the outbox forgets the message sends it again, never loses
        // what was posted.
        message.cases().forEach(code -> posted.posted(code, delivered.posted()));
      }
      outbox.delivered(message.id());
      meters.delivery(platform(message), Outcome.DELIVERED);
    } else if (result instanceof Delivery.Undeliverable failed) {
      park(message, failed.reason(), now);
      if (failed.gone() != Delivery.Gone.NOTHING) {
        onGone.gone(message, failed.gone());
      }
    } else if (result instanceof Delivery.Unknown unknown
        && message.policy() == DeliveryPolicy.AT_MOST_ONCE) {
      LOG.info(() -> "Outcome unknown for at-most-once message " + message.id() + ", not resent");
      outbox.abandon(message.id(), unknown.reason());
      meters.delivery(platform(message), Outcome.ABANDONED);
    } else if (claimed.attempt() >= MAX_ATTEMPTS) {
      park(message, reason(result), now);
    } else {
      Duration wait = backoff(claimed.attempt());
      if (result instanceof Delivery.NotYet notYet
          && notYet.after() != null
          && notYet.after().compareTo(wait) > 0) {
        wait = notYet.after();
      }
      outbox.retry(message.id(), now.plus(wait), reason(result));
      meters.delivery(platform(message), Outcome.RETRIED);
    }
    if (result instanceof Delivery.NotYet notYet && notYet.rateLimited()) {
      meters.rateLimited(platform(message));
    }
  }

  private static Platform platform(OutboundMessage message) {
    return message.to().channel().platform();
  }

  private void park(OutboundMessage message, String reason, Instant now) {
    DeadLetter letter = outbox.park(message.id(), reason, now);
    meters.delivery(platform(message), Outcome.PARKED);
    if (message.kind() != MessageKind.DELIVERY_PROBLEM) {
      onParked.accept(letter);
    }
  }

  /** Exponential backoff with full jitter: a random wait up to 2^(attempt-1) times the first. */
  Duration backoff(int attempt) {
    return BACKOFF.after(attempt, jitter);
  }

  private static String reason(Delivery result) {
    if (result instanceof Delivery.NotYet notYet) {
      return notYet.reason();
    }
    if (result instanceof Delivery.Unknown unknown) {
      return unknown.reason();
    }
    if (result instanceof Delivery.Undeliverable failed) {
      return failed.reason();
    }
    return "";
  }
}
