package kring.storage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import kring.core.conversation.ScheduledPrompts;
import kring.testing.MovableClock;
import kring.testing.RedisKring;
import redis.clients.jedis.UnifiedJedis;

/**
 * One node's prompt sender on Redis, run in its own JVM by {@link PromptCrashTest} so that the test
 * can SIGKILL it in the middle of a poll. Its clock starts where the test says and moves on a step
 * per poll; it prints {@code POLLED} after each poll, and {@code IDLE} and exits once its clock is
 * past {@code until} and nothing is due or claimed any more.
 *
 * <p>Arguments: Redis URL, key prefix, start (ISO instant), until (ISO instant), milliseconds to
 * wait between polls, minutes per step.
 */
final class PromptCrashHarness {

  private PromptCrashHarness() {}

  public static void main(String[] args) throws InterruptedException {
    UnifiedJedis client = RedisConnections.open(args[0]);
    RedisKeys keys = new RedisKeys(args[1]);
    MovableClock clock = new MovableClock(Instant.parse(args[2]), ZoneId.of("Europe/Brussels"));
    Instant until = Instant.parse(args[3]);
    long pause = Long.parseLong(args[4]);
    Duration step = Duration.ofMinutes(Long.parseLong(args[5]));
    ScheduledPrompts prompts = RedisKring.on(client, keys, clock).prompts();
    System.out.println("READY");
    while (true) {
      prompts.runDue();
      System.out.println("POLLED " + clock.instant());
      if (clock.instant().isAfter(until) && idle(client, keys, clock.instant())) {
        System.out.println("IDLE");
        return;
      }
      clock.advance(step);
      Thread.sleep(pause);
    }
  }

  /** Nothing of any case is due by {@code now}, and nothing is claimed. */
  private static boolean idle(UnifiedJedis client, RedisKeys keys, Instant now) {
    return client.zcount(keys.wakeDue(), Double.NEGATIVE_INFINITY, now.toEpochMilli()) == 0
        && RedisScan.keys(client, keys.prefix() + "{*}:claimed").isEmpty();
  }
}
