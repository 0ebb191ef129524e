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

  /**
   * How often at most a run also takes over claims whose taker gave up (see {@link #recoverNow}).
   */
  static final Duration RECOVERY_EVERY = Duration.ofSeconds(1);

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
  private final Places places;

  /** How long a message waits while another node shows an earlier state of its place. */
  static final Duration PLACE_BUSY_WAIT = Duration.ofSeconds(1);

  /** Told when a platform says a message's channel or person is gone for good. */
  public interface GoneListener {
    void gone(OutboundMessage message, Delivery.Gone what);
  }

  private final Duration lease;
  private final Duration recoveryEvery;

  /** When this relay last took over abandoned claims; null before its first run. */
  private volatile Instant recovered;

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
        Meters.NONE,
        Places.NONE);
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
    this(
        outbox,
        messengers,
        clock,
        jitter,
        onParked,
        LEASE,
        onGone,
        Retractions.NONE,
        Meters.NONE,
        Places.NONE);
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
    this(
        outbox,
        messengers,
        clock,
        jitter,
        onParked,
        LEASE,
        onGone,
        posted,
        Meters.NONE,
        Places.NONE);
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
        Meters.NONE,
        Places.NONE);
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
      Meters meters,
      Places places) {
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
    this.recoveryEvery = lease.compareTo(RECOVERY_EVERY) < 0 ? lease : RECOVERY_EVERY;
    this.posted = posted;
    this.meters = meters;
    this.places = places;
  }

  /**
   * This relay, telling {@code meters} of every attempt's outcome, every rate limit and every claim
   * it takes over.
   */
  public OutboxRelay countingWith(Meters meters) {
    return with(meters, places);
  }

  /**
   * This relay, keeping in {@code places} what it posted for each {@link Place}, so that a later
   * message for a place updates its post instead of posting again.
   */
  public OutboxRelay showingIn(Places places) {
    return with(meters, places);
  }

  private OutboxRelay with(Meters meters, Places places) {
    return new OutboxRelay(
        outbox,
        List.copyOf(messengers.values()),
        clock,
        jitter,
        onParked,
        lease,
        onGone,
        posted,
        meters,
        places);
  }

  /**
   * Recovers abandoned claims (at most once a second), then delivers what is due until nothing more
   * can be taken now.
   *
   * @return how many messages were handed to a platform
   */
  public int deliverDue() {
    recoverNow();
    int handed = 0;
    while (true) {
      List<Claimed> batch = outbox.claim(clock.instant(), BATCH, lease, pace, answerPace);
      for (Claimed claimed : batch) {
        deliver(claimed);
        handed++;
      }
      if (batch.size() < BATCH) {
        // Nothing more was due: what comes due from now on wakes the relay (or its poll) again.
        return handed;
      }
    }
  }

  /**
   * Takes over abandoned claims, at most once per {@link #RECOVERY_EVERY} (or per lease, if it is
   * shorter): a claim is abandoned only once its lease is over, so a run woken for every answer
   * need not ask Redis each time.
   */
  private void recoverNow() {
    Instant now = clock.instant();
    Instant last = recovered;
    if (last != null && now.isBefore(last.plus(recoveryEvery)) && !now.isBefore(last)) {
      return;
    }
    recovered = now;
    int takenOver = outbox.recover(now);
    if (takenOver > 0) {
      meters.takenOver(Meters.Work.OUTBOX, takenOver);
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
        // A place is one recipient's, even where the platform posts it in another conversation.
        String placeKey = message.to().conversationKey();
        Places.Start start = startPlace(message, placeKey);
        if (start instanceof Places.Start.Stale) {
          // A newer state of the same thing is shown already: this one has nothing to add.
          outbox.delivered(message.id());
          return;
        }
        if (start instanceof Places.Start.Busy) {
          outbox.postpone(message.id(), clock.instant().plus(PLACE_BUSY_WAIT));
          return;
        }
        result = show(messenger, message, placeKey, start);
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

  /**
   * Whether and how a message that stands for a place may be shown now; null for other messages.
   */
  private Places.Start startPlace(OutboundMessage message, String conversation) {
    Place place = message.place();
    if (place == null) {
      return null;
    }
    return places.start(
        message.caseCode(), place.name(), conversation, place.version(), clock.instant(), lease);
  }

  /**
   * Posts the message, or updates the post of an earlier state of its place; the place learns what
   * shows it now, or is left to the next try.
   */
  private Delivery show(
      Messenger messenger, OutboundMessage message, String conversation, Places.Start start) {
    if (!(start instanceof Places.Start.Go go)) {
      return messenger.deliver(message);
    }
    Place place = message.place();
    Posted earlier = go.shown();
    Delivery result;
    try {
      if (earlier == null && place.mode() == Place.Mode.RETIRE) {
        // Nothing was posted for it (never delivered, or on a platform that cannot update).
        result = new Delivery.Delivered();
      } else if (earlier == null || place.mode() == Place.Mode.AGAIN) {
        result = messenger.deliver(message);
      } else {
        result = messenger.update(earlier, message);
      }
    } catch (RuntimeException e) {
      places.release(message.caseCode(), place.name(), conversation);
      throw e;
    }
    if (!(result instanceof Delivery.Delivered delivered)) {
      places.release(message.caseCode(), place.name(), conversation);
      return result;
    }
    Posted now = delivered.shown();
    if (place.mode() == Place.Mode.RETIRE && now == null) {
      now = earlier;
    }
    // Kept before the outbox forgets the message: a crash in between finds this state shown.
    places.shown(message.caseCode(), place.name(), conversation, place.version(), now);
    if (earlier != null && !earlier.equals(now)) {
      // Posted anew: the earlier post of the same thing goes, so one post stands for it.
      retire(messenger, earlier);
    }
    return result;
  }

  /** Deletes an earlier post of a place; one that cannot be deleted now stays, with its words. */
  private static void retire(Messenger messenger, Posted earlier) {
    try {
      Retraction done = messenger.retract(earlier);
      if (!(done instanceof Retraction.Done)) {
        LOG.info(() -> "An earlier post of a place stays: " + done.getClass().getSimpleName());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.INFO, "An earlier post of a place stays", e);
    }
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
