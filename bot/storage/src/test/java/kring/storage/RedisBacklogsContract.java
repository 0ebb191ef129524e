package kring.storage;

import static kring.testing.Samples.at;
import static kring.testing.Samples.message;
import static kring.testing.Samples.slackChannel;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import kring.core.cases.CaseCode;
import kring.core.operations.Backlog;
import kring.core.operations.Backlog.CaseStage;
import kring.core.outbox.MessageKind;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import kring.testing.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backlog an operator watches, read from the indexes Kring keeps anyway, which live in
 * different slots of a Redis Cluster.
 */
abstract class RedisBacklogsContract {

  static final Duration LEASE = Duration.ofMinutes(2);

  abstract TestRedis redis();

  RedisBacklogs backlogs;
  RedisOutbox outbox;
  RedisDuePrompts due;
  RedisRetentionIndex retention;

  @BeforeEach
  void setUp() {
    backlogs = new RedisBacklogs(redis().client(), redis().keys());
    outbox = new RedisOutbox(redis().client(), redis().keys());
    due = new RedisDuePrompts(redis().client(), redis().keys());
    retention = new RedisRetentionIndex(redis().client(), redis().keys());
  }

  @Test
  void nothingWaitingReadsAsZero() {
    Backlog empty = backlogs.read(at(0));

    assertThat(empty.outboxWaiting()).isZero();
    assertThat(empty.outboxOverdue()).isZero();
    assertThat(empty.deadLetters()).isZero();
    assertThat(empty.casesWithPromptsDue()).isZero();
    assertThat(empty.promptsOverdue()).isZero();
    assertThat(empty.cases())
        .isEqualTo(
            Map.of(
                CaseStage.OPEN,
                0L,
                CaseStage.QUIET,
                0L,
                CaseStage.CLOSED,
                0L,
                CaseStage.ERASED,
                0L));
  }

  @Test
  void theOutboxCountsWhatWaitsHowLongTheFirstWaitedAndWhatWasGivenUp() {
    outbox.enqueue(message("m1", MessageKind.ANSWER, slackChannel("C1"), at(0)));
    outbox.enqueue(message("m2", MessageKind.ANSWER, slackChannel("C2"), at(1)));

    assertThat(backlogs.read(at(0)).outboxOverdue()).isZero();
    Backlog later = backlogs.read(at(3));
    assertThat(later.outboxWaiting()).isEqualTo(2);
    assertThat(later.outboxOverdue()).isEqualTo(Duration.ofMinutes(3));

    assertThat(outbox.claim(at(3), 1, LEASE, Map.of())).hasSize(1);
    Backlog claimed = backlogs.read(at(3));
    assertThat(claimed.outboxWaiting()).isEqualTo(2);
    assertThat(claimed.outboxOverdue()).isEqualTo(Duration.ofMinutes(2));

    outbox.park("m1", "channel_not_found", at(3));
    Backlog parked = backlogs.read(at(3));
    assertThat(parked.outboxWaiting()).isEqualTo(1);
    assertThat(parked.deadLetters()).isEqualTo(1);
  }

  @Test
  void promptsCountTheCasesWithSomethingDueAndHowLongTheFirstWaited() {
    CaseCode first = new CaseCode("K-7F3Q");
    CaseCode second = new CaseCode("K-9H2M");
    due.replace(first, List.of(reminder(first, 10)));
    due.replace(second, List.of(reminder(second, 20)));

    assertThat(backlogs.read(at(5)).casesWithPromptsDue()).isZero();
    Backlog one = backlogs.read(at(15));
    assertThat(one.casesWithPromptsDue()).isEqualTo(1);
    assertThat(one.promptsOverdue()).isEqualTo(Duration.ofMinutes(5));
    assertThat(backlogs.read(at(30)).casesWithPromptsDue()).isEqualTo(2);

    due.done(due.claim(at(30), 10, LEASE), at(30));
    assertThat(backlogs.read(at(30)).casesWithPromptsDue()).isZero();
  }

  @Test
  void casesAreCountedByStage() {
    retention.active(new CaseCode("K-7F3Q"), at(0));
    retention.active(new CaseCode("K-9H2M"), at(0));
    retention.active(new CaseCode("K-4KXW"), at(0));
    retention.asked(new CaseCode("K-4KXW"), at(1));
    retention.closed(new CaseCode("K-9H2M"), at(2));
    // What an erasure leaves: the code, so that a restored backup cannot bring the case back.
    redis().client().sadd(redis().keys().erased(), "K-2PQR");

    assertThat(backlogs.read(at(3)).cases())
        .isEqualTo(
            Map.of(
                CaseStage.OPEN,
                1L,
                CaseStage.QUIET,
                1L,
                CaseStage.CLOSED,
                1L,
                CaseStage.ERASED,
                1L));
  }

  static DuePrompt reminder(CaseCode code, int minutes) {
    return DuePrompt.of(
        code, PromptKind.KICKOFF_REMINDER, slackUser("U1"), 1, at(minutes), at(minutes + 60));
  }
}
