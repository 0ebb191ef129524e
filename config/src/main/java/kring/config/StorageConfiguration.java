package kring.config;

import java.time.Clock;
import kring.core.cases.Cases;
import kring.core.conversation.family.FamilyLinks;
import kring.core.conversation.family.WrongLinkTally;
import kring.core.identity.People;
import kring.core.operations.Meters;
import kring.core.outbox.Outbox;
import kring.core.outbox.Places;
import kring.core.outbox.Retractions;
import kring.core.store.CaseStore;
import kring.scheduler.clock.Drainer;
import kring.scheduler.planning.PromptBudget;
import kring.storage.RedisCaseStore;
import kring.storage.RedisCases;
import kring.storage.RedisDuePrompts;
import kring.storage.RedisFamilyLinks;
import kring.storage.RedisHandIn;
import kring.storage.RedisKeys;
import kring.storage.RedisLayoutUpgrade;
import kring.storage.RedisOutbox;
import kring.storage.RedisPeople;
import kring.storage.RedisPlaces;
import kring.storage.RedisPromptBudget;
import kring.storage.RedisReadiness;
import kring.storage.RedisRetractions;
import kring.storage.RedisWrongLinkTally;
import org.springframework.beans.factory.ObjectProvider;
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

  /**
   * The key registry. Before any other part of Kring can use it, keys an older Kring wrote in an
   * older layout are moved to the current one.
   */
  @Bean
  FamilyLinks familyLinks(UnifiedJedis redis, RedisKeys keys, Clock clock) {
    return new RedisFamilyLinks(redis, keys, clock);
  }

  /** The count of wrong family links per client, shared by every node. */
  @Bean
  WrongLinkTally wrongLinkTally(UnifiedJedis redis, RedisKeys keys) {
    return new RedisWrongLinkTally(redis, keys);
  }

  @Bean
  RedisKeys redisKeys(RedisSettings settings, UnifiedJedis redis) {
    RedisKeys keys = new RedisKeys(settings.keyPrefix());
    new RedisLayoutUpgrade(redis, keys).run();
    return keys;
  }

  /** Rebuilds the pollers' index of due cases from the cases' own keys; at start, then often. */
  @Bean(destroyMethod = "close")
  Drainer wakeRepairDrainer(
      RedisDuePrompts due,
      UnifiedJedis redis,
      RedisKeys keys,
      Clock clock,
      ObjectProvider<PollGate> gate) {
    RedisHandIn handIn = new RedisHandIn(redis, keys);
    Drainer drainer =
        PollGate.drainer(
            "wake-repair",
            () -> {
              due.repair();
              handIn.repair(clock.instant());
            },
            gate);
    drainer.wake();
    return drainer;
  }

  @Bean
  Cases cases(UnifiedJedis redis, RedisKeys keys) {
    return new RedisCases(redis, keys);
  }

  /** Each turn's commit: the case, its messages and its plan in one script. */
  @Bean
  CaseStore caseStore(UnifiedJedis redis, RedisKeys keys, Clock clock, RedisSettings settings) {
    return new RedisCaseStore(redis, keys, clock, settings.replicasToConfirm());
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
  Places places(UnifiedJedis redis, RedisKeys keys) {
    return new RedisPlaces(redis, keys);
  }

  @Bean
  RedisDuePrompts duePrompts(UnifiedJedis redis, RedisKeys keys, Meters meters) {
    return new RedisDuePrompts(redis, keys, meters);
  }

  @Bean
  PromptBudget promptBudget(UnifiedJedis redis, RedisKeys keys) {
    return new RedisPromptBudget(redis, keys);
  }

  /** Readiness of the chat platforms, beside Redis's. */
  @Bean
  PlatformsHealth platformsHealthIndicator(
      org.springframework.beans.factory.ObjectProvider<kring.slack.SlackIdentity> slack) {
    return new PlatformsHealth(slack);
  }

  @Bean
  RedisHealth redisHealthIndicator(UnifiedJedis redis, RedisKeys keys) {
    return new RedisHealth(new RedisReadiness(redis, keys.prefix()));
  }
}
