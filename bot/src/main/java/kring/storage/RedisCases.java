package kring.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.Cases;
import kring.core.cases.ChannelTaken;
import kring.core.cases.ConcurrentChange;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.json.KringJson;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Cases in Redis: each case is a hash holding its schema, revision and JSON document, and each
 * bound channel a string holding the case's code. Creating and updating are one Lua script each, so
 * a channel is bound to exactly one case and a stale writer never overwrites a newer revision.
 */
public final class RedisCases implements Cases {

  private static final LuaScript CREATE = LuaScript.named("case-create.lua");
  private static final LuaScript UPDATE = LuaScript.named("case-update.lua");
  private static final LuaScript MOVE = LuaScript.named("case-move.lua");

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final CaseDocuments documents;

  public RedisCases(UnifiedJedis redis, RedisKeys keys) {
    this(redis, keys, new CaseDocuments(KringJson.mapper()));
  }

  RedisCases(UnifiedJedis redis, RedisKeys keys, CaseDocuments documents) {
    this.redis = redis;
    this.keys = keys;
    this.documents = documents;
  }

  @Override
  public Optional<Case> find(CaseCode code) {
    List<String> stored = redis.hmget(keys.caseDoc(code), "schema", "revision", "doc");
    if (stored.get(2) == null) {
      return Optional.empty();
    }
    return Optional.of(documents.read(code, stored.get(0), stored.get(1), stored.get(2)));
  }

  @Override
  public Map<CaseCode, Case> findAll(Collection<CaseCode> codes) {
    List<CaseCode> asked = List.copyOf(codes);
    List<Response<List<String>>> responses = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (CaseCode code : asked) {
        responses.add(pipeline.hmget(keys.caseDoc(code), "schema", "revision", "doc"));
      }
      pipeline.sync();
    }
    Map<CaseCode, Case> found = new HashMap<>();
    for (int i = 0; i < asked.size(); i++) {
      List<String> stored = responses.get(i).get();
      if (stored.get(2) != null) {
        CaseCode code = asked.get(i);
        found.put(code, documents.read(code, stored.get(0), stored.get(1), stored.get(2)));
      }
    }
    return found;
  }

  @Override
  public Optional<Case> findByChannel(ChannelRef channel) {
    String code = redis.get(keys.channelCase(channel));
    if (code == null) {
      return Optional.empty();
    }
    if (!CaseCode.isValid(code)) {
      throw new UnreadableRecord("The channel binding of " + channel.key() + " holds " + code);
    }
    return find(new CaseCode(code));
  }

  @Override
  public void create(Case newCase) {
    Object outcome =
        CREATE.run(
            redis,
            List.of(
                keys.caseDoc(newCase.code()), keys.channelCase(newCase.channel()), keys.erased()),
            List.of(
                String.valueOf(documents.schema()),
                String.valueOf(newCase.revision()),
                documents.write(newCase),
                newCase.code().value()));
    if ("channel-taken".equals(outcome)) {
      throw new ChannelTaken(newCase.channel());
    }
    if ("code-taken".equals(outcome)) {
      throw new IllegalStateException("Case code " + newCase.code() + " is taken; pick another");
    }
    index(newCase);
  }

  @Override
  public List<Case> findByPerson(UserRef person) {
    String key = keys.personCases(person);
    List<Case> found = new ArrayList<>();
    for (String code : redis.smembers(key)) {
      Optional<Case> c = CaseCode.isValid(code) ? find(new CaseCode(code)) : Optional.empty();
      if (c.isPresent() && c.get().involves(person)) {
        found.add(c.get());
      } else {
        // Erased, left or declined since it was indexed: the index follows the documents.
        redis.srem(key, code);
      }
    }
    return found;
  }

  /**
   * Adds the case to the overview index of everyone in it; derived data, so a retry is harmless.
   */
  private void index(Case c) {
    for (UserRef person : c.people()) {
      redis.sadd(keys.personCases(person), c.code().value());
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A case that is gone (erased since it was read) also fails with {@link ConcurrentChange}:
   * reading it again shows why.
   */
  @Override
  public Case update(Case changed) {
    Object outcome =
        UPDATE.run(
            redis,
            List.of(keys.caseDoc(changed.code())),
            List.of(
                String.valueOf(changed.revision()),
                String.valueOf(documents.schema()),
                documents.write(changed)));
    long revision = (Long) outcome;
    if (revision < 0) {
      throw new ConcurrentChange(changed.code(), changed.revision());
    }
    Case stored = changed.atRevision(revision);
    index(stored);
    return stored;
  }

  @Override
  public Case move(Case moved, ChannelRef from) {
    Object outcome =
        MOVE.run(
            redis,
            List.of(
                keys.caseDoc(moved.code()),
                keys.channelCase(from),
                keys.channelCase(moved.channel())),
            List.of(
                String.valueOf(moved.revision()),
                String.valueOf(documents.schema()),
                documents.write(moved),
                moved.code().value()));
    long revision = (Long) outcome;
    if (revision == -2) {
      throw new ChannelTaken(moved.channel());
    }
    if (revision < 0) {
      throw new ConcurrentChange(moved.code(), moved.revision());
    }
    Case stored = moved.atRevision(revision);
    index(stored);
    return stored;
  }
}
