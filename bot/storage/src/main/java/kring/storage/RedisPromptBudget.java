package kring.storage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kring.core.identity.UserRef;
import kring.scheduler.planning.PromptBudget;
import redis.clients.jedis.UnifiedJedis;

/**
 * Each person's share of prompts in Redis: one small hash per person holding the day of their last
 * message and how many they had that week, taken by one Lua script so concurrent nodes cannot both
 * use the same share. It expires after a little over a week.
 */
public final class RedisPromptBudget implements PromptBudget {

  private static final LuaScript TAKE = LuaScript.named("budget-take.lua");
  private static final String KEEP_SECONDS = String.valueOf(9 * 24 * 3600);

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisPromptBudget(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Map<UserRef, Share> take(
      Set<UserRef> people, Set<UserRef> canWait, LocalDate day, LocalDate week) {
    List<UserRef> asked = List.copyOf(people);
    List<List<String>> keyLists = new ArrayList<>();
    List<List<String>> argLists = new ArrayList<>();
    for (UserRef person : asked) {
      keyLists.add(List.of(keys.promptShare(person)));
      argLists.add(
          List.of(
              day.toString(),
              week.toString(),
              String.valueOf(PER_WEEK),
              KEEP_SECONDS,
              canWait.contains(person) ? "1" : "0"));
    }
    List<Object> results = TAKE.runEach(redis, keyLists, argLists);
    Map<UserRef, Share> shares = new HashMap<>();
    for (int i = 0; i < asked.size(); i++) {
      shares.put(asked.get(i), Share.valueOf((String) results.get(i)));
    }
    return shares;
  }
}
