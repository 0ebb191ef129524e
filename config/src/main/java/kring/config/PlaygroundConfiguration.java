package kring.config;

import java.time.Clock;
import kring.playground.PlaygroundMessenger;
import kring.playground.PlaygroundWeb;
import kring.playground.RedisRooms;
import kring.playground.Rooms;
import kring.storage.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import redis.clients.jedis.RedisClient;

/** The playground: the local web chat, on only when {@link PlaygroundOn} says so. */
@Configuration(proxyBeanMethods = false)
@Conditional(PlaygroundOn.class)
@Import(PlaygroundWeb.class)
class PlaygroundConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(PlaygroundConfiguration.class);

  @Bean
  Rooms rooms(RedisClient redis, RedisKeys keys, Clock clock) {
    LOG.info("The playground is on: open http://localhost:8080/ (no Slack or Teams needed)");
    return new RedisRooms(redis, keys, clock);
  }

  @Bean
  PlaygroundMessenger playgroundMessenger(Rooms rooms) {
    return new PlaygroundMessenger(rooms);
  }
}
