package kring.storage;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kring.core.i18n.Language;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.scheduler.calendar.WorkingHours;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * People in Redis: one small hash per person with the language they chose and the working hours
 * they set for all their cases.
 */
public final class RedisPeople implements People {

  /**
   * The schema this Kring writes for a person. The field {@code hours} joined schema 1 later: it is
   * optional and a Kring that does not know it never reads it, so every node reads every person
   * during an upgrade.
   */
  static final int SCHEMA = 1;

  private static final String LANGUAGE = "lang";
  private static final String HOURS = "hours";

  private final UnifiedJedis redis;
  private final RedisKeys keys;

  public RedisPeople(UnifiedJedis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Optional<Language> language(UserRef person) {
    return readOne(person, LANGUAGE, Language::valueOf);
  }

  @Override
  public Map<UserRef, Language> languages(Collection<UserRef> persons) {
    return readAll(persons, LANGUAGE, Language::valueOf);
  }

  /**
   * Reads a person's language and working hours in a pipeline, for {@link #languageFrom} and {@link
   * #hoursFrom}.
   */
  Response<List<String>> languageIn(AbstractPipeline pipeline, UserRef person) {
    return pipeline.hmget(keys.person(person), "schema", LANGUAGE, HOURS);
  }

  /** The language a person's record, read in a pipeline, says they chose. */
  Optional<Language> languageFrom(UserRef person, List<String> record) {
    return read(person, LANGUAGE, record.subList(0, 2), Language::valueOf);
  }

  /** The working hours a person's record, read in a pipeline, says they set. */
  Optional<WorkingHours> hoursFrom(UserRef person, List<String> record) {
    return read(person, HOURS, Arrays.asList(record.get(0), record.get(2)), RedisPeople::hours);
  }

  @Override
  public void setLanguage(UserRef person, Language language) {
    write(person, LANGUAGE, language.name());
  }

  /** Writes the language a person chose in a pipeline. */
  void setLanguageIn(AbstractPipeline pipeline, UserRef person, Language language) {
    pipeline.hset(keys.person(person), record(LANGUAGE, language.name()));
  }

  /** The fields and values that write the language a person chose, one after the other. */
  static List<String> languageFields(Language language) {
    List<String> fields = new ArrayList<>();
    record(LANGUAGE, language.name())
        .forEach(
            (field, value) -> {
              fields.add(field);
              fields.add(value);
            });
    return fields;
  }

  @Override
  public Optional<WorkingHours> workingHours(UserRef person) {
    return readOne(person, HOURS, RedisPeople::hours);
  }

  @Override
  public Map<UserRef, WorkingHours> workingHours(Collection<UserRef> persons) {
    return readAll(persons, HOURS, RedisPeople::hours);
  }

  @Override
  public void setWorkingHours(UserRef person, WorkingHours hours) {
    write(person, HOURS, hours.start() + "-" + hours.end());
  }

  @Override
  public void clearWorkingHours(UserRef person) {
    redis.hdel(keys.person(person), HOURS);
  }

  private void write(UserRef person, String field, String value) {
    redis.hset(keys.person(person), record(field, value));
  }

  private static Map<String, String> record(String field, String value) {
    return Map.of("schema", String.valueOf(SCHEMA), field, value);
  }

  private <T> Optional<T> readOne(UserRef person, String field, Function<String, T> parse) {
    return read(person, field, redis.hmget(keys.person(person), "schema", field), parse);
  }

  /** One field of several people, in one round trip. */
  private <T> Map<UserRef, T> readAll(
      Collection<UserRef> persons, String field, Function<String, T> parse) {
    List<UserRef> asked = List.copyOf(persons);
    List<Response<List<String>>> responses = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (UserRef person : asked) {
        responses.add(pipeline.hmget(keys.person(person), "schema", field));
      }
      pipeline.sync();
    }
    Map<UserRef, T> found = new HashMap<>();
    for (int i = 0; i < asked.size(); i++) {
      UserRef person = asked.get(i);
      read(person, field, responses.get(i).get(), parse)
          .ifPresent(value -> found.put(person, value));
    }
    return found;
  }

  private static <T> Optional<T> read(
      UserRef person, String field, List<String> stored, Function<String, T> parse) {
    if (stored.get(1) == null) {
      return Optional.empty();
    }
    String record = "person " + person.key();
    Schemas.version(record, stored.get(0), SCHEMA);
    try {
      return Optional.of(parse.apply(stored.get(1)));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new UnreadableRecord(
          "The " + record + " in Redis has an unreadable " + field + " " + stored.get(1), e);
    }
  }

  /** Working hours as stored: {@code 08:30-16:00}. */
  private static WorkingHours hours(String stored) {
    String[] ends = stored.split("-", -1);
    if (ends.length != 2) {
      throw new IllegalArgumentException("Working hours are stored as start-end");
    }
    return new WorkingHours(LocalTime.parse(ends[0]), LocalTime.parse(ends[1]));
  }
}
