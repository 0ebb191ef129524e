package kring.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.outbox.Claimed;
import kring.core.outbox.DeadLetter;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.Place;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;
import kring.json.KringJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox in Redis. Each message is a hash (its body, recipient, kind, policy and attempts); a
 * sorted set orders the due ids by due time, another the ids being delivered by lease expiry; a
 * short-lived key per conversation keeps the platform's pace; dead letters are a capped list. Every
 * change that touches more than one of these is one Lua script.
 */
public final class RedisOutbox implements Outbox {

  /**
   * The newest schema this Kring writes for a message: 2 for a message that stands for a place
   * (which an older Kring would post anew instead of updating), 1 for any other.
   */
  static final int SCHEMA = 2;

  /** How many dead letters are kept; older ones drop off. */
  static final int DEAD_LETTERS_KEPT = 1000;

  /** How long a message written by a newer Kring waits before a node tries it again. */
  static final Duration NEWER_SCHEMA_WAIT = Duration.ofMinutes(1);

  /** How many expired claims one {@link #recover} handles; the rest wait for the next call. */
  static final int RECOVER_BATCH = 1000;

  /**
   * How long the node that committed a case's messages has to hand them in before any node's
   * recovery does it.
   */
  static final Duration HAND_IN_GRACE = Duration.ofSeconds(10);

  /** How long the ids of prompts written to the outbox are remembered, against sending twice. */
  static final Duration PROMPTS_REMEMBERED = Duration.ofDays(2);

  private static final Logger LOG = LoggerFactory.getLogger(RedisOutbox.class);

  private final RedisHandIn handIn;

  static final LuaScript ENQUEUE = LuaScript.named("outbox-enqueue.lua");
  private static final LuaScript ENQUEUE_PROMPTS = LuaScript.named("outbox-enqueue-prompts.lua");
  private static final LuaScript CLAIM = LuaScript.named("outbox-claim.lua");
  private static final LuaScript FORGET = LuaScript.named("outbox-forget.lua");
  private static final LuaScript RETRY = LuaScript.named("outbox-retry.lua");
  private static final LuaScript PACE = LuaScript.named("outbox-pace.lua");
  private static final LuaScript HOLD = LuaScript.named("outbox-hold.lua");
  private static final LuaScript PARK = LuaScript.named("outbox-park.lua");
  private static final LuaScript RECOVER = LuaScript.named("outbox-recover.lua");

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final JsonMapper json = KringJson.mapper();

  public RedisOutbox(UnifiedJedis redis, RedisKeys keys) {
    this.handIn = new RedisHandIn(redis, keys);
    this.redis = redis;
    this.keys = keys;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The message is due at its {@code createdAt}; writing an id that is still waiting changes
   * nothing, so a write repeated after a timeout does not send twice.
   */
  @Override
  public void enqueue(OutboundMessage message) {
    ENQUEUE.run(redis, enqueueKeys(message), enqueueArgs(message));
  }

  @Override
  public void enqueueAll(List<OutboundMessage> messages) {
    if (!messages.isEmpty()) {
      enqueueAll(messages, pipeline -> {});
    }
  }

  /** Writes messages, in one round trip after what {@code first} puts in the same pipeline. */
  void enqueueAll(List<OutboundMessage> messages, Consumer<AbstractPipeline> first) {
    List<List<String>> keysEach = new ArrayList<>();
    List<List<String>> argsEach = new ArrayList<>();
    for (OutboundMessage message : messages) {
      keysEach.add(enqueueKeys(message));
      argsEach.add(enqueueArgs(message));
    }
    ENQUEUE.runEach(redis, first, keysEach, argsEach);
  }

  @Override
  public Set<String> enqueuePrompts(OutboundMessage message, Set<String> promptIds) {
    return enqueuePrompts(List.of(new PromptMessage(message, promptIds))).get(0);
  }

  /**
   * A few hundred messages per script run, the runs in one pipeline: all of the outbox's keys share
   * one slot, and one run checks and writes its messages one after the other.
   */
  @Override
  public List<Set<String>> enqueuePrompts(List<PromptMessage> messages) {
    List<List<String>> keyLists = new ArrayList<>();
    List<List<String>> argLists = new ArrayList<>();
    for (int from = 0; from < messages.size(); from += PROMPT_MESSAGES_PER_RUN) {
      List<PromptMessage> run =
          messages.subList(from, Math.min(messages.size(), from + PROMPT_MESSAGES_PER_RUN));
      List<String> keyList = new ArrayList<>(List.of(keys.outboxDue(), keys.outboxPrompted()));
      List<String> args = new ArrayList<>();
      args.add(String.valueOf(run.get(0).message().createdAt().toEpochMilli()));
      args.add(String.valueOf(PROMPTS_REMEMBERED.toMillis()));
      for (PromptMessage m : run) {
        keyList.add(keys.outboxMessage(m.message().id()));
        List<String> stored = enqueueArgs(m.message());
        args.add(String.valueOf(m.promptIds().size()));
        args.addAll(m.promptIds());
        args.add(String.valueOf(stored.size() - 2));
        args.addAll(stored);
      }
      keyLists.add(keyList);
      argLists.add(args);
    }
    List<Set<String>> before = new ArrayList<>();
    for (Object run : ENQUEUE_PROMPTS.runEach(redis, keyLists, argLists)) {
      for (Object result : (List<?>) run) {
        Set<String> ids = new java.util.HashSet<>();
        ((List<?>) result).forEach(id -> ids.add((String) id));
        before.add(ids);
      }
    }
    return before;
  }

  /** How many messages of prompts one script run writes at most. */
  static final int PROMPT_MESSAGES_PER_RUN = 200;

  private List<String> enqueueKeys(OutboundMessage message) {
    return List.of(keys.outboxMessage(message.id()), keys.outboxDue(), keys.outboxFirst());
  }

  /** The message id, its due time, then its fields and values, as the outbox stores them. */
  List<String> enqueueArgs(OutboundMessage message) {
    if (message.createdAt() == null) {
      throw new IllegalArgumentException("An outbox message needs the time it was written");
    }
    Recipient to = message.to();
    List<String> args = new ArrayList<>();
    args.add(message.id());
    args.add(String.valueOf(message.createdAt().toEpochMilli()));
    addField(args, "schema", message.place() == null ? "1" : String.valueOf(SCHEMA));
    addField(args, "to", json.writeValueAsString(to));
    addField(args, "kind", message.kind().name());
    // Its own case first, then the others a combined message speaks of, separated by spaces.
    addField(
        args, "case", String.join(" ", message.cases().stream().map(CaseCode::value).toList()));
    addField(args, "created", message.createdAt().toString());
    addField(args, "body", json.writeValueAsString(message.reply()));
    addField(args, "conversation", to.conversationKey());
    addField(args, "platform", to.channel().platform().name());
    addField(args, "policy", message.policy().name());
    addField(args, "attempts", "0");
    if (first(message)) {
      addField(args, "lane", "first");
    }
    Place place = message.place();
    if (place != null) {
      addField(args, "place", place.name() + " " + place.version() + " " + place.mode().name());
    }
    return args;
  }

  /**
   * Whether a message goes in the first lane: the answer to a person's own action, which they are
   * waiting for.
   */
  static boolean first(OutboundMessage message) {
    return message.kind() == MessageKind.ANSWER && message.to().isPrivate();
  }

  @Override
  public List<Claimed> claim(Instant now, int max, Duration lease, Map<Platform, Duration> pace) {
    return claim(now, max, lease, pace, pace);
  }

  @Override
  public List<Claimed> claim(
      Instant now,
      int max,
      Duration lease,
      Map<Platform, Duration> pace,
      Map<Platform, Duration> answerPace) {
    if (max < 1) {
      return List.of();
    }
    List<String> args = new ArrayList<>();
    args.add(String.valueOf(now.toEpochMilli()));
    args.add(String.valueOf(max));
    args.add(String.valueOf(lease.toMillis()));
    args.add(keys.outboxMessagePrefix());
    args.add(keys.outboxPacePrefix());
    pace.forEach(
        (platform, interval) -> {
          addField(args, platform.name(), String.valueOf(interval.toMillis()));
          args.add(String.valueOf(answerPace.getOrDefault(platform, interval).toMillis()));
        });
    List<?> taken =
        (List<?>)
            CLAIM.run(
                redis, List.of(keys.outboxDue(), keys.outboxInflight(), keys.outboxFirst()), args);
    List<Claimed> claimed = new ArrayList<>(taken.size());
    for (Object row : taken) {
      List<?> fields = (List<?>) row;
      String id = (String) fields.get(0);
      if (Schemas.newer((String) fields.get(7), SCHEMA)) {
        // During a rolling upgrade a newer node can read it; this one leaves it for them.
        LOG.warn("Outbox message {} was written by a newer Kring; leaving it to a newer node", id);
        retry(id, now.plus(NEWER_SCHEMA_WAIT), "written by a newer Kring");
        continue;
      }
      try {
        claimed.add(new Claimed(message(id, fields), ((Long) fields.get(1)).intValue()));
      } catch (UnreadableRecord e) {
        // One damaged message must not hold up the others taken with it.
        LOG.error("Parking an outbox message Kring cannot read", e);
        park(id, e.getMessage(), now);
      }
    }
    return claimed;
  }

  @Override
  public void delivered(String id) {
    forget(id);
  }

  @Override
  public void retry(String id, Instant at, String reason) {
    RETRY.run(
        redis,
        List.of(keys.outboxMessage(id), keys.outboxDue(), keys.outboxInflight()),
        List.of(id, String.valueOf(at.toEpochMilli()), reason == null ? "" : reason));
  }

  @Override
  public Optional<Instant> takePace(String conversation, Instant now, Duration pace) {
    Object waitUntil =
        PACE.run(
            redis,
            List.of(keys.outboxPace(conversation)),
            List.of(String.valueOf(now.toEpochMilli()), String.valueOf(pace.toMillis())));
    return waitUntil instanceof String at
        ? Optional.of(Instant.ofEpochMilli(Long.parseLong(at)))
        : Optional.empty();
  }

  @Override
  public void holdConversation(String conversation, Instant now, Instant until) {
    HOLD.run(
        redis,
        List.of(keys.outboxPace(conversation)),
        List.of(String.valueOf(now.toEpochMilli()), String.valueOf(until.toEpochMilli())));
  }

  @Override
  public void postpone(String id, Instant at) {
    RETRY.run(
        redis,
        List.of(keys.outboxMessage(id), keys.outboxDue(), keys.outboxInflight()),
        List.of(id, String.valueOf(at.toEpochMilli()), "its conversation waits", "1"));
  }

  @Override
  public void abandon(String id, String reason) {
    LOG.info("Outbox message {} abandoned: {}", id, reason);
    forget(id);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the message is not in the outbox (delivered, abandoned or
   *     parked meanwhile)
   */
  @Override
  public DeadLetter park(String id, String reason, Instant now) {
    List<String> stored = redis.hmget(keys.outboxMessage(id), "to", "kind", "case");
    if (stored.get(0) == null) {
      throw new IllegalStateException("Outbox message " + id + " is gone; nothing to park");
    }
    DeadLetter letter =
        new DeadLetter(
            id,
            readOrNull(stored.get(0), Recipient.class),
            kindOrNull(stored.get(1)),
            codeOrNull(stored.get(2)),
            reason,
            now);
    Object parked =
        PARK.run(
            redis,
            List.of(
                keys.outboxMessage(id),
                keys.outboxDue(),
                keys.outboxInflight(),
                keys.outboxDead(),
                keys.outboxFirst()),
            List.of(id, json.writeValueAsString(letter), String.valueOf(DEAD_LETTERS_KEPT)));
    if (((Long) parked) == 0) {
      throw new IllegalStateException("Outbox message " + id + " is gone; nothing to park");
    }
    return letter;
  }

  @Override
  public int recover(Instant now) {
    Object handled =
        RECOVER.run(
            redis,
            List.of(keys.outboxDue(), keys.outboxInflight()),
            List.of(
                String.valueOf(now.toEpochMilli()),
                keys.outboxMessagePrefix(),
                String.valueOf(RECOVER_BATCH)));
    // Messages a case committed whose node died before handing them in come in now.
    int late = handIn.handInLate(now.minus(HAND_IN_GRACE), now);
    return ((Long) handled).intValue() + late;
  }

  @Override
  public List<DeadLetter> deadLetters(int max) {
    if (max < 1) {
      return List.of();
    }
    List<DeadLetter> letters = new ArrayList<>();
    for (String stored : redis.lrange(keys.outboxDead(), 0, max - 1L)) {
      try {
        letters.add(json.readValue(stored, DeadLetter.class));
      } catch (JacksonException | IllegalArgumentException e) {
        throw new UnreadableRecord("A dead letter in Redis cannot be read: " + e.getMessage(), e);
      }
    }
    return letters;
  }

  @Override
  public long pending() {
    return redis.zcard(keys.outboxDue()) + redis.zcard(keys.outboxInflight());
  }

  private void forget(String id) {
    FORGET.run(
        redis,
        List.of(
            keys.outboxMessage(id), keys.outboxDue(), keys.outboxInflight(), keys.outboxFirst()),
        List.of(id));
  }

  /** Rebuilds a claimed message from what the claim script returned after id and attempt. */
  private OutboundMessage message(String id, List<?> fields) {
    String record = "outbox message " + id;
    Schemas.version(record, (String) fields.get(7), SCHEMA);
    try {
      List<CaseCode> codes = codes((String) fields.get(4));
      return new OutboundMessage(
          id,
          json.readValue((String) fields.get(2), Recipient.class),
          json.readValue((String) fields.get(6), Reply.class),
          MessageKind.valueOf((String) fields.get(3)),
          codes.isEmpty() ? null : codes.get(0),
          Instant.parse((String) fields.get(5)),
          codes,
          place(fields.size() > 8 ? (String) fields.get(8) : null));
    } catch (RuntimeException e) {
      throw new UnreadableRecord("The " + record + " in Redis cannot be read: " + e, e);
    }
  }

  /** The place a message stands for, as {@link #enqueueArgs} stores it, or null for none. */
  private static Place place(String stored) {
    if (stored == null || stored.isEmpty()) {
      return null;
    }
    String[] words = stored.split(" ", -1);
    if (words.length != 3) {
      throw new IllegalArgumentException("A place is a name, a version and a mode");
    }
    return new Place(words[0], Long.parseLong(words[1]), Place.Mode.valueOf(words[2]));
  }

  private <T> T readOrNull(String stored, Class<T> type) {
    try {
      return json.readValue(stored, type);
    } catch (JacksonException | IllegalArgumentException e) {
      return null;
    }
  }

  private static MessageKind kindOrNull(String stored) {
    try {
      return stored == null ? null : MessageKind.valueOf(stored);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static CaseCode codeOrNull(String stored) {
    List<CaseCode> codes = codes(stored);
    return codes.isEmpty() ? null : codes.get(0);
  }

  /**
   * The cases a stored message belongs to: its own first, then those a combined message also speaks
   * of; a word that is no case code is left out.
   */
  static List<CaseCode> codes(String stored) {
    if (stored == null || stored.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(stored.split(" ")).filter(CaseCode::isValid).map(CaseCode::new).toList();
  }

  private static void addField(List<String> args, String field, String value) {
    args.add(field);
    args.add(value);
  }
}
