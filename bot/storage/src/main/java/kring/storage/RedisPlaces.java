package kring.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kring.core.cases.CaseCode;
import kring.core.outbox.Places;
import kring.core.outbox.Posted;
import kring.json.KringJson;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Kring posted for each place of a case, in the case's own hash ({@link RedisKeys#places}), so
 * that it goes with the case's erasure. Each step is one script: a node takes a place for a lease,
 * so two nodes never show two states of one thing at once.
 */
public final class RedisPlaces implements Places {

  private static final LuaScript START = LuaScript.named("place-start.lua");
  private static final LuaScript END = LuaScript.named("place-end.lua");

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final JsonMapper json = KringJson.mapper();

  public RedisPlaces(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Start start(
      CaseCode code, String place, String conversation, long version, Instant now, Duration lease) {
    List<?> result =
        (List<?>)
            START.run(
                redis,
                caseKeys(code),
                List.of(
                    field(place, conversation),
                    String.valueOf(version),
                    String.valueOf(now.toEpochMilli()),
                    String.valueOf(lease.toMillis())));
    return switch ((String) result.get(0)) {
      case "stale" -> new Start.Stale();
      case "busy" -> new Start.Busy();
      default -> new Start.Go(post((String) result.get(1)));
    };
  }

  @Override
  public void shown(CaseCode code, String place, String conversation, long version, Posted shown) {
    END.run(
        redis,
        caseKeys(code),
        List.of(
            field(place, conversation),
            String.valueOf(version),
            shown == null ? "" : json.writeValueAsString(shown)));
  }

  @Override
  public void release(CaseCode code, String place, String conversation) {
    END.run(redis, caseKeys(code), List.of(field(place, conversation), "", ""));
  }

  private List<String> caseKeys(CaseCode code) {
    return List.of(keys.places(code), keys.caseErased(code));
  }

  private static String field(String place, String conversation) {
    return place + " " + conversation;
  }

  /** The post as stored; one Kring cannot read is posted anew rather than updated. */
  private Posted post(String stored) {
    if (stored == null || stored.isEmpty()) {
      return null;
    }
    try {
      return json.readValue(stored, Posted.class);
    } catch (JacksonException | IllegalArgumentException e) {
      return null;
    }
  }
}
