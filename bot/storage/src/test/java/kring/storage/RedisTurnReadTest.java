package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.store.CaseCommit;
import kring.core.store.CaseSchedule;
import kring.core.store.Plan;
import kring.core.store.TurnRead;
import kring.scheduler.calendar.WorkingHours;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.PromptFate;
import kring.scheduler.planning.PromptKind;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A turn's read on Redis: one round trip on a node that saw the channel's case before (the case,
 * its people's languages and the speaker's working hours), checked against the case itself, so that
 * a case another node moved, closed or erased is never taken for the channel's.
 */
class RedisTurnReadTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  static final ChannelRef ROOM = new ChannelRef(Platform.PLAYGROUND, "local", "room");
  static final ChannelRef ELSEWHERE = new ChannelRef(Platform.PLAYGROUND, "local", "elsewhere");
  static final UserRef ANNA = new UserRef(Platform.PLAYGROUND, "local", "anna");
  static final UserRef BERT = new UserRef(Platform.PLAYGROUND, "local", "bert");

  RoundTrips trips;
  RedisCaseStore node;
  RedisCases cases;
  RedisPeople people;

  @BeforeEach
  void setUp() {
    trips = RoundTrips.open(TestRedis.machineUrl());
    node = new RedisCaseStore(trips.client(), redis.keys(), Clock.fixed(NOW, ZoneOffset.UTC));
    // Another node: what it changes, this one learns only from Redis.
    cases = new RedisCases(redis.client(), redis.keys());
    people = new RedisPeople(redis.client(), redis.keys());
  }

  @AfterEach
  void close() {
    trips.close();
  }

  Case newCase(String code, ChannelRef where) {
    Case c =
        Samples.activeCase(
            new CaseCode(code), where, List.of(ANNA, BERT), CollaborationLevel.COORDINATION, NOW);
    cases.create(c);
    return cases.find(c.code()).orElseThrow();
  }

  TurnRead read(ChannelRef channel) {
    return node.read(channel, ANNA, cases, people);
  }

  @Test
  void aNodeThatSawTheChannelsCaseReadsItWithItsPeoplesLanguagesInOneRoundTrip() {
    Case x = newCase("K-2A2A", ROOM);
    people.setLanguage(BERT, Language.EN);
    WorkingHours annas = new WorkingHours(LocalTime.of(8, 30), LocalTime.of(15, 0));
    people.setWorkingHours(ANNA, annas);
    trips.client().ping();
    trips.reset();

    assertThat(read(ROOM).caseHere()).contains(x);
    assertThat(trips.count()).as("the binding, then the case").isEqualTo(2);

    trips.reset();
    TurnRead again = read(ROOM);

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(1);
    assertThat(again.caseHere()).contains(x);
    assertThat(again.asked()).contains(ANNA, BERT);
    assertThat(again.languages()).isEqualTo(Map.of(BERT, Language.EN));
    assertThat(again.hoursRead()).isEqualTo(Map.of(ANNA, Optional.of(annas)));
  }

  /** A kick-off reminder due {@code dueIn} seconds from now, for a few hours. */
  static DuePrompt reminder(Case c, UserRef to, int step, long dueIn) {
    return DuePrompt.of(
        c.code(),
        PromptKind.KICKOFF_REMINDER,
        to,
        step,
        NOW.plusSeconds(dueIn),
        NOW.plusSeconds(dueIn + 3 * 3600));
  }

  @Test
  void aTurnThatAsksForTheCasesScheduleReadsItWithTheCaseInOneRoundTrip() {
    Case x = newCase("K-6E6E", ROOM);
    RedisDuePrompts due = new RedisDuePrompts(redis.client(), redis.keys());
    DuePrompt claimedAlready = reminder(x, ANNA, 1, -60);
    DuePrompt later = reminder(x, BERT, 1, 7200);
    DuePrompt earlier = reminder(x, ANNA, 2, 3600);
    due.replace(x.code(), List.of(later, claimedAlready, earlier));
    // Its record stays while it is claimed, but it is no longer planned.
    assertThat(due.claim(NOW, 10, Duration.ofMinutes(5))).containsExactly(claimedAlready);
    due.count(List.of(new PromptFate(x.code(), PromptKind.KICKOFF_REMINDER, Fate.PUT_OFF)));
    RedisCaseStore cold =
        new RedisCaseStore(trips.client(), redis.keys(), Clock.fixed(NOW, ZoneOffset.UTC));
    trips.reset();
    TurnRead first = cold.read(ROOM, ANNA, cases, people, Set.of(TurnRead.Extra.SCHEDULE));
    assertThat(trips.count()).as("the binding, then the case with its schedule").isEqualTo(2);
    assertThat(first.schedule().orElseThrow().planned()).containsExactly(earlier, later);
    read(ROOM);
    trips.reset();

    TurnRead withSchedule = node.read(ROOM, ANNA, cases, people, Set.of(TurnRead.Extra.SCHEDULE));

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(1);
    CaseSchedule schedule = withSchedule.schedule().orElseThrow();
    assertThat(schedule.code()).isEqualTo(x.code());
    assertThat(schedule.planned()).containsExactly(earlier, later).isEqualTo(due.planned(x.code()));
    assertThat(schedule.counts())
        .isEqualTo(Map.of(PromptKind.KICKOFF_REMINDER, Map.of(Fate.PUT_OFF, 1L)))
        .isEqualTo(due.counts(x.code()));
    assertThat(read(ROOM).schedule()).as("not asked for").isEmpty();
  }

  @Test
  void
      aTurnThatAsksForTheSpeakersCasesReadsTheirIndexWithTheCaseAndTheCasesNotGuessedInOneMoreRoundTrip() {
    Case x = newCase("K-7F7F", ROOM);
    Case y = newCase("K-8G8G", ELSEWHERE);
    Case gone = newCase("K-9H9H", new ChannelRef(Platform.PLAYGROUND, "local", "third"));
    redis.client().del(redis.keys().caseDoc(gone.code()));
    String index = redis.keys().personCases(ANNA);
    redis.client().sadd(index, "K-2B2B", "not a code");
    Set<TurnRead.Extra> theirs = Set.of(TurnRead.Extra.SPEAKERS_CASES);
    RedisCaseStore cold =
        new RedisCaseStore(trips.client(), redis.keys(), Clock.fixed(NOW, ZoneOffset.UTC));
    trips.reset();

    TurnRead first = cold.read(ROOM, ANNA, cases, people, theirs);

    assertThat(trips.count())
        .as("the binding with the index, the case with the cases in it, what was gone dropped")
        .isEqualTo(3);
    assertThat(first.caseHere()).contains(x);
    assertThat(first.speakersCases().orElseThrow())
        .containsExactlyInAnyOrder(x, y)
        .containsExactlyInAnyOrderElementsOf(cases.findByPerson(ANNA));
    assertThat(redis.client().smembers(index)).containsExactlyInAnyOrder("K-7F7F", "K-8G8G");
    assertThat(read(ROOM).speakersCases()).as("not asked for").isEmpty();
    trips.reset();

    TurnRead again = node.read(ROOM, ANNA, cases, people, theirs);

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(2);
    assertThat(again.caseHere()).contains(x);
    assertThat(again.speakersCases().orElseThrow()).containsExactlyInAnyOrder(x, y);
    // A node that saw her in both cases reads them with her index, as they are now (closed by
    // another node since).
    node.read(ELSEWHERE, BERT, cases, people);
    cases.update(y.closeForInactivity(NOW));
    Case yChanged = cases.find(y.code()).orElseThrow();
    trips.reset();

    TurnRead guessed = node.read(ROOM, ANNA, cases, people, theirs);

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(1);
    assertThat(guessed.speakersCases().orElseThrow()).containsExactlyInAnyOrder(x, yChanged);
    // A case that does not name her is dropped from her index, on a node that knows the channel
    // too.
    UserRef carl = new UserRef(Platform.PLAYGROUND, "local", "carl");
    Case notHers =
        Samples.activeCase(
            new CaseCode("K-5E5E"),
            new ChannelRef(Platform.PLAYGROUND, "local", "fourth"),
            List.of(BERT, carl),
            CollaborationLevel.COORDINATION,
            NOW);
    cases.create(notHers);
    redis.client().sadd(index, notHers.code().value());
    assertThat(node.read(ROOM, ANNA, cases, people, theirs).speakersCases().orElseThrow())
        .containsExactlyInAnyOrder(x, yChanged);
    assertThat(redis.client().smembers(index)).containsExactlyInAnyOrder("K-7F7F", "K-8G8G");
  }

  @Test
  void aTurnThatNamesACaseByItsCodeReadsItWithItsOwn() {
    Case x = newCase("K-3C3C", ROOM);
    CaseCode none = new CaseCode("K-4D4D");
    Set<TurnRead.Extra> named =
        Set.of(TurnRead.Extra.caseNamed(x.code()), TurnRead.Extra.caseNamed(none));
    ChannelRef fresh = new ChannelRef(Platform.PLAYGROUND, "local", "fresh");
    trips.reset();

    TurnRead elsewhere = node.read(fresh, ANNA, cases, people, named);

    assertThat(trips.count()).as("the binding with the cases named").isEqualTo(1);
    assertThat(elsewhere.caseHere()).isEmpty();
    assertThat(elsewhere.casesNamed())
        .isEqualTo(Map.of(x.code(), Optional.of(x), none, Optional.empty()));
    assertThat(read(ROOM).casesNamed()).as("none named").isEmpty();
    trips.reset();

    TurnRead here = node.read(ROOM, ANNA, cases, people, named);

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(1);
    assertThat(here.caseHere()).contains(x);
    assertThat(here.casesNamed())
        .isEqualTo(Map.of(x.code(), Optional.of(x), none, Optional.empty()));
  }

  @Test
  void aTurnThatStartsACaseInAFreeChannelClaimsItWithItsReadAndCommitsWithoutBindingIt() {
    CaseCode code = new CaseCode("K-5E5E");
    ChannelRef fresh = new ChannelRef(Platform.PLAYGROUND, "local", "fresh-start");
    trips.client().ping();
    trips.reset();

    TurnRead read = node.read(fresh, ANNA, cases, people, Set.of(TurnRead.Extra.bindHere(code)));

    assertThat(trips.count()).as("the binding, claimed, with the speaker's language").isEqualTo(1);
    assertThat(read.caseHere()).isEmpty();
    assertThat(redis.client().get(redis.keys().channelCase(fresh))).isEqualTo(code.value());
    trips.reset();

    Case started =
        node.commit(
            new CaseCommit(
                null,
                Samples.activeCase(
                    code, fresh, List.of(ANNA, BERT), CollaborationLevel.COORDINATION, NOW),
                List.of(),
                Plan.KEEP,
                List.of()));

    RoundTrips.Trip first = trips.mine().get(0);
    assertThat(runs(first, RedisCaseStore.COMMIT.sha()))
        .as("the commit first, with no bind before it: %s", trips.mine())
        .isTrue();
    assertThat(cases.findByChannel(fresh)).contains(started);
    assertThat(redis.client().pttl(redis.keys().channelCase(fresh))).as("for good").isEqualTo(-1);
  }

  /** Whether a round trip runs the script with this digest. */
  static boolean runs(RoundTrips.Trip trip, String sha) {
    for (int i = 0; i < trip.names().size(); i++) {
      if (trip.names().get(i).equals("EVALSHA") && trip.argument(i, 1).equals(sha)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aNodeThatSawTheChannelsCaseReadsTheAnswersLeftForItsRepresentativesWithIt() {
    ChannelRef room = new ChannelRef(Platform.PLAYGROUND, "local", "family-room");
    CaseCode code = new CaseCode("K-6E6E");
    // Its fourth partner is represented.
    cases.create(Samples.fullCase(code, room));
    RedisFamilyLinks links =
        new RedisFamilyLinks(redis.client(), redis.keys(), Clock.fixed(NOW, ZoneOffset.UTC));
    links.keepAnswers(code, 4, "what the mother said", NOW.plusSeconds(3600));
    assertThat(read(room).familyAnswers()).as("a node new to the channel").isEmpty();

    trips.reset();
    TurnRead again = read(room);

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(1);
    assertThat(again.familyAnswers()).isEqualTo(Map.of(4, Optional.of("what the mother said")));

    links.keepAnswers(code, 4, "too late", NOW);
    assertThat(read(room).familyAnswers()).isEqualTo(Map.of(4, Optional.empty()));
  }

  @Test
  void aCaseAnotherNodeMovedClosedOrErasedIsNotTakenForTheChannels() {
    Case x = newCase("K-3B3B", ROOM);
    assertThat(read(ROOM).caseHere()).contains(x);

    // Moved away by another node: the channel has no case.
    cases.move(x.moveTo(ANNA, ELSEWHERE, NOW), ROOM);
    assertThat(read(ROOM).caseHere()).isEmpty();
    assertThat(read(ROOM).caseHere()).isEqualTo(cases.findByChannel(ROOM));

    // A new case there is found, then closed: the node reads what any node reads.
    Case y = newCase("K-4C4C", ROOM);
    assertThat(read(ROOM).caseHere()).contains(y);
    cases.update(y.closeForInactivity(NOW));
    assertThat(read(ROOM).caseHere().orElseThrow().revision())
        .isEqualTo(cases.find(y.code()).orElseThrow().revision());

    // Erased by another node: gone for this one too.
    Case z = newCase("K-5D5D", new ChannelRef(Platform.PLAYGROUND, "local", "third"));
    assertThat(node.read(z.channel(), ANNA, cases, people).caseHere()).contains(z);
    new RedisErasure(redis.client(), redis.keys()).erase(z.code());
    assertThat(node.read(z.channel(), ANNA, cases, people).caseHere()).isEmpty();
  }
}
