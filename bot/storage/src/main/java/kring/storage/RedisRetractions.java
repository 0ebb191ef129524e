package kring.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.outbox.Posted;
import kring.core.outbox.Retractions;
import kring.json.KringJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Kring posted, in Redis: a list per case of the platforms' ids, one entry per conversation
 * ({@link PostedRecords}), and one sorted set of what is to be deleted by when it is next tried. A
 * queued item is its count of attempts and the posted item's JSON; nothing in it names the case.
 * The erasure moves a case's list into the queue ({@link RedisErasure}).
 */
public final class RedisRetractions implements Retractions {

  /**
   * How many ids of what Kring posted a case keeps per conversation (its channel, each partner's
   * private chat with Kring); older ones drop off and stay on the platform. A case posts a few
   * messages a week in each, so this covers many years.
   */
  static final int KEPT_PER_CONVERSATION = 5000;

  /** How many entries a case's list keeps: conversations, and items kept apart as JSON. */
  static final int KEPT_ENTRIES = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(RedisRetractions.class);
  private static final LuaScript RECORD = LuaScript.named("retract-record.lua");
  private static final LuaScript CLAIM = LuaScript.named("retract-claim.lua");
  private static final LuaScript RETRY = LuaScript.named("retract-retry.lua");

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final JsonMapper json = KringJson.mapper();

  public RedisRetractions(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public void posted(CaseCode code, List<Posted> posted) {
    if (posted.isEmpty()) {
      return;
    }
    List<String> args = new ArrayList<>();
    args.add(String.valueOf(KEPT_PER_CONVERSATION));
    args.add(String.valueOf(KEPT_ENTRIES));
    for (Posted item : posted) {
      Optional<String> head = PostedRecords.head(item);
      args.add(head.orElse(""));
      args.add(head.isPresent() ? item.id() : PostedRecords.json(item));
    }
    Object kept = RECORD.run(redis, List.of(keys.caseErased(code), keys.posted(code)), args);
    if (Long.valueOf(0).equals(kept)) {
      // The case is being erased: what was just posted for it goes too.
      enqueue(posted.stream().map(PostedRecords::json).toList());
    }
  }

  /**
   * Moves what Kring posted for a case into the queue, due at once, and forgets which case it was.
   * The list goes only once its items are queued; an erasure cut short between the two queues them
   * again when it is repeated, which changes nothing.
   *
   * @return how many items were queued
   */
  int queue(CaseCode code) {
    List<String> items = new ArrayList<>();
    for (String entry : redis.lrange(keys.posted(code), 0, -1)) {
      List<String> held = PostedRecords.items(entry);
      if (held.isEmpty()) {
        LOG.warn("Dropping an entry of what Kring posted that it cannot read");
      }
      items.addAll(held);
    }
    enqueue(items);
    redis.del(keys.posted(code));
    return items.size();
  }

  private void enqueue(List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    Map<String, Double> members = new HashMap<>();
    items.forEach(item -> members.put("0 " + item, 0.0));
    redis.zadd(keys.retract(), members, ZAddParams.zAddParams().nx());
  }

  @Override
  public List<Retracting> claim(Instant now, int max, Duration lease) {
    if (max < 1) {
      return List.of();
    }
    List<?> taken =
        (List<?>)
            CLAIM.run(
                redis,
                List.of(keys.retract()),
                List.of(
                    String.valueOf(now.toEpochMilli()),
                    String.valueOf(max),
                    String.valueOf(lease.toMillis())));
    List<Retracting> items = new ArrayList<>(taken.size());
    for (Object member : taken) {
      String handle = (String) member;
      Retracting item = read(handle);
      if (item == null) {
        // What nobody can read cannot be deleted on any platform; keeping it helps nobody.
        LOG.warn("Dropping an item of the deletion queue Kring cannot read");
        redis.zrem(keys.retract(), handle);
      } else {
        items.add(item);
      }
    }
    return items;
  }

  @Override
  public void finished(Retracting item) {
    redis.zrem(keys.retract(), item.handle());
  }

  @Override
  public void retry(Retracting item, Instant at, boolean counted) {
    int made = counted ? item.attempt() : item.attempt() - 1;
    RETRY.run(
        redis,
        List.of(keys.retract()),
        List.of(
            item.handle(),
            made + " " + json.writeValueAsString(item.posted()),
            String.valueOf(at.toEpochMilli())));
  }

  @Override
  public long waiting() {
    return redis.zcard(keys.retract());
  }

  /**
   * {@inheritDoc}
   *
   * <p>An item is moved only if nobody changed it meanwhile ({@code ZADD XX}). One a node holds at
   * this moment may be taken by a second node too; deleting it twice changes nothing, as Slack
   * answers the second time that it is gone.
   */
  @Override
  public void resume(Platform platform, String origin) {
    Map<String, Double> due = new HashMap<>();
    for (String member : redis.zrange(keys.retract(), 0, -1)) {
      Retracting item = read(member);
      if (item != null
          && item.posted().platform() == platform
          && item.posted().origin().equals(origin)) {
        due.put(member, 0.0);
      }
    }
    if (!due.isEmpty()) {
      redis.zadd(keys.retract(), due, ZAddParams.zAddParams().xx());
      LOG.info("{} deletions go on now that a workspace is back", due.size());
    }
  }

  /** A queued member: the attempts made so far, a space, the posted item's JSON. */
  private Retracting read(String member) {
    int space = member.indexOf(' ');
    if (space < 1 || space > 3 || !member.substring(0, space).matches("\\d+")) {
      return null;
    }
    try {
      Posted posted = json.readValue(member.substring(space + 1), Posted.class);
      return new Retracting(posted, Integer.parseInt(member.substring(0, space)) + 1, member);
    } catch (JacksonException | IllegalArgumentException e) {
      return null;
    }
  }
}
