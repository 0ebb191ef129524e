package kring.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import kring.core.outbox.Delivery;
import kring.core.outbox.Retraction;
import org.junit.jupiter.api.Test;

/** What each answer of the Bot Connector means for the outbox. */
class TeamsMessengerTest {

  @Test
  void acceptedIsDelivered() {
    assertThat(TeamsMessenger.classify(201, Optional.empty()))
        .isInstanceOf(Delivery.Delivered.class);
  }

  @Test
  void aRateLimitIsWaitedOutForAsLongAsTeamsAsks() {
    assertThat(TeamsMessenger.classify(429, Optional.of("3")))
        .isEqualTo(Delivery.NotYet.rateLimited(Duration.ofSeconds(3), "HTTP 429"));
    assertThat(TeamsMessenger.classify(429, Optional.of("Wed, 21 Oct 2026 07:28:00 GMT")))
        .isEqualTo(Delivery.NotYet.rateLimited(null, "HTTP 429"));
  }

  @Test
  void passingFailuresAreTriedAgain() {
    for (int status : new int[] {412, 502, 503, 504, 401}) {
      assertThat(TeamsMessenger.classify(status, Optional.empty()))
          .as("HTTP %d", status)
          .isEqualTo(new Delivery.NotYet(null, "HTTP " + status, false));
    }
  }

  @Test
  void aChatThatIsGoneOrABotThatWasRemovedIsGivenUp() {
    assertThat(TeamsMessenger.classify(403, Optional.empty()))
        .isInstanceOf(Delivery.Undeliverable.class);
    assertThat(TeamsMessenger.classify(404, Optional.empty()))
        .isInstanceOf(Delivery.Undeliverable.class);
    assertThat(TeamsMessenger.classify(400, Optional.empty()))
        .isInstanceOf(Delivery.Undeliverable.class);
  }

  @Test
  void anInternalErrorMayHaveBeenPostedSoItsOutcomeIsUnknown() {
    assertThat(TeamsMessenger.classify(500, Optional.empty())).isInstanceOf(Delivery.Unknown.class);
  }

  @Test
  void aDeletedActivityOrOneThatIsGoneAlreadyIsDone() {
    for (int status : new int[] {200, 204, 404}) {
      assertThat(TeamsMessenger.retraction(status, Optional.empty()))
          .as("HTTP %d", status)
          .isEqualTo(new Retraction.Done());
    }
  }

  @Test
  void aDeletionTheConnectorCannotTakeNowIsTriedAgainAsLateAsItAsks() {
    assertThat(TeamsMessenger.retraction(429, Optional.of("5")))
        .isEqualTo(new Retraction.Later(Duration.ofSeconds(5), "HTTP 429"));
    for (int status : new int[] {401, 412, 500, 502, 503, 504}) {
      assertThat(TeamsMessenger.retraction(status, Optional.empty()))
          .as("HTTP %d", status)
          .isInstanceOf(Retraction.Later.class);
    }
  }

  @Test
  void aDeletionKringMayNotMakeIsGivenUp() {
    assertThat(TeamsMessenger.retraction(403, Optional.empty()))
        .isEqualTo(new Retraction.Impossible("HTTP 403"));
    assertThat(TeamsMessenger.retraction(400, Optional.empty()))
        .isInstanceOf(Retraction.Impossible.class);
  }
}
