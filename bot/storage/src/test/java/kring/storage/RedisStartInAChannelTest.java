package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.cases.ChannelTaken;
import kring.core.conversation.KringConversation;
import kring.core.conversation.Outcome;
import kring.core.conversation.Speaker;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.store.Sighting;
import kring.testing.RedisKring;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Starting a case through the conversation on Redis, where the turn's read claims the channel: two
 * nodes starting one at once leave one case there, and a start refused after its read leaves the
 * channel free.
 */
class RedisStartInAChannelTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

  final RedisCases cases = new RedisCases(redis.client(), redis.keys());

  static KringConversation node() {
    return RedisKring.asTheApplication(redis.client(), redis.keys(), CLOCK, o -> o, s -> s);
  }

  static Speaker speaker(String name) {
    return new Speaker(new UserRef(Platform.PLAYGROUND, "local", name), name);
  }

  static ChannelRef room(String name) {
    return new ChannelRef(Platform.PLAYGROUND, "local", name);
  }

  /** The open cases either of these people took part in that live in {@code room}. */
  List<Case> openIn(ChannelRef room, Speaker... people) {
    return Stream.of(people)
        .flatMap(p -> cases.findByPerson(p.user()).stream())
        .filter(c -> c.channel().equals(room) && c.status() != CaseStatus.CLOSED)
        .distinct()
        .toList();
  }

  @Test
  void twoNodesStartingACaseInOneChannelAtOnceLeaveOneCaseThere() throws Exception {
    KringConversation one = node();
    KringConversation two = node();
    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 30; round++) {
        ChannelRef room = room("together-" + round);
        Speaker anna = speaker("anna-" + round);
        Speaker bert = speaker("bert-" + round);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> started = new ArrayList<>();
        started.add(
            both.submit(
                () -> {
                  go.await();
                  return one.say(anna, room, "start");
                }));
        started.add(
            both.submit(
                () -> {
                  go.await();
                  return two.say(bert, room, "start");
                }));
        go.countDown();
        for (Future<?> each : started) {
          try {
            each.get(60, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            // A turn may give up while the other one's claim holds the channel for long: it
            // changed nothing.
            assertThat(e.getCause()).isInstanceOf(ChannelTaken.class);
          }
        }

        List<Case> open = openIn(room, anna, bert);
        assertThat(open).as("round %d", round).hasSize(1);
        assertThat(cases.findByChannel(room)).as("round %d", round).contains(open.get(0));
        assertThat(redis.client().pttl(redis.keys().channelCase(room))).isEqualTo(-1);
      }
    } finally {
      both.shutdownNow();
    }
  }

  @Test
  void aStartRefusedAfterItsReadLeavesTheChannelFreeForTheNext() {
    ChannelRef room = room("refused");
    Speaker anna = speaker("anna");

    node().say(anna, room, "start 123 456");

    assertThat(openIn(room, anna)).isEmpty();
    assertThat(redis.client().get(redis.keys().channelCase(room))).isNull();
    Speaker bert = speaker("bert");
    node().say(bert, room, "start");
    assertThat(cases.findByChannel(room).flatMap(Case::coordinator).map(p -> p.user()))
        .contains(bert.user());
  }

  @Test
  void aStartThePlatformSentBeforeLeavesTheChannelFreeAndStartsNothing() {
    ChannelRef room = room("sent-before");
    Speaker anna = speaker("anna-again");
    Sighting request =
        Sighting.of(Sighting.Mark.of("slack-request", "start-request", Duration.ofMinutes(15)));
    // Another node took the request first, and has not started the case yet.
    new RedisCaseStore(redis.client(), redis.keys(), CLOCK).sight(anna.user(), request);

    KringConversation node = node();
    Outcome replay = node.firstSight(request, () -> node.say(anna, room, "start"));

    assertThat(replay).isEqualTo(Outcome.NOTHING);
    assertThat(openIn(room, anna)).isEmpty();
    assertThat(redis.client().get(redis.keys().channelCase(room)))
        .as("the claim its read made is given back at once")
        .isNull();
  }
}
