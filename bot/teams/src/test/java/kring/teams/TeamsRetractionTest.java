package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.BERT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.core.outbox.Retractor;
import kring.core.reply.Reply;
import kring.testing.MovableClock;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A case erased on Teams takes Kring's own messages with it, in the channel and in a personal chat:
 * through the real relay, erasure and deletion worker, against the fake Bot Connector over HTTP.
 */
class TeamsRetractionTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ChannelRef CASE_CHANNEL =
      new ChannelRef(Platform.TEAMS, Activities.TENANT, Activities.CHANNEL);

  static TeamsHarness teams;

  final MovableClock clock = new MovableClock(Instant.now(), ZoneId.of("Europe/Brussels"));

  @BeforeAll
  static void start() {
    teams = new TeamsHarness(redis, TeamsHarness.unauthenticated(), ConnectorTokens.none());
  }

  @BeforeEach
  void freshConnector() {
    teams.connector.clear();
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @Test
  void anErasedCaseHasKringDeleteExactlyItsOwnActivitiesAndRetriesWhatTheConnectorRefused() {
    // Kring introduced itself before there was a case: that message belongs to no case.
    Set<String> beforeTheCase = installedForAnna();
    CaseCode code = startedByAnna();
    // Privately: to Anna in her personal chat; to Bert, who has none, as a mention in the channel.
    teams.outbox.enqueue(reminder("to-anna", code, ANNA));
    teams.outbox.enqueue(reminder("to-bert", code, BERT));
    teams.drain();
    Set<String> ofTheCase = new HashSet<>(teams.connector.standing());
    ofTheCase.removeAll(beforeTheCase);
    assertThat(ofTheCase)
        .anyMatch(a -> a.startsWith(Activities.CHANNEL + "/"))
        .anyMatch(a -> a.startsWith(Activities.personalChat(ANNA) + "/"));

    teams.erasure.erase(code);
    String byHand = ofTheCase.iterator().next();
    int slash = byHand.lastIndexOf('/');
    teams.connector.deleteByHand(byHand.substring(0, slash), byHand.substring(slash + 1));
    teams.connector.refuseNextDeletes(1, 503, 0);
    Retractor retractor = retractor();
    retractor.retractDue();
    assertThat(teams.retractions.waiting()).as("the refused one waits").isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    retractor.retractDue();

    assertThat(teams.connector.standing()).isEqualTo(beforeTheCase);
    // Plain HTTP, as a local connector (Agents Playground) speaks it: HTTP/1.1, no h2c upgrade.
    assertThat(teams.connector.upgradesAsked()).isEmpty();
    Set<String> asked = new HashSet<>();
    teams.connector.deleted().forEach(d -> asked.add(d.conversationId() + "/" + d.activityId()));
    assertThat(asked).isEqualTo(ofTheCase);
    assertThat(teams.connector.deleted())
        .extracting(FakeConnector.Deleted::status)
        .as("one refused and tried again; the one deleted by hand is not found, and done")
        .containsOnly(200, 404, 503)
        .hasSize(ofTheCase.size() + 1)
        .containsOnlyOnce(404, 503);
    assertThat(teams.retractions.waiting()).isZero();
  }

  @Test
  void theButtonThatOffersAFormInAPersonalChatIsDeletedWithItsCase() {
    // Kring introduced itself before there was a case: that message belongs to no case.
    Set<String> beforeTheCase = installedForAnna();
    CaseCode code = startedByAnna();
    Set<String> started = teams.connector.standing();

    teams.post(teams.activities.mention(ANNA, "goal"));
    teams.drain();
    Set<String> offers = new HashSet<>(teams.connector.standing());
    offers.removeAll(started);
    assertThat(offers)
        .as("the form waits behind a button in Anna's personal chat")
        .isNotEmpty()
        .allMatch(a -> a.startsWith(Activities.personalChat(ANNA) + "/"));

    teams.erasure.erase(code);
    retractor().retractDue();

    assertThat(teams.connector.standing()).isEqualTo(beforeTheCase);
  }

  /** Kring is installed for Anna and added to the channel; what stands now belongs to no case. */
  static Set<String> installedForAnna() {
    teams.post(teams.activities.installedForPerson(ANNA));
    teams.post(teams.activities.botAdded(ANNA));
    teams.drain();
    return teams.connector.standing();
  }

  static CaseCode startedByAnna() {
    teams.post(teams.activities.mention(ANNA, "start AB"));
    teams.drain();
    return teams.cases.findByChannel(CASE_CHANNEL).orElseThrow().code();
  }

  @Test
  void aDeletionTeamsAsksToRetryLaterIsRetriedAfterItsRetryAfterWithinTheSameRun() {
    try (TeamsHarness own =
        new TeamsHarness(redis, TeamsHarness.unauthenticated(), ConnectorTokens.none())) {
      own.post(own.activities.mention(ANNA, "start CD"));
      own.drain();
      CaseCode code = own.cases.findByChannel(CASE_CHANNEL).orElseThrow().code();
      own.outbox.enqueue(reminder("to-bert-2", code, BERT));
      own.drain();
      int posted = own.connector.standing().size();
      own.erasure.erase(code);
      own.connector.refuseNextDeletes(1, 429, 2);
      List<Duration> waited = new java.util.ArrayList<>();
      Retractor retractor =
          new Retractor(
              own.retractions,
              List.of(own.messenger),
              clock,
              new SplittableRandom(5),
              () -> {},
              wait -> {
                waited.add(wait);
                clock.advance(wait);
              });

      retractor.retractDue();

      assertThat(own.retractions.waiting()).isZero();
      assertThat(own.connector.standing()).hasSizeLessThan(posted);
      assertThat(own.connector.deleted()).extracting(FakeConnector.Deleted::status).contains(429);
      assertThat(waited).singleElement().isEqualTo(Duration.ofSeconds(2));
    }
  }

  static OutboundMessage reminder(String id, CaseCode code, Activities.Member to) {
    return new OutboundMessage(
        id,
        Recipient.privately(
            CASE_CHANNEL, new UserRef(Platform.TEAMS, Activities.TENANT, to.aadObjectId())),
        Reply.text("A reminder for case " + code.value()),
        MessageKind.REMINDER,
        code,
        Instant.now());
  }

  Retractor retractor() {
    return new Retractor(
        teams.retractions, List.of(teams.messenger), clock, new SplittableRandom(5), () -> {});
  }
}
