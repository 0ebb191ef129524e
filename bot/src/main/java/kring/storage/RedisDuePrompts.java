package kring.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import kring.core.cases.CaseCode;
import kring.core.schedule.DuePrompt;
import kring.core.schedule.DuePrompts;
import kring.json.KringJson;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * The due list in Redis: a sorted set of prompt ids by due time, the prompts themselves in a hash,
 * and per case the ids planned and the ids already handed out. Replacing a case's plan and claiming
 * what is due are one Lua script each, so any number of nodes can poll the same Redis.
 */
public final class RedisDuePrompts implements DuePrompts {

  private static final LuaScript REPLACE = LuaScript.named("due-replace.lua");
  private static final LuaScript CLAIM = LuaScript.named("due-claim.lua");
  private static final LuaScript FORGET = LuaScript.named("due-forget.lua");
  private static final LuaScript LATER = LuaScript.named("due-later.lua");

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final JsonMapper json = KringJson.mapper();

  public RedisDuePrompts(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public void replace(CaseCode code, List<DuePrompt> prompts) {
    List<String> args = new ArrayList<>();
    for (DuePrompt prompt : prompts) {
      if (!prompt.caseCode().equals(code)) {
        throw new IllegalArgumentException(prompt.id() + " does not belong to case " + code);
      }
      args.add(prompt.id());
      args.add(String.valueOf(prompt.dueAt().toEpochMilli()));
      args.add(json.writeValueAsString(prompt));
    }
    REPLACE.run(redis, caseKeys(code), args);
  }

  @Override
  public List<DuePrompt> claim(Instant now, int max) {
    Object taken =
        CLAIM.run(
            redis,
            List.of(keys.due(), keys.duePrompts()),
            List.of(
                String.valueOf(now.toEpochMilli()),
                String.valueOf(max),
                keys.dueOfCasePrefix(),
                keys.dueSentPrefix(),
                keys.dueLaterPrefix()));
    List<DuePrompt> prompts = new ArrayList<>();
    for (Object one : (List<?>) taken) {
      prompts.add(json.readValue((String) one, DuePrompt.class));
    }
    return prompts;
  }

  @Override
  public void later(DuePrompt moved) {
    LATER.run(
        redis,
        caseKeys(moved.caseCode()),
        List.of(
            moved.id(),
            String.valueOf(moved.dueAt().toEpochMilli()),
            json.writeValueAsString(moved)));
  }

  @Override
  public List<DuePrompt> planned(CaseCode code) {
    List<String> ids = new ArrayList<>(redis.smembers(keys.dueOfCase(code)));
    ids.addAll(redis.smembers(keys.dueLater(code)));
    if (ids.isEmpty()) {
      return List.of();
    }
    return redis.hmget(keys.duePrompts(), ids.toArray(String[]::new)).stream()
        .filter(Objects::nonNull)
        .map(stored -> json.readValue(stored, DuePrompt.class))
        .sorted(Comparator.comparing(DuePrompt::dueAt).thenComparing(DuePrompt::id))
        .toList();
  }

  @Override
  public void forget(CaseCode code) {
    FORGET.run(redis, caseKeys(code), List.of());
  }

  private List<String> caseKeys(CaseCode code) {
    return List.of(
        keys.due(),
        keys.duePrompts(),
        keys.dueOfCase(code),
        keys.dueSent(code),
        keys.dueLater(code));
  }
}
