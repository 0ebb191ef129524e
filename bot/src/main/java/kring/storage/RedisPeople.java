package kring.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.i18n.Language;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/** People in Redis: one small hash per person with the language they chose. */
public final class RedisPeople implements People {

  /** The schema this Kring writes for a person. */
  static final int SCHEMA = 1;

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisPeople(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Optional<Language> language(UserRef person) {
    return read(person, redis.hmget(keys.person(person), "schema", "lang"));
  }

  @Override
  public Map<UserRef, Language> languages(Collection<UserRef> persons) {
    List<UserRef> asked = List.copyOf(persons);
    List<Response<List<String>>> responses = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (UserRef person : asked) {
        responses.add(pipeline.hmget(keys.person(person), "schema", "lang"));
      }
      pipeline.sync();
    }
    Map<UserRef, Language> chosen = new HashMap<>();
    for (int i = 0; i < asked.size(); i++) {
      UserRef person = asked.get(i);
      read(person, responses.get(i).get()).ifPresent(language -> chosen.put(person, language));
    }
    return chosen;
  }

  private static Optional<Language> read(UserRef person, List<String> stored) {
    if (stored.get(1) == null) {
      return Optional.empty();
    }
    String record = "person " + person.key();
    Schemas.version(record, stored.get(0), SCHEMA);
    try {
      return Optional.of(Language.valueOf(stored.get(1)));
    } catch (IllegalArgumentException e) {
      throw new UnreadableRecord("The " + record + " in Redis has no language " + stored.get(1), e);
    }
  }

  @Override
  public void setLanguage(UserRef person, Language language) {
    redis.hset(
        keys.person(person), Map.of("schema", String.valueOf(SCHEMA), "lang", language.name()));
  }
}
