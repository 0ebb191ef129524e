package kring.playground;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.random.RandomGenerator;
import kring.core.outbox.OutboxRelay;
import kring.storage.RedisKeys;
import kring.storage.RedisPlaygroundRooms;
import kring.storage.RedisPlaygroundTime;
import kring.testing.InMemoryOutbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import redis.clients.jedis.RedisClient;

/**
 * The playground on its own, for tests: its web side, Redis on loopback under a key prefix of the
 * test's own, and a scripted conversation in place of Kring's. It is deliberately not a
 * {@code @Configuration}, so the component scans of other modules' tests leave it alone.
 */
@EnableAutoConfiguration
@Import(PlaygroundWeb.class)
class PlaygroundTestApplication {

  /** Set this property to a short name per test class; the keys get a random tail as well. */
  static final String KEY_PREFIX = "kring.test.key-prefix";

  @Bean(destroyMethod = "close")
  RedisClient redis() {
    return TestRedis.client();
  }

  @Bean
  RedisKeys keys(@Value("${" + KEY_PREFIX + "}") String name) {
    return TestRedis.uniqueKeys(name);
  }

  @Bean
  Rooms rooms(RedisClient redis, RedisKeys keys) {
    return new RedisRooms(new RedisPlaygroundRooms(redis, keys), Clock.systemUTC());
  }

  @Bean
  PlaygroundMessenger messenger(Rooms rooms) {
    return new PlaygroundMessenger(rooms);
  }

  /** Moves a clock nobody else reads; each advance is counted, for the time-control tests. */
  @Bean
  RecordingTimeMachine timeMachine(RedisClient redis, RedisKeys keys) {
    return new RecordingTimeMachine(
        new PlaygroundClock(new RedisPlaygroundTime(redis, keys), ZoneOffset.UTC));
  }

  @Bean
  InMemoryOutbox outbox() {
    return new InMemoryOutbox();
  }

  @Bean
  ScriptedConversation conversation(InMemoryOutbox outbox, PlaygroundMessenger messenger) {
    OutboxRelay relay =
        new OutboxRelay(
            outbox, List.of(messenger), Clock.systemUTC(), RandomGenerator.getDefault(), l -> {});
    return new ScriptedConversation(outbox, relay, Clock.systemUTC());
  }

  /** A time machine that moves its clock and remembers by how much. */
  static final class RecordingTimeMachine implements TimeMachine {
    final PlaygroundClock clock;
    final java.util.List<java.time.Duration> moves =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    RecordingTimeMachine(PlaygroundClock clock) {
      this.clock = clock;
    }

    @Override
    public java.time.Instant now() {
      return clock.instant();
    }

    @Override
    public java.time.Instant advance(java.time.Duration by) {
      moves.add(by);
      return clock.advance(by);
    }
  }
}
