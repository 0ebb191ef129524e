package kring.storage;

import static kring.testing.Samples.T0;
import static kring.testing.Samples.message;
import static kring.testing.Samples.slackChannel;
import static kring.testing.Samples.slackUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.ChannelTaken;
import kring.core.cases.CodeTaken;
import kring.core.cases.ConcurrentChange;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.store.CaseCommit;
import kring.core.store.DeliveredBefore;
import kring.core.store.Lifetime;
import kring.core.store.Plan;
import kring.core.store.ShortDigest;
import kring.core.store.TurnMessages;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One turn, one commit, on whatever Redis runs Kring: the case, its messages and its plan are
 * stored together or not at all, and what lives in other slots follows.
 */
abstract class RedisCaseStoreContract {

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final ChannelRef HERE = slackChannel("C1");
  static final ChannelRef THERE = slackChannel("C2");

  abstract TestRedis redis();

  RedisCaseStore store;
  RedisCases cases;
  RedisOutbox outbox;
  RedisDuePrompts due;

  @BeforeEach
  void setUpStore() {
    TestRedis redis = redis();
    store = new RedisCaseStore(redis.client(), redis.keys(), Clock.fixed(T0, ZoneOffset.UTC));
    cases = new RedisCases(redis.client(), redis.keys());
    outbox = new RedisOutbox(redis.client(), redis.keys());
    due = new RedisDuePrompts(redis.client(), redis.keys());
  }

  static DuePrompt reminder(int step) {
    return DuePrompt.of(
        CODE,
        PromptKind.KICKOFF_REMINDER,
        slackUser("U1"),
        step,
        T0.plusSeconds(60L * step),
        T0.plusSeconds(3600));
  }

  static OutboundMessage said(String id) {
    return message(id, MessageKind.ANNOUNCEMENT, HERE, T0);
  }

  Case started() {
    Case fresh = Samples.fullCase(CODE, HERE);
    return store.commit(
        new CaseCommit(
            null, fresh, List.of(said("hello")), Plan.replace(List.of(reminder(1))), List.of()));
  }

  @Test
  void aNewCaseIsStoredWithWhatItSaysAndItsPlan() {
    Case stored = started();

    assertThat(cases.find(CODE)).contains(stored);
    assertThat(cases.findByChannel(HERE)).contains(stored);
    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(due.planned(CODE)).containsExactly(reminder(1));
    assertThat(due.claim(reminder(1).dueAt(), 10, Duration.ofMinutes(5)))
        .containsExactly(reminder(1));
  }

  @Test
  void aNewCaseDoesNotTakeAChannelAnotherCaseTookSinceTheTurnReadIt() {
    TestRedis redis = redis();
    store.read(HERE, slackUser("U1"), null, null);
    RedisCaseStore otherNode =
        new RedisCaseStore(redis.client(), redis.keys(), Clock.fixed(T0, ZoneOffset.UTC));
    Case there = Samples.fullCase(new CaseCode("K-9H2M"), HERE);
    otherNode.commit(new CaseCommit(null, there, List.of(), Plan.KEEP, List.of()));

    Case fresh = Samples.fullCase(CODE, HERE);
    assertThatThrownBy(
            () -> store.commit(new CaseCommit(null, fresh, List.of(), Plan.KEEP, List.of())))
        .isInstanceOf(ChannelTaken.class);
    assertThat(cases.findByChannel(HERE).map(Case::code)).contains(there.code());
    assertThat(cases.find(CODE)).isEmpty();
  }

  @Test
  void aTurnThatChangedNoCaseKeepsTheLanguageChosenWithItsMessages() {
    RedisPeople people = new RedisPeople(redis().client(), redis().keys());
    store.send(
        new TurnMessages(List.of(said("a")), Map.of(slackUser("U1"), Language.EN)),
        null,
        null,
        null);
    store.send(new TurnMessages(List.of(), Map.of(slackUser("U2"), Language.NL)), null, null, null);

    assertThat(people.language(slackUser("U1"))).contains(Language.EN);
    assertThat(people.language(slackUser("U2"))).contains(Language.NL);
    assertThat(outbox.pending()).isEqualTo(1);
  }

  /** A reminder put off to later in its window, as a person asks for it. */
  static DuePrompt putOff(int step) {
    return reminder(step).movedTo(T0.plus(Duration.ofMinutes(30))).askedFor();
  }

  static TurnMessages confirming(DuePrompt moved) {
    return new TurnMessages(List.of(said("later")), Map.of(), Optional.of(moved));
  }

  @Test
  void aPromptPutOffIsStoredWithTheAnswerThatConfirmsIt() {
    started();
    // Nothing planned any more: the pollers, finding nothing due, take the case off their index.
    due.replace(CODE, List.of());
    assertThat(due.claim(reminder(1).dueAt(), 10, Duration.ofMinutes(5))).isEmpty();
    assertThat(redis().client().zscore(redis().keys().wakeDue(), CODE.value())).isNull();

    store.send(confirming(putOff(1)), null, null, null);

    assertThat(due.planned(CODE)).containsExactly(putOff(1));
    assertThat(redis().client().zscore(redis().keys().wakeDue(), CODE.value()))
        .isEqualTo((double) putOff(1).dueAt().toEpochMilli());
    // Put off, not planned: planning the case again keeps it.
    due.replace(CODE, List.of(reminder(1)));
    assertThat(due.planned(CODE)).containsExactly(putOff(1));
    assertThat(outbox.pending()).isEqualTo(2);
    assertThat(redis().client().llen(redis().keys().caseOutbox(CODE))).isZero();
    assertThat(redis().client().zcard(redis().keys().wakeOutbox())).isZero();
  }

  @Test
  void aPromptOfACaseThatIsGoneIsNotPutOffNorConfirmed() {
    // The case was erased after the turn read it.
    assertThatThrownBy(() -> store.send(confirming(putOff(1)), null, null, null))
        .isInstanceOf(ConcurrentChange.class);

    assertThat(due.planned(CODE)).isEmpty();
    assertThat(redis().client().exists(redis().keys().dueLater(CODE))).isFalse();
    assertThat(redis().client().llen(redis().keys().caseOutbox(CODE))).isZero();
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void aPutOffThatFailsKeepsNoAnswer() {
    started();
    // A key of the put-off that is not what it should be: the script fails on it.
    redis().client().set(redis().keys().dueClaimed(CODE), "damaged");

    assertThatThrownBy(() -> store.send(confirming(putOff(1)), null, null, null))
        .hasMessageContaining("WRONGTYPE");

    assertThat(due.planned(CODE)).containsExactly(reminder(1));
    assertThat(redis().client().llen(redis().keys().caseOutbox(CODE))).isZero();
    assertThat(outbox.pending()).isEqualTo(1);
  }

  @Test
  void theAnswerToAPutOffOfANodeThatDiedAfterItIsHandedInByAnyNode() {
    started();
    // A node put the prompt off with its answer and died before handing the answer in.
    store.keepPuttingOff(putOff(1), List.of(said("later")));

    assertThat(due.planned(CODE)).containsExactly(putOff(1));
    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(outbox.recover(T0)).isZero();
    outbox.recover(T0.plus(RedisOutbox.HAND_IN_GRACE));

    assertThat(outbox.pending()).isEqualTo(2);
    assertThat(redis().client().llen(redis().keys().caseOutbox(CODE))).isZero();
    assertThat(redis().client().zcard(redis().keys().wakeOutbox())).isZero();
  }

  @Test
  void aCaseCommitsATurnOfOnePlatformDeliveryOnce() {
    Case read = started();
    String delivery = ShortDigest.of("teams|19:case@thread.tacv2|activity-1");
    Case paused = read.pause(read.partners().get(0).user(), T0, new SplittableRandom(1));
    Case stored =
        store.commit(
            new CaseCommit(
                read,
                paused,
                List.of(said("a")),
                Plan.KEEP,
                List.of(),
                Lifetime.acted(T0),
                delivery));

    // The platform delivers it again (its first node died before answering): the same turn, made
    // again on the case as it is now, stores nothing and says nothing.
    Case again = stored.resume(stored.partners().get(0).user(), T0);
    assertThatThrownBy(
            () ->
                store.commit(
                    new CaseCommit(
                        stored,
                        again,
                        List.of(said("b")),
                        Plan.KEEP,
                        List.of(),
                        Lifetime.acted(T0),
                        delivery)))
        .isInstanceOf(DeliveredBefore.class);
    assertThat(cases.find(CODE)).contains(stored);
    assertThat(outbox.pending()).isEqualTo(2);

    // Another delivery is committed as usual.
    store.commit(
        new CaseCommit(
            stored,
            again,
            List.of(said("c")),
            Plan.KEEP,
            List.of(),
            Lifetime.acted(T0),
            ShortDigest.of("teams|19:case@thread.tacv2|activity-2")));
    assertThat(cases.find(CODE).orElseThrow().revision()).isEqualTo(stored.revision() + 1);
  }

  @Test
  void aTurnThatLostToAnotherWriterStoresNothingOfItself() {
    Case read = started();
    Case first = read.atRevision(read.revision());
    store.commit(
        new CaseCommit(
            read,
            first.pause(first.partners().get(0).user(), T0, new SplittableRandom(1)),
            List.of(said("a")),
            Plan.replace(List.of(reminder(2))),
            List.of()));

    assertThatThrownBy(
            () ->
                store.commit(
                    new CaseCommit(
                        read,
                        read,
                        List.of(said("b")),
                        Plan.replace(List.of(reminder(3))),
                        List.of())))
        .isInstanceOf(ConcurrentChange.class);

    assertThat(outbox.pending()).isEqualTo(2);
    assertThat(due.planned(CODE)).containsExactly(reminder(2));
    assertThat(cases.find(CODE).orElseThrow().paused()).isTrue();
  }

  @Test
  void aNewCaseWhoseCodeIsTakenLeavesItsChannelFree() {
    started();

    assertThatThrownBy(
            () ->
                store.commit(
                    new CaseCommit(
                        null,
                        Samples.fullCase(CODE, THERE),
                        List.of(said("x")),
                        Plan.KEEP,
                        List.of())))
        .isInstanceOf(CodeTaken.class);

    assertThat(cases.findByChannel(THERE)).isEmpty();
    assertThat(redis().client().get(redis().keys().channelCase(THERE))).isNull();
    assertThat(outbox.pending()).isEqualTo(1);
  }

  @Test
  void aNewCaseInAChannelThatHoldsAnotherIsRefused() {
    started();
    CaseCode other = new CaseCode("K-3333");

    assertThatThrownBy(
            () ->
                store.commit(
                    new CaseCommit(
                        null, Samples.fullCase(other, HERE), List.of(), Plan.KEEP, List.of())))
        .isInstanceOf(ChannelTaken.class);

    assertThat(cases.find(other)).isEmpty();
    assertThat(cases.findByChannel(HERE).orElseThrow().code()).isEqualTo(CODE);
  }

  @Test
  void aCaseThatMovesBindsItsNewChannelAndLetsTheOldOneGo() {
    Case read = started();
    Case moved = read.moveTo(read.partners().get(0).user(), THERE, T0);

    Case stored = store.commit(new CaseCommit(read, moved, List.of(), Plan.KEEP, List.of()));

    assertThat(cases.findByChannel(THERE)).contains(stored);
    assertThat(cases.findByChannel(HERE)).isEmpty();
    assertThat(redis().client().get(redis().keys().channelCase(HERE))).isNull();
  }

  @Test
  void aDuePromptCarriedOutIsDoneWithItsCommit() {
    Case read = started();
    List<DuePrompt> claimed = due.claim(reminder(1).dueAt(), 10, Duration.ofMinutes(5));

    store.commit(
        new CaseCommit(
            read,
            read.pause(read.partners().get(0).user(), T0, new SplittableRandom(1)),
            List.of(),
            Plan.replace(List.of(reminder(1))),
            claimed));

    assertThat(redis().client().zcard(redis().keys().dueClaimed(CODE))).isZero();
    // Handed out: planning it again does not bring it back.
    assertThat(due.planned(CODE)).isEmpty();
  }

  @Test
  void messagesANodeCommittedButDidNotHandInAreHandedInOnceByAnyNode() {
    Case read = started();
    String waiting = redis().keys().caseOutbox(CODE);
    // A node committed a turn's two messages and died before handing them in …
    List<String> before = List.copyOf(redis().client().lrange(waiting, 0, -1));
    assertThat(before).isEmpty();
    OutboundMessage one = said("one");
    OutboundMessage two = said("two");
    for (OutboundMessage m : List.of(one, two)) {
      redis()
          .client()
          .rpush(waiting, kring.json.KringJson.mapper().writeValueAsString(outbox.enqueueArgs(m)));
    }
    redis().client().zadd(redis().keys().wakeOutbox(), T0.toEpochMilli(), CODE.value());
    // … and another that handed in the first of them died before dropping it from the case.
    new RedisHandIn(redis().client(), redis().keys()).handIn(CODE, T0);
    redis()
        .client()
        .lpush(waiting, kring.json.KringJson.mapper().writeValueAsString(outbox.enqueueArgs(one)));
    redis().client().zadd(redis().keys().wakeOutbox(), T0.toEpochMilli(), CODE.value());

    assertThat(outbox.recover(T0)).isZero();
    outbox.recover(T0.plus(RedisOutbox.HAND_IN_GRACE));

    assertThat(outbox.pending()).isEqualTo(3);
    assertThat(redis().client().llen(waiting)).isZero();
    assertThat(redis().client().zcard(redis().keys().wakeOutbox())).isZero();
    assertThat(cases.find(CODE)).contains(read);
  }
}
