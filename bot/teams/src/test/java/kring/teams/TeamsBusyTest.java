package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.BERT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When Kring has no room for more work, the Bot Connector hears so over HTTP at once: a 503 with a
 * Retry-After and no body, and the same activity sent again later is handled.
 */
class TeamsBusyTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private final List<Runnable> held = new ArrayList<>();

  @Test
  void aFullBotAnswers503WithRetryAfterAndHandlesTheActivityWhenSentAgain() throws Exception {
    try (TeamsHarness teams =
        new TeamsHarness(redis, UnaryOperator.identity(), new AfterAcknowledgement(1, held::add))) {
      String first = teams.activities.mention(ANNA, "start").toString();
      String second = teams.activities.mention(BERT, "hulp").toString();

      assertThat(teams.postWithoutSettling(first, null).statusCode()).isEqualTo(200);
      HttpResponse<String> busy = teams.postWithoutSettling(second, null);

      assertThat(busy.statusCode()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).contains("1");
      assertThat(busy.body()).isEmpty();
      assertThat(held).hasSize(1);

      runHeld();
      long before = teams.outbox.pending();
      assertThat(teams.postWithoutSettling(second, null).statusCode()).isEqualTo(200);
      assertThat(held).as("the activity sent again is taken").hasSize(1);
      runHeld();
      assertThat(teams.outbox.pending()).isGreaterThan(before);
    }
  }

  private void runHeld() {
    List<Runnable> work = new ArrayList<>(held);
    held.clear();
    work.forEach(Runnable::run);
  }
}
