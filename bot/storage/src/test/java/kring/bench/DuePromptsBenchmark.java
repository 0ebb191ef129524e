package kring.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.conversation.ScheduledPrompts;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.partners.JoinRequest;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.PromptKind;
import kring.storage.RedisCases;
import kring.storage.RedisDuePrompts;
import kring.storage.RedisOutbox;
import kring.storage.RedisPeople;
import kring.storage.RedisPromptBudget;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000 prompts due in the same minute, claimed and handed to the outbox by Kring, side by side
 * with a bare loop that only claims the same entries from the same Redis. Prints its figures; it
 * asserts nothing about time. Run: {@code ./mvnw -B -pl bot/storage -am test
 * -Dtest=DuePromptsBenchmark -Dkring.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "kring.benchmark", matches = "true")
class DuePromptsBenchmark {

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  static final int CASES = 2_000;
  static final int PARTNERS = 5;
  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final Instant DUE = ZonedDateTime.of(2026, 1, 14, 10, 0, 0, 0, BRUSSELS).toInstant();

  @Test
  void tenThousandPromptsDueInOneMinute() {
    for (int round = 1; round <= 5; round++) {
      System.out.printf(Locale.ROOT, "round %d%n", round);
      REDIS.clear();
      List<Case> cases = seed();
      long bare = bareClaims();
      REDIS.clear();
      seed();
      Runtime runtime = Runtime.getRuntime();
      System.gc();
      long heapBefore = runtime.totalMemory() - runtime.freeMemory();
      ScheduledPrompts kring =
          new ScheduledPrompts(
              new RedisCases(REDIS.client(), REDIS.keys()),
              new RedisPeople(REDIS.client(), REDIS.keys()),
              new RedisDuePrompts(REDIS.client(), REDIS.keys()),
              new RedisOutbox(REDIS.client(), REDIS.keys()),
              new Planner(BRUSSELS),
              new RedisPromptBudget(REDIS.client(), REDIS.keys()),
              Clock.fixed(DUE.plusSeconds(60), BRUSSELS),
              () -> {});
      long start = System.nanoTime();
      int sent = kring.runDue();
      long took = System.nanoTime() - start;
      long heapAfter = runtime.totalMemory() - runtime.freeMemory();
      System.out.printf(
          Locale.ROOT,
          "  bare claim loop: %d prompts in %d ms%n  kring: %d prompts claimed, checked and written"
              + " to the outbox in %d ms (%.1fx the bare loop); heap grew %d MiB, %d MiB in use%n",
          CASES * PARTNERS,
          Duration.ofNanos(bare).toMillis(),
          sent,
          Duration.ofNanos(took).toMillis(),
          (double) took / bare,
          Math.max(0, heapAfter - heapBefore) >> 20,
          heapAfter >> 20);
      if (cases.isEmpty() || sent != CASES * PARTNERS) {
        throw new IllegalStateException("Expected every prompt to go out, got " + sent);
      }
    }
  }

  /** Cases in intake, each with five partners who all still have to confirm, all due now. */
  private List<Case> seed() {
    RedisCases cases = new RedisCases(REDIS.client(), REDIS.keys());
    RedisDuePrompts due = new RedisDuePrompts(REDIS.client(), REDIS.keys());
    Instant started = DUE.minus(Duration.ofDays(2));
    List<Case> seeded = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      CaseCode code = MemoryBenchmark.code(i);
      ChannelRef channel = new ChannelRef(Platform.SLACK, "T1", "C" + i);
      UserRef first = new UserRef(Platform.SLACK, "T1", "U" + i + "-0");
      Case c = Case.start(code, null, channel, Language.NL, first, "P0", started);
      for (int p = 1; p < PARTNERS; p++) {
        UserRef user = new UserRef(Platform.SLACK, "T1", "U" + i + "-" + p);
        c =
            c.askToJoin(new JoinRequest(user, "P" + p, null, Sector.CLB, Role.CLB, false, started))
                .acceptJoin(first, user, started);
      }
      cases.create(c);
      List<DuePrompt> prompts = new ArrayList<>();
      for (var partner : c.partners()) {
        prompts.add(
            DuePrompt.of(
                code,
                PromptKind.KICKOFF_REMINDER,
                partner.user(),
                1,
                DUE.plusSeconds(i % 60),
                DUE.plus(Duration.ofDays(2))));
      }
      due.replace(code, prompts);
      seeded.add(c);
    }
    return seeded;
  }

  private long bareClaims() {
    RedisDuePrompts due = new RedisDuePrompts(REDIS.client(), REDIS.keys());
    long start = System.nanoTime();
    int claimed = 0;
    List<DuePrompt> batch;
    do {
      batch = due.claim(DUE.plusSeconds(60), 200, java.time.Duration.ofMinutes(5));
      due.done(batch, DUE.plusSeconds(60));
      claimed += batch.size();
    } while (!batch.isEmpty());
    long took = System.nanoTime() - start;
    if (claimed != CASES * PARTNERS) {
      throw new IllegalStateException("The bare loop claimed " + claimed);
    }
    return took;
  }
}
