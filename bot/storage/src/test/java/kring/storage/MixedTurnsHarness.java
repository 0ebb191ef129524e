package kring.storage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.conversation.KringConversation;
import kring.core.conversation.Speaker;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.reflection.ReflectionRound;
import kring.core.reply.Form;
import kring.testing.MovableClock;
import kring.testing.RedisKring;
import redis.clients.jedis.UnifiedJedis;

/**
 * A whole case's life on Redis, run in its own JVM by {@link MixedTurnsCrashTest} so that the test
 * can SIGKILL it in the middle of a turn: the same round of thirteen turns again and again, each of
 * a different kind — a goal proposed through its form, four partners confirming it with a button,
 * news posted through a form, a pause and a resume typed as commands, a reflection round started
 * and four partners answering it through their forms. Step {@code i} happens at {@link #BASE} plus
 * {@code i} minutes; the harness prints {@code TURN i} before it and {@code ACK i} after it returns
 * (the person would be told).
 *
 * <p>Arguments: Redis URL, key prefix, the case channel's key, the four partners' platform keys,
 * the first step.
 */
final class MixedTurnsHarness {

  static final Instant BASE = Instant.parse("2026-03-02T08:00:00Z");
  static final int ROUND = 13;

  private final KringConversation kring;
  private final RedisCases cases;
  private final MovableClock clock;
  private final ChannelRef channel;
  private final CaseCode code;
  private final List<Speaker> partners;

  MixedTurnsHarness(
      UnifiedJedis client,
      RedisKeys keys,
      ChannelRef channel,
      CaseCode code,
      List<UserRef> partners) {
    this.clock = new MovableClock(BASE, ZoneId.of("Europe/Brussels"));
    this.kring = RedisKring.on(client, keys, clock).conversation();
    this.cases = new RedisCases(client, keys);
    this.channel = channel;
    this.code = code;
    this.partners =
        partners.stream().map(p -> new Speaker(p, "Partner " + p.key().length())).toList();
  }

  public static void main(String[] args) {
    UnifiedJedis client = RedisConnections.open(args[0]);
    ChannelRef channel = ChannelRef.parse(args[2]);
    List<UserRef> partners =
        List.of(args[3], args[4], args[5], args[6]).stream().map(UserRef::parse).toList();
    MixedTurnsHarness harness =
        new MixedTurnsHarness(
            client, new RedisKeys(args[1]), channel, new CaseCode(args[7]), partners);
    System.out.println("READY");
    for (int i = Integer.parseInt(args[8]); ; i++) {
      System.out.println("TURN " + i);
      harness.step(i);
      System.out.println("ACK " + i);
    }
  }

  /** Does step {@code i}: one turn, committed once. */
  void step(int i) {
    clock.set(BASE.plus(Duration.ofMinutes(i)));
    Case c = cases.find(code).orElseThrow();
    int kind = i % ROUND;
    switch (kind) {
      case 0 ->
          submit(
              partners.get(0),
              kring.say(partners.get(0), channel, "goal").form(),
              "goal",
              "Goal " + i);
      case 1, 2, 3, 4 -> {
        kring.press(
            partners.get(kind - 1),
            channel,
            "agreement.confirm",
            code.value() + ":" + c.agreements().currentVersion());
      }
      case 5 ->
          submit(
              partners.get(1),
              kring.say(partners.get(1), channel, "update").form(),
              "text",
              "news " + i);
      case 6 -> kring.say(partners.get(0), channel, "pause");
      case 7 -> kring.say(partners.get(0), channel, "resume");
      case 8 ->
          submit(partners.get(0), kring.say(partners.get(0), channel, "reflect").form(), "", "");
      default -> {
        int number = c.openReflection().map(ReflectionRound::number).orElseThrow();
        Speaker who = partners.get(kind - 9);
        submit(
            who,
            kring.press(who, channel, "round.answer", code.value() + ":" + number).form(),
            "",
            "");
      }
    }
  }

  private void submit(Speaker who, Form form, String field, String text) {
    if (form == null) {
      throw new IllegalStateException("No form at this step");
    }
    Map<String, String> values = new HashMap<>(form.hidden());
    form.inputs().forEach(input -> values.put(input.name(), input.value()));
    if (!field.isEmpty()) {
      values.put(field, text);
    }
    kring.submit(who, channel, form.id(), values);
  }
}
