package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.BERT;
import static kring.teams.Activities.CARL;
import static kring.teams.Activities.EVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;
import kring.testing.MovableClock;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Teams paces and rate-limits by conversation: the notices that something private waits, for people
 * without a personal chat with Kring, all land in the case channel and keep its pace, and a 429's
 * Retry-After holds back everything bound for that channel. The relay runs on a clock the test
 * moves, so each step shows what may go at one moment.
 */
class TeamsPacingTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final MovableClock CLOCK = new MovableClock(Instant.now(), ZoneId.of("Europe/Brussels"));
  static final ChannelRef CASE_CHANNEL =
      new ChannelRef(Platform.TEAMS, Activities.TENANT, Activities.CHANNEL);

  static TeamsHarness teams;

  @BeforeAll
  static void start() {
    teams = new TeamsHarness(redis, CLOCK);
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @BeforeEach
  void everyoneSpokeInTheChannelAndNothingWaits() {
    // None of them has Kring installed personally.
    for (Activities.Member who : new Activities.Member[] {ANNA, BERT, CARL, EVE}) {
      teams.post(teams.activities.mention(who, "help"));
    }
    teams.drain(() -> CLOCK.advance(TeamsMessenger.PACE));
    CLOCK.advance(Duration.ofMinutes(1));
    teams.connector.clear();
  }

  private static void privately(Activities.Member to) {
    teams.outbox.enqueue(
        new OutboundMessage(
            UUID.randomUUID().toString(),
            Recipient.privately(
                CASE_CHANNEL, new UserRef(Platform.TEAMS, Activities.TENANT, to.aadObjectId())),
            Reply.builder().text("Only for you").build(),
            MessageKind.ANSWER,
            null,
            CLOCK.instant()));
  }

  /**
   * What Kring sent to the connector: posts, and updates in place of the notice each person got
   * today (both count towards the channel's pace).
   */
  private static int posted() {
    return teams.connector.posted().size() + teams.connector.updated().size();
  }

  @Test
  void noticesForDifferentPeopleKeepTheChannelsPace() {
    privately(BERT);
    privately(CARL);
    privately(EVE);

    teams.relay.deliverDue();
    assertThat(posted()).isEqualTo(1);
    assertThat(teams.connector.posted())
        .allMatch(p -> p.conversationId().equals(Activities.CHANNEL));
    assertThat(teams.connector.updated())
        .allMatch(u -> u.conversationId().equals(Activities.CHANNEL));

    CLOCK.advance(TeamsMessenger.PACE.minusMillis(1));
    teams.relay.deliverDue();
    assertThat(posted()).isEqualTo(1);

    CLOCK.advance(Duration.ofMillis(1));
    teams.relay.deliverDue();
    assertThat(posted()).isEqualTo(2);

    CLOCK.advance(TeamsMessenger.PACE);
    teams.relay.deliverDue();
    assertThat(posted()).isEqualTo(3);
  }

  @Test
  void aRetryAfterHoldsBackEverythingBoundForThatChannel() {
    teams.connector.refuseNext(1, 429, 2);
    privately(BERT);
    privately(CARL);

    teams.relay.deliverDue();
    assertThat(posted()).isZero();

    teams.post(teams.activities.mention(ANNA, "help"));
    CLOCK.advance(Duration.ofMillis(1999));
    teams.relay.deliverDue();
    assertThat(posted()).as("before the Retry-After is over").isZero();

    CLOCK.advance(Duration.ofMillis(1));
    teams.drain(() -> CLOCK.advance(TeamsMessenger.PACE));
    assertThat(posted())
        .as(
            teams.connector.posted()
                + " parked "
                + teams.parked
                + " "
                + teams.outbox.deadLetters(5))
        .isGreaterThanOrEqualTo(3);
  }
}
