package kring.core.conversation.privacy;

import java.util.SplittableRandom;
import kring.core.cases.CaseCodes;
import kring.core.conversation.DataSubjects;
import kring.core.conversation.KringConversation;
import kring.core.conversation.Retention;
import kring.core.conversation.Schedule;
import kring.core.privacy.RetentionPeriods;
import kring.core.store.StepwiseCaseStore;
import kring.storage.RedisCases;
import kring.storage.RedisErasure;
import kring.storage.RedisKeys;
import kring.storage.RedisPeople;
import kring.storage.RedisRetentionIndex;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.TestRedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * Kring's conversation, its retention clock and the operator's data-subject requests on one Redis,
 * wired as the application wires them (without prompts), for the tests of people's rights.
 */
final class PrivacyWorld {

  final RedisKeys keys;
  final UnifiedJedis redis;
  final RedisCases cases;
  final RedisErasure erasure;
  final RedisRetentionIndex index;
  final KringConversation kring;
  final Retention retention;
  final DataSubjects subjects;

  PrivacyWorld(TestRedis store, MovableClock clock, RecordingOutbox outbox) {
    keys = store.keys();
    redis = store.client();
    cases = new RedisCases(redis, keys);
    erasure = new RedisErasure(redis, keys);
    index = new RedisRetentionIndex(redis, keys);
    RedisPeople people = new RedisPeople(redis, keys);
    StepwiseCaseStore commits = new StepwiseCaseStore(cases, outbox, Schedule.NONE, clock);
    kring =
        new KringConversation(
            cases,
            people,
            outbox,
            new CaseCodes(new SplittableRandom(11)),
            clock,
            () -> {},
            Schedule.NONE,
            erasure,
            index);
    retention =
        new Retention(
            cases,
            people,
            outbox,
            erasure,
            index,
            RetentionPeriods.DEFAULT,
            clock,
            Schedule.NONE,
            () -> {},
            commits);
    subjects = new DataSubjects(cases, people, outbox, erasure, clock, commits, Schedule.NONE);
  }
}
