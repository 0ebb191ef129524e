package kring.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.partners.JoinRequest;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.scheduler.planning.Planner;
import kring.storage.RedisCases;
import kring.storage.RedisDuePrompts;
import kring.storage.RedisPromptBudget;
import kring.testing.InMemoryPeople;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several nodes on one Redis, and nodes that die: each prompt still goes out once, on time. */
class ScheduledPromptsOnRedisTest {

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final ChannelRef ROOM = new ChannelRef(Platform.SLACK, "T1", "C1");

  final MovableClock clock =
      new MovableClock(
          LocalDateTime.parse("2026-01-12T09:00").atZone(BRUSSELS).toInstant(), BRUSSELS);
  final List<OutboundMessage> sent = new ArrayList<>();

  /** A node: its own objects and outbox, the shared Redis. */
  final class Node {
    final RecordingOutbox outbox = new RecordingOutbox();
    final ScheduledPrompts prompts =
        new ScheduledPrompts(
            new RedisCases(REDIS.client(), REDIS.keys()),
            new InMemoryPeople(),
            new RedisDuePrompts(REDIS.client(), REDIS.keys()),
            outbox,
            new Planner(BRUSSELS),
            new RedisPromptBudget(REDIS.client(), REDIS.keys()),
            clock,
            () -> {});

    void poll() {
      prompts.runDue();
      sent.addAll(outbox.messages());
      outbox.clear();
    }
  }

  void caseWithFivePartnersWaiting(Node node) {
    RedisCases cases = new RedisCases(REDIS.client(), REDIS.keys());
    UserRef starter = new UserRef(Platform.SLACK, "T1", "U0");
    Case c =
        Case.start(
            new CaseCode("K-7F3Q"), null, ROOM, Language.NL, starter, "Ann", clock.instant());
    for (int i = 1; i <= 4; i++) {
      UserRef user = new UserRef(Platform.SLACK, "T1", "U" + i);
      c =
          c.askToJoin(
              new JoinRequest(user, "P" + i, null, Sector.CLB, Role.CLB, false, clock.instant()));
      c = c.acceptJoin(starter, user, clock.instant());
    }
    cases.create(c);
    node.prompts.replan(c);
  }

  void live(Duration length, Node... nodes) {
    Instant until = clock.instant().plus(length);
    while (clock.instant().isBefore(until)) {
      clock.advance(Duration.ofMinutes(30));
      for (Node node : nodes) {
        node.poll();
      }
    }
  }

  @Test
  void twoNodesPollingTheSameRedisSendEachPromptOnce() {
    Node one = new Node();
    Node two = new Node();
    caseWithFivePartnersWaiting(one);

    live(Duration.ofDays(25), one, two);

    // Five partners get three reminders each, and the coordinator one escalation.
    assertThat(sent).hasSize(16);
    assertThat(sent.stream().map(m -> m.to().person().key() + "@" + m.createdAt()).distinct())
        .hasSize(16);
  }

  @Test
  void aNodeThatLosesItsSchedulerStateLosesNoPrompt() {
    Node first = new Node();
    caseWithFivePartnersWaiting(first);
    live(Duration.ofDays(3), first);
    int beforeTheCrash = sent.size();

    // The node dies and a fresh one starts: nothing of the old one's memory or clock state is kept.
    Node fresh = new Node();
    live(Duration.ofDays(22), fresh);

    assertThat(beforeTheCrash).isEqualTo(5);
    assertThat(sent).hasSize(16);
  }
}
