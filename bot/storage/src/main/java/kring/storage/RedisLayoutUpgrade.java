package kring.storage;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Brings the keys an older Kring wrote (layout 1: one key space without hash tags) into the current
 * layout, where every key of a case carries the case's hash tag and every key of a person the
 * person's (see {@link RedisKeys}). It runs once at start, before anything else reads Redis, and
 * marks the layout as done at the end.
 *
 * <p>Every step can be repeated: a key is copied to its new name before the old one is deleted, and
 * a copy that is already there wins. An upgrade cut short (its node died) is simply run again at
 * the next start and finishes the work.
 */
public final class RedisLayoutUpgrade {

  /** The layout this Kring writes. */
  public static final String LAYOUT = "2";

  private static final Logger LOG = LoggerFactory.getLogger(RedisLayoutUpgrade.class);

  /** How long a prompt handed out before the upgrade is remembered (its window is not known). */
  private static final long SENT_REMEMBERED_MS = 30L * 24 * 60 * 60 * 1000;

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final String prefix;
  private int moved;

  public RedisLayoutUpgrade(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
    this.prefix = keys.prefix();
  }

  /**
   * Upgrades what an older Kring left, if anything.
   *
   * @return how many keys were moved to their new names (0 when the layout was current)
   */
  public int run() {
    if (LAYOUT.equals(redis.get(keys.layout()))) {
      return 0;
    }
    moved = 0;
    forEachOld("case:", rest -> code(rest).map(keys::caseDoc));
    forEachOld("posted:", rest -> code(rest).map(keys::posted));
    forEachOld("person-cases:", rest -> person(rest).map(keys::personCases));
    forEachOld("person-prompts:", rest -> person(rest).map(keys::promptShare));
    forEachOld("person:", rest -> person(rest).map(keys::person));
    forEachOld("teams:person:", rest -> person(rest).map(keys::teamsPerson));
    forEachOld("outbox:msg:", rest -> Optional.of(keys.outboxMessage(rest)));
    move(prefix + "outbox:due", keys.outboxDue());
    move(prefix + "outbox:inflight", keys.outboxInflight());
    move(prefix + "outbox:dead", keys.outboxDead());
    // A conversation's pace lasts seconds; it is not worth keeping across an upgrade.
    for (String pace : RedisScan.keys(redis, prefix + "outbox:pace:*")) {
      redis.del(pace);
    }
    erased();
    move(prefix + "erasure:due", keys.erasureDue());
    move(prefix + "retention:closed", keys.retentionClosed());
    move(prefix + "retention:active", keys.retentionActive());
    move(prefix + "retention:asked", keys.retentionAsked());
    move(prefix + "playground:rooms", keys.playgroundRooms());
    move(prefix + "playground:people", keys.playgroundPeople());
    move(prefix + "playground:seq", keys.playgroundSequence());
    forEachOld("playground:timeline:", rest -> Optional.of(keys.playgroundTimeline(rest)));
    prompts();
    redis.set(keys.layout(), LAYOUT);
    if (moved > 0) {
      LOG.info(
          "Moved {} Redis keys to the key layout {} (hash tags per case and person)",
          moved,
          LAYOUT);
    }
    return moved;
  }

  /** Erased codes: the list moves, and each erased case gets its mark in its own slot. */
  private void erased() {
    String old = prefix + "erased";
    for (String code : redis.smembers(old)) {
      if (CaseCode.isValid(code)) {
        redis.sadd(keys.erased(), code);
        redis.set(keys.caseErased(new CaseCode(code)), "1");
      }
    }
    if (redis.del(old) > 0) {
      moved++;
    }
  }

  /**
   * Planned prompts: the shared due list becomes each case's own, with the ids put off and the ids
   * handed out, and the pollers' index learns when each case has something due.
   */
  private void prompts() {
    String due = prefix + "due";
    String planned = prefix + "due:prompts";
    Set<CaseCode> codes = new HashSet<>();
    for (String part : List.of("due:case:", "due:later:", "due:sent:")) {
      for (String key : RedisScan.keys(redis, prefix + part + "*")) {
        code(key.substring((prefix + part).length())).ifPresent(codes::add);
      }
    }
    for (CaseCode code : codes) {
      String ofCase = prefix + "due:case:" + code.value();
      String later = prefix + "due:later:" + code.value();
      String sent = prefix + "due:sent:" + code.value();
      Set<String> putOff = redis.smembers(later);
      Set<String> ids = new HashSet<>(redis.smembers(ofCase));
      ids.addAll(putOff);
      long earliest = Long.MAX_VALUE;
      for (String id : ids) {
        Double at = redis.zscore(due, id);
        String prompt = redis.hget(planned, id);
        if (at == null || prompt == null) {
          continue;
        }
        redis.zadd(keys.dueOfCase(code), at, id);
        redis.hset(keys.duePrompts(code), id, prompt);
        if (putOff.contains(id)) {
          redis.sadd(keys.dueLater(code), id);
        }
        earliest = Math.min(earliest, at.longValue());
      }
      long remembered = System.currentTimeMillis() + SENT_REMEMBERED_MS;
      for (String id : redis.smembers(sent)) {
        if (!ids.contains(id)) {
          redis.zadd(keys.dueSent(code), remembered, id);
        }
      }
      if (earliest != Long.MAX_VALUE) {
        Double known = redis.zscore(keys.wakeDue(), code.value());
        if (known == null || known > earliest) {
          redis.zadd(keys.wakeDue(), earliest, code.value());
        }
      }
      moved += (int) redis.del(ofCase) + (int) redis.del(later) + (int) redis.del(sent);
    }
    moved += (int) redis.del(due) + (int) redis.del(planned);
  }

  /**
   * Moves every key that starts with {@code prefix + start} to the name {@code rename} gives for
   * the rest of its name; a name it cannot read is left where it is, with a warning.
   */
  private void forEachOld(String start, Function<String, Optional<String>> rename) {
    for (String key : RedisScan.keys(redis, prefix + start + "*")) {
      String rest = key.substring((prefix + start).length());
      Optional<String> renamed = rename.apply(rest);
      if (renamed.isEmpty()) {
        LOG.warn("Left a Redis key of an older layout that names nothing known: {}{}", start, "…");
        continue;
      }
      move(key, renamed.get());
    }
  }

  /**
   * Moves one key to its new name, with its time to live: copied first, then the old one deleted,
   * so that a move cut short is finished by running it again. A key already at the new name wins.
   */
  private void move(String from, String to) {
    byte[] dump = redis.dump(from);
    if (dump == null) {
      return;
    }
    if (!redis.exists(to)) {
      long ttl = redis.pttl(from);
      redis.restore(to, Math.max(ttl, 0), dump);
    }
    redis.del(from);
    moved++;
  }

  private static Optional<CaseCode> code(String value) {
    return CaseCode.isValid(value) ? Optional.of(new CaseCode(value)) : Optional.empty();
  }

  /**
   * A person as their key names them ({@code platform:space:user}; the user id may hold colons).
   */
  private static Optional<UserRef> person(String value) {
    try {
      UserRef person = UserRef.parse(value);
      return person.key().equals(value) ? Optional.of(person) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
