package kring.core.outbox;

import static kring.testing.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.testing.InMemoryRetractions;
import kring.testing.MovableClock;
import kring.testing.ScriptedDeleter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetractorTest {

  static final CaseCode CODE = new CaseCode("K-7F3Q");

  MovableClock clock;
  InMemoryRetractions queue;
  ScriptedDeleter slack;
  AtomicInteger emptied;
  Retractor retractor;
  final List<String> logged = new ArrayList<>();
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** What the retractor waited within its runs; the clock moves by as much. */
  List<Duration> waited;

  @BeforeEach
  void setUp() {
    clock = new MovableClock(T0, ZoneId.of("Europe/Brussels"));
    queue = new InMemoryRetractions();
    slack = new ScriptedDeleter(Platform.SLACK);
    emptied = new AtomicInteger();
    waited = new java.util.ArrayList<>();
    retractor =
        new Retractor(
            queue,
            List.of(slack),
            clock,
            new SplittableRandom(1),
            emptied::incrementAndGet,
            wait -> {
              waited.add(wait);
              clock.advance(wait);
            });
    Logger.getLogger(Retractor.class.getName()).addHandler(capture);
  }

  @AfterEach
  void tearDown() {
    Logger.getLogger(Retractor.class.getName()).removeHandler(capture);
  }

  void erased(String... ts) {
    List<Posted> posted = new ArrayList<>();
    for (String id : ts) {
      posted.add(Posted.message(Platform.SLACK, "T9", "C0CASE", id));
    }
    queue.posted(CODE, posted);
    queue.erase(CODE);
  }

  @Test
  void deletesWhatItsErasedCasePostedAndThenHasTheStoreRewritten() {
    erased("1.1", "1.2");

    assertThat(retractor.retractDue()).isEqualTo(2);

    assertThat(slack.ids()).containsExactly("1.1", "1.2");
    assertThat(queue.waiting()).isZero();
    assertThat(emptied).hasValue(1);
    assertThat(retractor.retractDue()).isZero();
    assertThat(emptied).as("nothing finished, no rewrite").hasValue(1);
  }

  @Test
  void nothingIsDeletedForACaseThatIsNotErased() {
    queue.posted(CODE, List.of(Posted.message(Platform.SLACK, "T9", "C0CASE", "1.1")));

    assertThat(retractor.retractDue()).isZero();

    assertThat(slack.ids()).isEmpty();
    assertThat(queue.postedFor(CODE)).hasSize(1);
  }

  @Test
  void aFailureIsTriedAgainAfterABackoffAndTheRewriteWaitsForIt() {
    erased("1.1");
    slack.script.add(new Retraction.Later(null, "internal_error"));

    retractor.retractDue();
    assertThat(queue.waiting()).isEqualTo(1);
    assertThat(emptied).hasValue(0);
    retractor.retractDue();
    assertThat(slack.ids()).as("not before its backoff").containsExactly("1.1");

    clock.advance(Duration.ofSeconds(11));
    retractor.retractDue();

    assertThat(slack.ids()).containsExactly("1.1", "1.1");
    assertThat(queue.waiting()).isZero();
    assertThat(emptied).hasValue(1);
  }

  @Test
  void aLongRateLimitHoldsBackThePlatformsOtherItemsAtNoCostToTheirAttemptsUntilALaterRun() {
    erased("1.1", "1.2", "1.3");
    slack.script.add(new Retraction.Later(Duration.ofSeconds(60), "ratelimited"));

    retractor.retractDue();
    assertThat(slack.ids()).containsExactly("1.1");
    clock.advance(Duration.ofSeconds(59));
    retractor.retractDue();
    assertThat(slack.ids()).containsExactly("1.1");

    clock.advance(Duration.ofSeconds(1));
    retractor.retractDue();

    assertThat(slack.ids()).containsExactly("1.1", "1.1", "1.2", "1.3");
    assertThat(queue.waiting()).isZero();
    assertThat(waited).isEmpty();
  }

  @Test
  void aShortRateLimitIsWaitedOutWithinTheRunNotLeftToTheNextPoll() {
    erased("1.1", "1.2", "1.3");
    slack.script.add(new Retraction.Later(Duration.ofSeconds(2), "ratelimited"));

    retractor.retractDue();

    assertThat(waited).containsExactly(Duration.ofSeconds(2));
    assertThat(slack.ids()).containsExactly("1.1", "1.1", "1.2", "1.3");
    assertThat(queue.waiting()).isZero();
  }

  @Test
  void anItemThatKeepsFailingIsGivenUpAfterItsAttemptsAndLoggedWithoutIds() {
    erased("1700000000.000001");
    for (int i = 0; i < Retractor.MAX_ATTEMPTS; i++) {
      slack.script.add(new Retraction.Later(null, "service_unavailable"));
    }

    for (int i = 0; i < Retractor.MAX_ATTEMPTS + 2; i++) {
      retractor.retractDue();
      clock.advance(Duration.ofHours(2));
    }

    assertThat(slack.ids()).hasSize(Retractor.MAX_ATTEMPTS);
    assertThat(queue.waiting()).isZero();
    assertThat(emptied).hasValue(1);
    assertThat(logged)
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("slack", "service_unavailable")
                    .doesNotContain("1700000000", "C0CASE", "T9", CODE.value()));
  }

  @Test
  void whatKringMayNotDeleteIsGivenUpAtOnce() {
    erased("1.1", "1.2");
    slack.script.add(new Retraction.Impossible("cant_delete_message"));

    retractor.retractDue();

    assertThat(slack.ids()).containsExactly("1.1", "1.2");
    assertThat(queue.waiting()).isZero();
    assertThat(logged).singleElement().satisfies(l -> assertThat(l).contains("cant_delete"));
  }

  @Test
  void whatWaitsForItsWorkspaceIsKeptUntilItIsBackAndGivenUpOnlyAfterEveryAttempt() {
    erased("1.1");
    queue.posted(CODE, List.of(Posted.message(Platform.SLACK, "T8", "C0OTHER", "2.1")));
    queue.erase(CODE);
    slack.script.add(new Retraction.Waiting("token_revoked"));

    retractor.retractDue();

    assertThat(slack.ids()).as("another workspace goes on").containsExactly("1.1", "2.1");
    assertThat(queue.waiting()).isEqualTo(1);
    clock.advance(Retractor.WAITING.minusMinutes(1));
    retractor.retractDue();
    assertThat(slack.ids()).as("not tried while it waits").hasSize(2);

    queue.resume(Platform.SLACK, "T9");
    retractor.retractDue();
    assertThat(slack.ids()).containsExactly("1.1", "2.1", "1.1");
    assertThat(queue.waiting()).isZero();

    erased("1.2");
    for (int attempt = 0; attempt < Retractor.MAX_ATTEMPTS; attempt++) {
      slack.script.add(new Retraction.Waiting("token_revoked"));
      retractor.retractDue();
      clock.advance(Retractor.WAITING);
    }
    assertThat(queue.waiting()).as("a workspace that never comes back").isZero();
    assertThat(logged).last().satisfies(l -> assertThat(l).contains("token_revoked"));
  }

  @Test
  void anItemOfAPlatformKringIsNotConnectedToWaitsForIt() {
    queue.posted(
        CODE, List.of(Posted.message(Platform.TEAMS, "https://smba.example", "19:x", "1")));
    queue.erase(CODE);

    retractor.retractDue();

    assertThat(slack.ids()).isEmpty();
    assertThat(queue.waiting()).isEqualTo(1);
  }

  @Test
  void backoffGrowsWithJitterAndStaysCapped() {
    for (int attempt = 1; attempt <= 30; attempt++) {
      Duration wait = retractor.backoff(attempt);
      assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
      assertThat(wait).isLessThanOrEqualTo(Duration.ofHours(1));
    }
  }
}
