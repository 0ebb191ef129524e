package kring.storage;

import static kring.testing.Samples.at;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import kring.core.cases.CaseCode;
import kring.core.operations.Meters;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import kring.testing.RecordingMeters;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pollers' index of due cases in Redis: written after a case's prompts, so a node that dies in
 * between leaves a case the index does not know, which the repair finds again from the case's own
 * keys; a case changed while a poller looked at it is looked at again.
 */
class RedisDuePromptsWakeTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final CaseCode CASE = new CaseCode("K-7F3Q");
  static final Duration LEASE = Duration.ofMinutes(5);

  final RedisDuePrompts due = new RedisDuePrompts(redis.client(), redis.keys());

  static DuePrompt reminder(int step, int minutes) {
    return DuePrompt.of(
        CASE, PromptKind.KICKOFF_REMINDER, slackUser("U1"), step, at(minutes), at(minutes + 60));
  }

  @Test
  void countsThePromptsItTakesOverFromANodeWhoseLeaseRanOut() {
    RecordingMeters meters = new RecordingMeters();
    RedisDuePrompts counting = new RedisDuePrompts(redis.client(), redis.keys(), meters);
    DuePrompt first = reminder(1, 10);
    DuePrompt second = reminder(2, 10);
    counting.replace(CASE, List.of(first, second));
    assertThat(counting.claim(at(10), 10, LEASE)).hasSize(2);
    assertThat(meters.takenOver(Meters.Work.PROMPTS)).isZero();

    // The node that claimed them died; another claims them once the lease ran out.
    assertThat(counting.claim(at(10).plus(LEASE), 10, LEASE)).containsExactly(first, second);
    assertThat(meters.takenOver(Meters.Work.PROMPTS)).isEqualTo(2);

    counting.done(List.of(first, second), at(10).plus(LEASE));
    assertThat(counting.claim(at(10).plus(LEASE.multipliedBy(2)), 10, LEASE)).isEmpty();
    assertThat(meters.takenOver(Meters.Work.PROMPTS)).isEqualTo(2);
  }

  @Test
  void aCaseTheIndexLostIsFoundAgainByTheRepair() {
    DuePrompt prompt = reminder(1, 10);
    due.replace(CASE, List.of(prompt));
    // The node died after writing the case's prompts, before the index.
    redis.client().del(redis.keys().wakeDue());

    assertThat(due.claim(at(10), 10, LEASE)).isEmpty();
    assertThat(due.repair()).isEqualTo(1);
    assertThat(due.repair()).isZero();
    assertThat(due.claim(at(10), 10, LEASE)).containsExactly(prompt);
  }

  @Test
  void aPromptPutOffTellsTheIndexOnlyInItsLastStepAndARepairFindsItWhenThatStepIsLost() {
    DuePrompt prompt = reminder(1, 10);
    due.replace(CASE, List.of(prompt));
    redis.client().del(redis.keys().wakeDue());

    Runnable wake = due.putOff(prompt.movedTo(at(30)));
    assertThat(redis.client().zscore(redis.keys().wakeDue(), CASE.value())).isNull();
    wake.run();
    assertThat(redis.client().zscore(redis.keys().wakeDue(), CASE.value()))
        .isEqualTo((double) at(30).toEpochMilli());
    List<DuePrompt> claimed = due.claim(at(30), 10, LEASE);
    assertThat(claimed).extracting(DuePrompt::id).containsExactly(prompt.id());
    due.done(claimed, at(30));

    // A node that died before telling the index: the repair finds the case again.
    DuePrompt again = reminder(2, 40);
    due.replace(CASE, List.of(again));
    redis.client().del(redis.keys().wakeDue());
    due.putOff(again.movedTo(at(50)));
    assertThat(due.repair()).isEqualTo(1);
    assertThat(due.claim(at(50), 10, LEASE)).extracting(DuePrompt::id).containsExactly(again.id());
  }

  @Test
  void aClaimWhoseNodeDiedAndWhoseIndexEntryWasLostIsFoundAgainByTheRepair() {
    DuePrompt prompt = reminder(1, 10);
    due.replace(CASE, List.of(prompt));
    assertThat(due.claim(at(10), 10, LEASE)).containsExactly(prompt);
    redis.client().del(redis.keys().wakeDue());

    assertThat(due.repair()).isEqualTo(1);
    assertThat(due.claim(at(10).plus(LEASE), 10, LEASE)).containsExactly(prompt);
  }

  @Test
  void theIndexNamesACaseOnlyWhileItHasSomethingPlannedOrClaimed() {
    DuePrompt prompt = reminder(1, 10);
    due.replace(CASE, List.of(prompt));
    assertThat(redis.client().zscore(redis.keys().wakeDue(), CASE.value()))
        .isEqualTo((double) at(10).toEpochMilli());

    due.done(due.claim(at(10), 10, LEASE), at(10));
    // Until the claim's lease would have run out the index keeps the case; the poller's look then
    // finds nothing and lets it go.
    assertThat(redis.client().zscore(redis.keys().wakeDue(), CASE.value()))
        .isEqualTo((double) at(10).plus(LEASE).toEpochMilli());
    assertThat(due.claim(at(10).plus(LEASE), 10, LEASE)).isEmpty();
    assertThat(redis.client().zscore(redis.keys().wakeDue(), CASE.value())).isNull();
  }

  @Test
  void planningACaseAlreadyDueChangesItsTimeSoThatAPollerLookingAtItLooksAgain() {
    DuePrompt first = reminder(1, 10);
    due.replace(CASE, List.of(first));
    double seen = redis.client().zscore(redis.keys().wakeDue(), CASE.value());

    due.replace(CASE, List.of(first, reminder(2, 30)));

    assertThat(redis.client().zscore(redis.keys().wakeDue(), CASE.value())).isEqualTo(seen - 1);
  }

  @Test
  void aPollerSettlesACaseOnlyIfItsTimeIsStillTheOneItSaw() {
    String wake = redis.keys().wakeDue();
    redis.client().zadd(wake, 1000, CASE.value());
    LuaScript settle = LuaScript.named("wake-settle.lua");

    // Someone planned the case after the poller looked (its time moved): the entry stays.
    assertThat(settle.run(redis.client(), List.of(wake), List.of(CASE.value(), "1001", "")))
        .isEqualTo(0L);
    assertThat(redis.client().zscore(wake, CASE.value())).isEqualTo(1000.0);

    assertThat(settle.run(redis.client(), List.of(wake), List.of(CASE.value(), "1000", "5000")))
        .isEqualTo(1L);
    assertThat(redis.client().zscore(wake, CASE.value())).isEqualTo(5000.0);
    settle.run(redis.client(), List.of(wake), List.of(CASE.value(), "5000", ""));
    assertThat(redis.client().zscore(wake, CASE.value())).isNull();
  }

  @Test
  void anIndexEntryThatNamesNoCaseIsDropped() {
    redis.client().zadd(redis.keys().wakeDue(), 1, "not a case");

    assertThat(due.claim(at(10), 10, LEASE)).isEmpty();
    assertThat(redis.client().zcard(redis.keys().wakeDue())).isZero();
  }
}
