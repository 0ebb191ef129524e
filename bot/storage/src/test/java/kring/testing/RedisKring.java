package kring.testing;

import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import kring.core.cases.CaseCodes;
import kring.core.conversation.KringConversation;
import kring.core.conversation.ScheduledPrompts;
import kring.core.conversation.family.MemoryFamilyLinks;
import kring.core.outbox.Messenger;
import kring.core.outbox.Outbox;
import kring.core.outbox.OutboxRelay;
import kring.core.privacy.Erasure;
import kring.core.privacy.RetentionIndex;
import kring.core.store.CaseStore;
import kring.scheduler.planning.Planner;
import kring.storage.RedisCaseStore;
import kring.storage.RedisCases;
import kring.storage.RedisDuePrompts;
import kring.storage.RedisErasure;
import kring.storage.RedisFamilyLinks;
import kring.storage.RedisKeys;
import kring.storage.RedisOutbox;
import kring.storage.RedisPeople;
import kring.storage.RedisPlaces;
import kring.storage.RedisPromptBudget;
import kring.storage.RedisRetentionIndex;
import redis.clients.jedis.UnifiedJedis;

/**
 * Kring's conversation and prompt sender on Redis, each turn committed by the Redis case store as
 * the application wires them, for tests that drive them without the application (no erasure and no
 * retention clock).
 */
public record RedisKring(
    RedisCases cases,
    RedisOutbox outbox,
    ScheduledPrompts prompts,
    KringConversation conversation) {

  /** Kring on this Redis, its commits confirmed by no replica. */
  public static RedisKring on(UnifiedJedis client, RedisKeys keys, Clock clock) {
    return on(client, keys, clock, 0);
  }

  /** Kring on this Redis, each commit confirmed by {@code replicasToConfirm} replicas. */
  public static RedisKring on(
      UnifiedJedis client, RedisKeys keys, Clock clock, int replicasToConfirm) {
    return on(client, keys, clock, replicasToConfirm, () -> {});
  }

  /**
   * Kring on this Redis, each commit confirmed by {@code replicasToConfirm} replicas, telling
   * {@code outboxWritten} when a turn wrote to the outbox (as the application wakes its outbox
   * relay).
   */
  public static RedisKring on(
      UnifiedJedis client,
      RedisKeys keys,
      Clock clock,
      int replicasToConfirm,
      Runnable outboxWritten) {
    RedisCases cases = new RedisCases(client, keys);
    RedisPeople people = new RedisPeople(client, keys);
    RedisOutbox outbox = new RedisOutbox(client, keys);
    RedisCaseStore store = new RedisCaseStore(client, keys, clock, replicasToConfirm);
    ScheduledPrompts prompts =
        prompts(client, keys, clock, cases, people, outbox, RetentionIndex.NONE, store);
    KringConversation conversation =
        new KringConversation(
            cases,
            people,
            outbox,
            CaseCodes.secure(),
            clock,
            outboxWritten,
            prompts,
            Erasure.NONE,
            RetentionIndex.NONE,
            store,
            new MemoryFamilyLinks(),
            KringConversation.LOCAL_URL);
    return new RedisKring(cases, outbox, prompts, conversation);
  }

  /**
   * Kring's conversation on this Redis wired as the application wires it, with its erasure,
   * retention clock and family links, its outbox and case store seen through {@code outboxes} and
   * {@code stores} (a test's recorders).
   */
  public static KringConversation asTheApplication(
      UnifiedJedis client,
      RedisKeys keys,
      Clock clock,
      UnaryOperator<Outbox> outboxes,
      UnaryOperator<CaseStore> stores) {
    RedisCases cases = new RedisCases(client, keys);
    RedisPeople people = new RedisPeople(client, keys);
    Outbox outbox = outboxes.apply(new RedisOutbox(client, keys));
    RedisRetentionIndex retention = new RedisRetentionIndex(client, keys);
    CaseStore store = stores.apply(new RedisCaseStore(client, keys, clock));
    return new KringConversation(
        cases,
        people,
        outbox,
        CaseCodes.secure(),
        clock,
        () -> {},
        prompts(client, keys, clock, cases, people, outbox, retention, store),
        new RedisErasure(client, keys),
        retention,
        store,
        new RedisFamilyLinks(client, keys, clock),
        KringConversation.LOCAL_URL);
  }

  private static ScheduledPrompts prompts(
      UnifiedJedis client,
      RedisKeys keys,
      Clock clock,
      RedisCases cases,
      RedisPeople people,
      Outbox outbox,
      RetentionIndex retention,
      CaseStore store) {
    return new ScheduledPrompts(
        cases,
        people,
        new RedisDuePrompts(client, keys),
        outbox,
        new Planner(clock.getZone()),
        new RedisPromptBudget(client, keys),
        clock,
        () -> {},
        retention,
        store);
  }

  /**
   * A relay that delivers this outbox's messages through one platform, keeping in Redis what it
   * posted for each place, as the application does.
   */
  public static OutboxRelay relay(
      UnifiedJedis client, RedisKeys keys, Clock clock, RedisOutbox outbox, Messenger messenger) {
    return new OutboxRelay(outbox, List.of(messenger), clock, new SplittableRandom(3), letter -> {})
        .showingIn(new RedisPlaces(client, keys));
  }
}
