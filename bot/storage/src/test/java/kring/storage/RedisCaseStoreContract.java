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
import java.util.Set;
import java.util.SplittableRandom;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
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
import kring.core.store.Sighting;
import kring.core.store.TurnMessages;
import kring.core.store.TurnRead;
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

  @Test
  void aLanguageChosenIsKeptWithTheReadOfATurnInAChannelWithoutACaseAndInACasesChannel() {
    RedisPeople people = new RedisPeople(redis().client(), redis().keys());
    started();
    // A node that knows the case's channel, and one that does not.
    RedisCaseStore otherNode = nodeThatKnowsTheCase();

    TurnRead nowhere =
        store.read(
            THERE, slackUser("U1"), null, null, Set.of(TurnRead.Extra.keepLanguage(Language.EN)));
    TurnRead inTheCase =
        otherNode.read(
            HERE, slackUser("U2"), null, null, Set.of(TurnRead.Extra.keepLanguage(Language.EN)));

    assertThat(nowhere.languageKept()).contains(Language.EN);
    assertThat(inTheCase.caseHere()).isPresent();
    assertThat(inTheCase.languageKept()).contains(Language.EN);
    assertThat(people.language(slackUser("U1"))).contains(Language.EN);
    assertThat(people.language(slackUser("U2"))).contains(Language.EN);
    assertThat(store.read(THERE, slackUser("U3"), null, null, Set.of()).languageKept()).isEmpty();
    assertThat(people.language(slackUser("U3"))).isEmpty();
  }

  @Test
  void whetherThePlatformSentADeliveryBeforeIsDecidedWithTheReadAndAReplayKeepsNoLanguage() {
    RedisPeople people = new RedisPeople(redis().client(), redis().keys());
    started();
    // A node that knows the case's channel, and one that does not.
    RedisCaseStore otherNode = nodeThatKnowsTheCase();
    // The request of a person who chose English.
    Set<TurnRead.Extra> request =
        Set.of(
            TurnRead.Extra.keepLanguage(Language.EN),
            TurnRead.Extra.firstSight(Sighting.of(signature("sig-1"))));

    TurnRead first = store.read(THERE, slackUser("U1"), null, null, request);
    // Meanwhile the person chose Dutch: the replay of their English request keeps nothing.
    people.setLanguage(slackUser("U1"), Language.NL);
    TurnRead replay = store.read(THERE, slackUser("U1"), null, null, request);

    assertThat(first.sighted()).contains(Sighting.Found.NEW);
    assertThat(first.languageKept()).contains(Language.EN);
    assertThat(replay.sighted().orElseThrow().rememberedBy()).contains("slack-request");
    assertThat(replay.languageKept()).isEmpty();
    assertThat(people.language(slackUser("U1"))).contains(Language.NL);

    // An event, on the node that knows the case's channel; the platform's next try of it comes
    // with a request of its own (a new signature) to the other node, and is found by the event.
    TurnRead event =
        otherNode.read(
            HERE,
            slackUser("U2"),
            null,
            null,
            Set.of(TurnRead.Extra.firstSight(Sighting.of(signature("sig-2"), event("Ev1")))));
    Sighting nextTry = Sighting.of(signature("sig-3"), event("Ev1"));
    TurnRead again =
        store.read(HERE, slackUser("U2"), null, null, Set.of(TurnRead.Extra.firstSight(nextTry)));

    assertThat(event.caseHere()).isPresent();
    assertThat(event.sighted()).contains(Sighting.Found.NEW);
    assertThat(again.caseHere()).isPresent();
    assertThat(again.sighted().orElseThrow().rememberedBy()).contains("slack-event");
    // The marks before the one found are remembered from then on; on its own, in one round trip.
    assertThat(store.sight(slackUser("U2"), nextTry).rememberedBy()).contains("slack-request");
    assertThat(store.sight(slackUser("U3"), Sighting.of(signature("sig-4"))))
        .isEqualTo(Sighting.Found.NEW);
    assertThat(store.read(THERE, slackUser("U3"), null, null, Set.of()).sighted()).isEmpty();
  }

  /** Another node, which knows the case's channel from a turn there (this one does not). */
  RedisCaseStore nodeThatKnowsTheCase() {
    RedisCaseStore node =
        new RedisCaseStore(redis().client(), redis().keys(), Clock.fixed(T0, ZoneOffset.UTC));
    node.read(HERE, slackUser("U2"), null, null);
    return node;
  }

  static Sighting.Mark signature(String signature) {
    return Sighting.Mark.of("slack-request", signature, Duration.ofMinutes(15));
  }

  static Sighting.Mark event(String id) {
    return Sighting.Mark.of("slack-event", "T9:" + id, Duration.ofHours(2));
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

  // A turn that starts a case, or moves one in, claims the channel with its read.

  static final CaseCode OTHER = new CaseCode("K-9H2M");

  RedisCaseStore node(Duration claimHeld) {
    return new RedisCaseStore(
        redis().client(), redis().keys(), Clock.fixed(T0, ZoneOffset.UTC), 0, claimHeld);
  }

  /** The read of a turn that starts or moves the case {@code code} into {@code channel}. */
  static TurnRead readToBind(RedisCaseStore node, ChannelRef channel, CaseCode code) {
    return node.read(
        channel,
        slackUser("U1"),
        null,
        null,
        Set.of(TurnRead.Extra.caseNamed(code), TurnRead.Extra.bindHere(code)));
  }

  static Case startIn(RedisCaseStore node, CaseCode code, ChannelRef channel) {
    return node.commit(
        new CaseCommit(
            null, Samples.fullCase(code, channel), List.of(said("hi")), Plan.KEEP, List.of()));
  }

  String binding(ChannelRef channel) {
    return redis().client().get(redis().keys().channelCase(channel));
  }

  /** How long the channel's binding holds: more than 0 for a claim, -1 for good. */
  long holds(ChannelRef channel) {
    return redis().client().pttl(redis().keys().channelCase(channel));
  }

  @Test
  void aNewCaseClaimsAFreeChannelWithItsReadAndItsCommitKeepsIt() {
    TurnRead read = readToBind(store, HERE, CODE);

    assertThat(read.caseHere()).isEmpty();
    assertThat(binding(HERE)).isEqualTo(CODE.value());
    assertThat(holds(HERE)).isPositive();
    Case stored = startIn(store, CODE, HERE);

    assertThat(cases.findByChannel(HERE)).contains(stored);
    assertThat(holds(HERE)).as("bound for good").isEqualTo(-1);
  }

  @Test
  void aChannelAnotherTurnClaimedIsNotTakenWhileTheClaimHolds() {
    RedisCaseStore other = node(RedisCaseStore.CLAIM_HELD);
    readToBind(store, HERE, CODE);
    // Another node's turn reads the channel meanwhile: free, but claimed.
    TurnRead theirs = readToBind(other, HERE, OTHER);
    assertThat(theirs.caseHere()).isEmpty();

    assertThatThrownBy(() -> startIn(other, OTHER, HERE)).isInstanceOf(ChannelTaken.class);
    Case stored = startIn(store, CODE, HERE);

    assertThat(cases.findByChannel(HERE)).contains(stored);
    assertThat(cases.find(OTHER)).isEmpty();
    assertThat(holds(HERE)).isEqualTo(-1);
  }

  @Test
  void aTurnThatReadAClaimedChannelDoesNotTakeItFromTheCaseCommittedThere() {
    RedisCaseStore other = node(RedisCaseStore.CLAIM_HELD);
    readToBind(store, HERE, CODE);
    readToBind(other, HERE, OTHER);
    Case stored = startIn(store, CODE, HERE);

    assertThatThrownBy(() -> startIn(other, OTHER, HERE)).isInstanceOf(ChannelTaken.class);
    // Done again, the turn reads the case that lives there now.
    assertThat(readToBind(other, HERE, new CaseCode("K-4444")).caseHere()).contains(stored);
    store.unclaimed(HERE, new CaseCode("K-4444"));
    other.unclaimed(HERE, new CaseCode("K-4444"));

    assertThat(cases.findByChannel(HERE)).contains(stored);
    assertThat(binding(HERE)).isEqualTo(CODE.value());
    assertThat(cases.find(OTHER)).isEmpty();
  }

  @Test
  void aTurnThatDidNotCommitItsNewCaseGivesTheChannelBack() {
    readToBind(store, HERE, CODE);
    // Refused after its read.
    store.unclaimed(HERE, CODE);

    assertThat(binding(HERE)).isNull();
    RedisCaseStore other = node(RedisCaseStore.CLAIM_HELD);
    readToBind(other, HERE, OTHER);
    Case next = startIn(other, OTHER, HERE);
    assertThat(cases.findByChannel(HERE)).contains(next);
  }

  @Test
  void aClaimOfAClosedCasesChannelThatWasNotCommittedGivesTheClosedCaseItsChannelBack() {
    Case open = started();
    Case closed =
        store.commit(
            new CaseCommit(open, open.closeForInactivity(T0), List.of(), Plan.KEEP, List.of()));
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);

    // This node saw the case close: its next turn there claims the channel from it.
    assertThat(readToBind(store, HERE, OTHER).caseHere()).contains(closed);
    assertThat(binding(HERE)).isEqualTo(OTHER.value());
    store.unclaimed(HERE, OTHER);

    assertThat(binding(HERE)).isEqualTo(CODE.value());
    assertThat(holds(HERE)).isEqualTo(-1);
    assertThat(cases.findByChannel(HERE)).contains(closed);
    readToBind(store, HERE, OTHER);
    Case next = startIn(store, OTHER, HERE);
    assertThat(cases.findByChannel(HERE)).contains(next);
  }

  @Test
  void aClaimOfANodeThatDiedBeforeItsCommitRunsOutAndTheNextCaseTakesTheChannel() {
    RedisCaseStore died = node(Duration.ofMillis(300));
    readToBind(died, HERE, OTHER);
    RedisCaseStore next = node(RedisCaseStore.CLAIM_HELD);
    readToBind(next, HERE, CODE);
    assertThatThrownBy(() -> startIn(next, CODE, HERE)).isInstanceOf(ChannelTaken.class);

    // Done again once the claim ran out.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (binding(HERE) != null && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    readToBind(next, HERE, CODE);
    Case stored = startIn(next, CODE, HERE);

    assertThat(cases.findByChannel(HERE)).contains(stored);
    assertThat(holds(HERE)).isEqualTo(-1);
  }

  @Test
  void aCaseThatMovesInClaimsTheChannelWithItsReadAndLetsTheOldOneGo() {
    Case read = started();
    TurnRead turn = readToBind(store, THERE, CODE);
    assertThat(turn.casesNamed()).containsEntry(CODE, Optional.of(read));
    assertThat(binding(THERE)).isEqualTo(CODE.value());

    Case moved =
        store.commit(
            new CaseCommit(
                read,
                read.moveTo(read.partners().get(0).user(), THERE, T0),
                List.of(),
                Plan.KEEP,
                List.of()));

    assertThat(cases.findByChannel(THERE)).contains(moved);
    assertThat(holds(THERE)).isEqualTo(-1);
    assertThat(binding(HERE)).isNull();
  }

  @Test
  void aMoveIntoAChannelWhereAnotherOpenCaseLivesLeavesBothBindingsAsTheyWere() {
    Case mine = started();
    Case theirs = startIn(store, OTHER, THERE);

    RedisCaseStore mover = node(RedisCaseStore.CLAIM_HELD);
    assertThat(readToBind(mover, THERE, CODE).caseHere()).contains(theirs);
    assertThatThrownBy(
            () ->
                mover.commit(
                    new CaseCommit(
                        mine,
                        mine.moveTo(mine.partners().get(0).user(), THERE, T0),
                        List.of(),
                        Plan.KEEP,
                        List.of())))
        .isInstanceOf(ChannelTaken.class);
    mover.unclaimed(THERE, CODE);

    assertThat(binding(HERE)).isEqualTo(CODE.value());
    assertThat(binding(THERE)).isEqualTo(OTHER.value());
    assertThat(holds(HERE)).isEqualTo(-1);
    assertThat(holds(THERE)).isEqualTo(-1);
    assertThat(cases.findByChannel(HERE)).contains(mine);
    assertThat(cases.findByChannel(THERE)).contains(theirs);
  }
}
