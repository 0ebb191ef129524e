package kring.config;

import kring.core.cases.Cases;
import kring.core.identity.People;
import kring.core.outbox.Outbox;
import kring.core.outbox.Retractions;
import kring.core.schedule.DuePrompts;
import kring.core.schedule.PromptBudget;
import kring.storage.RedisCases;
import kring.storage.RedisDuePrompts;
import kring.storage.RedisKeys;
import kring.storage.RedisOutbox;
import kring.storage.RedisPeople;
import kring.storage.RedisPromptBudget;
import kring.storage.RedisReadiness;
import kring.storage.RedisRetractions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/** Redis, the one store, and the core's ports on it. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  @Bean(destroyMethod = "close")
  RedisLink redisLink(RedisSettings settings) {
    return RedisLink.open(settings);
  }

  // The link owns the client's life; the bean must not be closed twice.
  @Bean(destroyMethod = "")
  UnifiedJedis redisClient(RedisLink link) {
    return link.client();
  }

  @Bean
  RedisKeys redisKeys(RedisSettings settings) {
    return new RedisKeys(settings.keyPrefix());
  }

  @Bean
  Cases cases(UnifiedJedis redis, RedisKeys keys) {
    return new RedisCases(redis, keys);
  }

  @Bean
  People people(UnifiedJedis redis, RedisKeys keys) {
    return new RedisPeople(redis, keys);
  }

  @Bean
  Outbox outbox(UnifiedJedis redis, RedisKeys keys) {
    return new RedisOutbox(redis, keys);
  }

  @Bean
  Retractions retractions(UnifiedJedis redis, RedisKeys keys) {
    return new RedisRetractions(redis, keys);
  }

  @Bean
  DuePrompts duePrompts(UnifiedJedis redis, RedisKeys keys) {
    return new RedisDuePrompts(redis, keys);
  }

  @Bean
  PromptBudget promptBudget(UnifiedJedis redis, RedisKeys keys) {
    return new RedisPromptBudget(redis, keys);
  }

  @Bean
  RedisHealth redisHealthIndicator(UnifiedJedis redis, RedisKeys keys) {
    return new RedisHealth(new RedisReadiness(redis, keys.prefix()));
  }
}
