package kring.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.Cases;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.DeadLetter;
import kring.core.outbox.Recipient;
import kring.core.privacy.Erasure;
import kring.json.KringJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erasure in Redis. The code of a case goes on the erased list first, so that an erasure cut short
 * is finished at the next start; then what Kring posted for the case is queued for deletion on the
 * platforms (without the case code), every key of the case goes, and the entries it has in keys
 * shared with other cases (the outbox, dead letters, the due list, the indexes). Last, Redis is
 * asked to rewrite its append-only file, which otherwise keeps deleted values until it grows.
 */
public final class RedisErasure implements Erasure {

  private static final Logger LOG = LoggerFactory.getLogger(RedisErasure.class);
  private static final LuaScript FORGET_MESSAGE = LuaScript.named("outbox-forget.lua");
  private static final LuaScript RELEASE = LuaScript.named("channel-release.lua");

  /** Where a record of forgetting names no case: the person was forgotten everywhere. */
  private static final String EVERYWHERE = "*";

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Cases cases;
  private final RedisDuePrompts due;
  private final RedisRetentionIndex retention;
  private final RedisRetractions posted;
  private final JsonMapper json = KringJson.mapper();
  private final AtomicBoolean rewriteOwed = new AtomicBoolean();

  public RedisErasure(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
    this.cases = new RedisCases(redis, keys);
    this.due = new RedisDuePrompts(redis, keys);
    this.retention = new RedisRetentionIndex(redis, keys);
    this.posted = new RedisRetractions(redis, keys);
  }

  @Override
  public void erase(CaseCode code) {
    redis.sadd(keys.erased(), code.value());
    redis.set(keys.caseErased(code), "1");
    // After the case is marked, so that a message delivered meanwhile is queued too.
    posted.queue(code);
    Optional<Case> stored = readable(code);
    redis.del(keys.caseKeys(code).toArray(String[]::new));
    due.forget(code);
    retention.forget(code);
    // A closed case's channel may hold a newer case by now: what is the channel's is that case's.
    ChannelRef channel =
        stored.map(Case::channel).filter(c -> channelFreeOrHolds(c, code)).orElse(null);
    forgetMessages(m -> belongs(m.cases(), m.to(), code, channel));
    if (channel != null) {
      forgetChannel(code, channel);
    }
    for (UserRef person : stored.map(c -> c.team().namedPeople()).orElse(List.of())) {
      redis.srem(keys.personCases(person), code.value());
      if (cases.findNaming(person).isEmpty()) {
        forgetPersonKeys(person);
      }
    }
    LOG.info("Case {} is erased", code.value());
    rewrite();
  }

  @Override
  public void forget(CaseCode code, UserRef person, Instant at, boolean inNoOtherCase) {
    redis.sadd(keys.forgotten(), code.value() + " " + digest(person) + " " + at.toEpochMilli());
    redis.srem(keys.personCases(person), code.value());
    due.forget(code, person.key());
    forgetMessages(
        m -> m.to() != null && person.equals(m.to().person()) && m.cases().contains(code));
    forgetWaiting((who, in) -> person.key().equals(who));
    if (inNoOtherCase) {
      forgetPersonKeys(person);
    }
    rewrite();
  }

  @Override
  public void forgetPerson(UserRef person) {
    redis.sadd(
        keys.forgotten(), EVERYWHERE + " " + digest(person) + " " + Instant.now().toEpochMilli());
    forgetPersonKeys(person);
    rewrite();
  }

  @Override
  public int forgetPeopleBack() {
    Set<String> everywhere = new HashSet<>();
    for (String entry : redis.smembers(keys.forgotten())) {
      String[] parts = entry.split(" ");
      if (parts.length == 3 && parts[0].equals(EVERYWHERE)) {
        everywhere.add(parts[1]);
      }
    }
    if (everywhere.isEmpty()) {
      return 0;
    }
    Set<UserRef> back = new HashSet<>();
    for (String key : scan(keys.anyPerson())) {
      keys.personOf(key)
          .filter(person -> everywhere.contains(digest(person)))
          .filter(person -> cases.findNaming(person).isEmpty())
          .ifPresent(back::add);
    }
    back.forEach(this::forgetPersonKeys);
    if (!back.isEmpty()) {
      rewrite();
    }
    return back.size();
  }

  @Override
  public boolean erased(CaseCode code) {
    return redis.sismember(keys.erased(), code.value());
  }

  @Override
  public List<CaseCode> reappeared() {
    List<CaseCode> erased =
        redis.smembers(keys.erased()).stream()
            .filter(CaseCode::isValid)
            .map(CaseCode::new)
            .toList();
    List<Response<Long>> found = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (CaseCode code : erased) {
        found.add(pipeline.exists(keys.caseKeys(code).toArray(String[]::new)));
      }
      pipeline.sync();
    }
    List<CaseCode> back = new ArrayList<>();
    for (int i = 0; i < erased.size(); i++) {
      if (found.get(i).get() > 0) {
        back.add(erased.get(i));
      }
    }
    return back;
  }

  @Override
  public List<Forgotten> forgottenBack() {
    List<Forgotten> back = new ArrayList<>();
    for (String entry : redis.smembers(keys.forgotten())) {
      String[] parts = entry.split(" ");
      if (parts.length != 3 || !CaseCode.isValid(parts[0]) || !parts[2].matches("\\d{1,15}")) {
        continue;
      }
      CaseCode code = new CaseCode(parts[0]);
      Instant at = Instant.ofEpochMilli(Long.parseLong(parts[2]));
      Optional<Case> restored = erased(code) ? Optional.empty() : readable(code);
      for (UserRef person : restored.map(c -> c.team().namedPeople()).orElse(List.of())) {
        if (digest(person).equals(parts[1]) && namedOnlyBefore(restored.get(), person, at)) {
          back.add(new Forgotten(code, person, at));
        }
      }
    }
    return back;
  }

  /** Whether all the case holds of the person dates from before they were forgotten. */
  private static boolean namedOnlyBefore(Case c, UserRef person, Instant at) {
    return c.partners().stream().filter(p -> p.is(person)).noneMatch(p -> p.since().isAfter(at))
        && c.team().joinRequest(person).filter(r -> r.at().isAfter(at)).isEmpty();
  }

  /**
   * What the record of a forgetting holds instead of the account: a digest that finds the account
   * again only in a case that names it.
   */
  static String digest(UserRef person) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(person.key().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  @Override
  public void finishRewrites() {
    if (rewriteOwed.get()) {
      rewrite();
    }
  }

  /**
   * Asks Redis to rewrite its append-only file now. A Redis without one (a test Redis, a cache) has
   * nothing to rewrite; a rewrite already under way started before the erasure and would keep its
   * values, so another is owed and asked for at the next {@link #finishRewrites}.
   *
   * @return whether Redis started (or scheduled) a rewrite
   */
  public boolean rewrite() {
    Optional<String> enabled;
    try {
      enabled = infoField(redis.info("persistence"), "aof_enabled");
    } catch (JedisDataException e) {
      LOG.warn("Redis does not say whether it keeps an append-only file: {}", e.getMessage());
      enabled = Optional.empty();
    }
    if (enabled.isPresent() && !enabled.get().equals("1")) {
      LOG.info("Redis keeps no append-only file; there is nothing to rewrite after the erasure");
      rewriteOwed.set(false);
      return false;
    }
    try {
      redis.sendCommand(Protocol.Command.BGREWRITEAOF);
      rewriteOwed.set(false);
      return true;
    } catch (JedisDataException e) {
      boolean busy = e.getMessage() != null && e.getMessage().contains("in progress");
      rewriteOwed.set(busy);
      if (busy) {
        LOG.info("Redis is rewriting its append-only file already; asking again shortly");
      } else {
        LOG.warn("Redis refused to rewrite its append-only file: {}", e.getMessage());
      }
      return false;
    }
  }

  /** Whether Redis is still rewriting its append-only file, or about to. */
  public boolean rewriting() {
    String info = redis.info("persistence");
    return infoField(info, "aof_rewrite_in_progress").filter("1"::equals).isPresent()
        || infoField(info, "aof_rewrite_scheduled").filter("1"::equals).isPresent();
  }

  private Optional<Case> readable(CaseCode code) {
    try {
      return cases.find(code);
    } catch (RuntimeException unreadable) {
      // A damaged or newer document is erased all the same; only its people stay unknown.
      LOG.warn(
          "Case {} could not be read before its erasure: {}",
          code.value(),
          unreadable.getMessage());
      return Optional.empty();
    }
  }

  private boolean channelFreeOrHolds(ChannelRef channel, CaseCode code) {
    String bound = redis.get(keys.channelCase(channel));
    return bound == null || bound.equals(code.value());
  }

  private static boolean belongs(
      List<CaseCode> of, Recipient to, CaseCode code, ChannelRef channel) {
    return of.contains(code) || (channel != null && to != null && channel.equals(to.channel()));
  }

  private void forgetChannel(CaseCode code, ChannelRef channel) {
    RELEASE.run(redis, List.of(keys.channelCase(channel)), List.of(code.value()));
    redis.del(keys.teamsChannel(channel));
    redis.del(keys.outboxPace(channel.key()));
    forgetWaiting((person, in) -> channel.key().equals(in));
    if (channel.platform() == Platform.PLAYGROUND) {
      // The playground plays the platform: what was said in the room goes with the case.
      redis.del(keys.playgroundTimeline(channel.channel()));
    }
  }

  /** What Kring keeps about a person across cases, once they are in none. */
  private void forgetPersonKeys(UserRef person) {
    redis.del(keys.personKeys(person).toArray(String[]::new));
    redis.del(keys.outboxPace("dm:" + person.key()));
  }

  /** Waiting and given-up messages that match, with their bodies. */
  private void forgetMessages(Predicate<Letter> matches) {
    for (String key : scan(keys.outboxMessagePrefix() + "*")) {
      List<String> stored = redis.hmget(key, "case", "to");
      Letter letter = new Letter(RedisOutbox.codes(stored.get(0)), recipient(stored.get(1)));
      if (matches.test(letter)) {
        String id = key.substring(keys.outboxMessagePrefix().length());
        FORGET_MESSAGE.run(
            redis, List.of(key, keys.outboxDue(), keys.outboxInflight()), List.of(id));
      }
    }
    for (String stored : redis.lrange(keys.outboxDead(), 0, -1)) {
      Letter letter = deadLetter(stored);
      if (letter == null || matches.test(letter)) {
        redis.lrem(keys.outboxDead(), 0, stored);
      }
    }
  }

  /**
   * Teams content waiting to be opened, and the posts of the day that say it waits, whose person
   * and channel (their keys) match.
   */
  private void forgetWaiting(BiPredicate<String, String> matches) {
    for (String key : scan(keys.teamsWaiting("*"))) {
      String stored = redis.get(key);
      try {
        JsonNode node = stored == null ? null : json.readTree(stored);
        if (node != null && matches.test(text(node, "person"), text(node, "channel"))) {
          redis.del(key);
        }
      } catch (JacksonException unreadable) {
        redis.del(key);
      }
    }
    for (String key : scan(keys.teamsNotice("*"))) {
      List<String> notice = redis.hmget(key, "person", "channel");
      if (matches.test(notice.get(0), notice.get(1))) {
        redis.del(key);
      }
    }
  }

  private Letter deadLetter(String stored) {
    try {
      DeadLetter letter = json.readValue(stored, DeadLetter.class);
      return new Letter(
          letter.caseCode() == null ? List.of() : List.of(letter.caseCode()), letter.to());
    } catch (JacksonException | IllegalArgumentException unreadable) {
      // A dead letter nobody can read helps nobody; it may hold what is being erased.
      return null;
    }
  }

  private Recipient recipient(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return json.readValue(stored, Recipient.class);
    } catch (JacksonException | IllegalArgumentException unreadable) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null ? null : value.asString();
  }

  private List<String> scan(String glob) {
    return scan(redis, glob);
  }

  /** Every key that matches a glob pattern, read with SCAN so that Redis is never blocked. */
  public static List<String> scan(UnifiedJedis redis, String glob) {
    return RedisScan.keys(redis, glob);
  }

  static Optional<String> infoField(String info, String field) {
    return info.lines()
        .filter(line -> line.startsWith(field + ":"))
        .map(line -> line.substring(field.length() + 1).strip())
        .findFirst();
  }

  /** What decides whether a message belongs to what is erased. */
  private record Letter(List<CaseCode> cases, Recipient to) {}
}
