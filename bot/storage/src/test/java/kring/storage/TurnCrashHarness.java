package kring.storage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import kring.core.conversation.KringConversation;
import kring.core.conversation.Speaker;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.reply.Form;
import kring.testing.MovableClock;
import kring.testing.RedisKring;
import redis.clients.jedis.UnifiedJedis;

/**
 * A whole Kring conversation on Redis, run in its own JVM by {@link TurnCrashTest} so that the test
 * can SIGKILL it in the middle of a turn. One partner posts news again and again through the update
 * form, each at its own minute: update {@code i} is posted at {@link #BASE} plus {@code i} minutes
 * with the text "news i". After each turn returns (the person would be told), it prints {@code ACK
 * i}.
 *
 * <p>Arguments: Redis URL, key prefix, the partner's platform key, the case channel's key, the
 * first update number.
 */
final class TurnCrashHarness {

  static final Instant BASE = Instant.parse("2026-03-02T08:00:00Z");

  private TurnCrashHarness() {}

  public static void main(String[] args) {
    UnifiedJedis client = RedisConnections.open(args[0]);
    RedisKeys keys = new RedisKeys(args[1]);
    Speaker partner = new Speaker(UserRef.parse(args[2]), "Anna");
    ChannelRef channel = ChannelRef.parse(args[3]);
    int first = Integer.parseInt(args[4]);
    int replicas = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    MovableClock clock = new MovableClock(BASE, ZoneId.of("Europe/Brussels"));
    KringConversation kring = RedisKring.on(client, keys, clock, replicas).conversation();
    System.out.println("READY");
    for (int i = first; ; ) {
      clock.set(BASE.plus(Duration.ofMinutes(i)));
      try {
        Form form = kring.say(partner, channel, "update").form();
        Map<String, String> values = new HashMap<>(form.hidden());
        form.inputs().forEach(input -> values.put(input.name(), input.value()));
        values.put("text", "news " + i);
        kring.submit(partner, channel, form.id(), values);
      } catch (RuntimeException e) {
        System.out.println("FAILED " + i + " " + e.getClass().getSimpleName());
        continue;
      }
      System.out.println("ACK " + i);
      i++;
    }
  }
}
