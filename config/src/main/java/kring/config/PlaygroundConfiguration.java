package kring.config;

import java.time.Clock;
import kring.core.conversation.ScheduledPrompts;
import kring.core.outbox.OutboxRelay;
import kring.playground.PlaygroundClock;
import kring.playground.PlaygroundLease;
import kring.playground.PlaygroundMessenger;
import kring.playground.PlaygroundWeb;
import kring.playground.RedisRooms;
import kring.playground.Rooms;
import kring.playground.TimeMachine;
import kring.storage.RedisKeys;
import kring.storage.RedisPlaygroundLease;
import kring.storage.RedisPlaygroundRooms;
import kring.storage.RedisPlaygroundTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import redis.clients.jedis.UnifiedJedis;

/** The playground: the local web chat, on only when {@link PlaygroundOn} says so. */
@Configuration(proxyBeanMethods = false)
@Conditional(PlaygroundOn.class)
@Import(PlaygroundWeb.class)
class PlaygroundConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(PlaygroundConfiguration.class);

  @Bean
  Rooms rooms(UnifiedJedis redis, RedisKeys keys, Clock clock) {
    LOG.info("The playground is on: open http://localhost:8080/ (no Slack or Teams needed)");
    return new RedisRooms(new RedisPlaygroundRooms(redis, keys), clock);
  }

  @Bean
  PlaygroundMessenger playgroundMessenger(Rooms rooms) {
    return new PlaygroundMessenger(rooms);
  }

  /**
   * In the playground the core runs on a clock a person can move forward, the same for every node
   * on this Redis and kept across restarts.
   */
  @Bean
  @Primary
  PlaygroundClock playgroundClock(UnifiedJedis redis, RedisKeys keys, KringSettings settings) {
    return new PlaygroundClock(new RedisPlaygroundTime(redis, keys), settings.timeZone());
  }

  @Bean(destroyMethod = "close")
  PlaygroundLease playgroundLease(UnifiedJedis redis, RedisKeys keys) {
    return new PlaygroundLease(
        new RedisPlaygroundLease(
            redis,
            keys,
            java.time.Clock.systemUTC(),
            PlaygroundLease.HOLD,
            PlaygroundLease.WAIT_MARK));
  }

  /** No node's background poll runs while the time machine moves the clock. */
  @Bean
  PollGate playgroundPollGate(PlaygroundLease lease) {
    return work -> () -> lease.poll(work);
  }

  @Bean
  TimeMachine timeMachine(
      PlaygroundClock clock, PlaygroundLease lease, ScheduledPrompts prompts, OutboxRelay relay) {
    return new PlaygroundTimeMachine(
        clock,
        lease,
        () -> {
          prompts.runDue();
          relay.deliverDue();
        });
  }
}
