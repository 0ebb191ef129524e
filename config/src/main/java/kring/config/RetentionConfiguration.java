package kring.config;

import java.time.Clock;
import java.util.SplittableRandom;
import kring.core.cases.Cases;
import kring.core.conversation.DataSubjects;
import kring.core.conversation.Retention;
import kring.core.conversation.Schedule;
import kring.core.identity.People;
import kring.core.outbox.Messenger;
import kring.core.outbox.Outbox;
import kring.core.outbox.Retractions;
import kring.core.outbox.Retractor;
import kring.core.privacy.Erasure;
import kring.core.privacy.RetentionIndex;
import kring.core.store.CaseStore;
import kring.scheduler.clock.Drainer;
import kring.storage.RedisCaseStartup;
import kring.storage.RedisErasure;
import kring.storage.RedisKeys;
import kring.storage.RedisRetentionIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/** Retention and erasure: the indexes the retention clock reads, and its run. */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionConfiguration.class);

  @Bean
  RedisErasure erasure(UnifiedJedis redis, RedisKeys keys) {
    return new RedisErasure(redis, keys);
  }

  /**
   * Deletes on the platforms what Kring posted for erased cases; once nothing is left to delete,
   * Redis rewrites its append-only file so that the platforms' ids do not survive in it.
   */
  @Bean
  Retractor retractor(
      Retractions retractions,
      ObjectProvider<Messenger> messengers,
      Clock clock,
      RedisErasure erasure) {
    return new Retractor(
        retractions,
        messengers.orderedStream().toList(),
        clock,
        new SplittableRandom(),
        erasure::rewrite);
  }

  @Bean(destroyMethod = "close")
  Drainer retractionDrainer(Retractor retractor, ObjectProvider<PollGate> gate) {
    return PollGate.drainer("retraction", retractor::retractDue, gate);
  }

  @Bean
  RetentionIndex retentionIndex(UnifiedJedis redis, RedisKeys keys) {
    return new RedisRetentionIndex(redis, keys);
  }

  @Bean
  Retention retention(
      Cases cases,
      People people,
      Outbox outbox,
      Erasure erasure,
      RetentionIndex index,
      RetentionSettings settings,
      Clock clock,
      Schedule prompts,
      Drainer outboxDrainer,
      CaseStore store) {
    return new Retention(
        cases,
        people,
        outbox,
        erasure,
        index,
        settings.periods(),
        clock,
        prompts,
        outboxDrainer::wake,
        store);
  }

  @Bean(destroyMethod = "close")
  Drainer retentionDrainer(Retention retention, ObjectProvider<PollGate> gate) {
    return PollGate.drainer("retention", retention::runDue, gate);
  }

  /** The operator's data-subject request, when the command line asks for one. */
  @Bean
  @ConditionalOnProperty("kring.operator.task")
  OperatorTask operatorTask(
      OperatorSettings settings,
      Cases cases,
      People people,
      Outbox outbox,
      Erasure erasure,
      Clock clock,
      CaseStore store,
      Schedule prompts) {
    return new OperatorTask(
        settings, new DataSubjects(cases, people, outbox, erasure, clock, store, prompts));
  }

  /**
   * At start, before Kring serves anyone: a case erased before whose records are back (an older
   * backup was restored) is erased again.
   */
  @Bean
  ApplicationRunner eraseAgainAtStart(Retention retention) {
    return arguments -> retention.eraseReappeared();
  }

  /**
   * At start: case records an older Kring wrote are written back in the current schema, and cases
   * from before retention existed are entered in its indexes.
   */
  @Bean
  ApplicationRunner upgradeCasesAtStart(UnifiedJedis redis, RedisKeys keys, RetentionIndex index) {
    return arguments -> {
      RedisCaseStartup.Outcome done = new RedisCaseStartup(redis, keys, index).run();
      if (done.upgraded() > 0 || done.indexed() > 0) {
        LOG.info(
            "Upgraded {} case records to the current schema; entered {} cases for retention",
            done.upgraded(),
            done.indexed());
      }
    };
  }
}
