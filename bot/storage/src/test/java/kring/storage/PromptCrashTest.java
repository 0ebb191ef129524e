package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.conversation.ScheduledPrompts;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.outbox.Recipient;
import kring.json.KringJson;
import kring.testing.ChildJvm;
import kring.testing.MovableClock;
import kring.testing.RedisKring;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Claimed prompts do not die with their node: two nodes send the prompts of 30 cases through a
 * simulated school term, from a check-in that opens in all of them at once, one node killed with
 * SIGKILL 20 times in the middle of its polls (often the moment it holds claims). Afterwards every
 * partner got their invitation to that first check-in, no prompt was written twice, every check-in
 * of the term closed and its totals went to its channel exactly once, nobody got more than one
 * prompt message a day, and nothing stays claimed.
 */
class PromptCrashTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final int CASES = 30;
  static final int KILLS = 20;
  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final Instant START = LocalDateTime.parse("2026-01-13T10:00").atZone(BRUSSELS).toInstant();
  static final Duration WAIT = Duration.ofSeconds(60);

  /** The simulated term: from START, through the spring holiday, to the end of March. */
  static final Duration TERM = Duration.ofDays(75);

  @Test
  void killedNodesLoseNoPromptAndNoneIsSentTwice() throws Exception {
    List<CaseCode> codes = thirtyCasesWithACheckInOpen();
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    ChildJvm steady = null;
    int killedHolding = 0;
    try {
      for (int kill = 1; kill <= KILLS; kill++) {
        // The first kills land while the first check-in's invitations go out, the rest spread
        // over the term.
        Instant at =
            kill <= 5
                ? START.plus(Duration.ofMinutes(10L * (kill - 1)))
                : START.plus(TERM.multipliedBy(kill - 5).dividedBy(KILLS - 4));
        try (ChildJvm node = node(at, START, 0, kill <= 5 ? 1 : 30)) {
          node.awaitLine("READY", WAIT);
          // In the middle of a poll: as soon as it holds claims, or at a random moment.
          if (random.nextBoolean()) {
            awaitClaims(Duration.ofSeconds(2));
          } else {
            TimeUnit.MILLISECONDS.sleep(random.nextInt(120));
          }
          node.kill();
          killedHolding += claimed() > 0 ? 1 : 0;
        }
        if (steady == null) {
          steady = node(START.plus(Duration.ofMinutes(5)), START.plus(TERM), 1, 30);
        }
      }
      steady.awaitLine("IDLE", Duration.ofMinutes(5));
    } finally {
      if (steady != null) {
        steady.close();
      }
    }

    String context = "seed " + seed + ", " + killedHolding + " kills while holding claims";
    System.out.println(context);
    RedisCases cases = new RedisCases(redis.client(), redis.keys());
    Map<String, Integer> checkInsClosed = new HashMap<>();
    for (CaseCode code : codes) {
      Case c = cases.find(code).orElseThrow();
      assertThat(c.activity().checkIns())
          .as("check-ins of %s, %s", code, context)
          .hasSizeGreaterThan(2);
      for (var round : c.activity().checkIns()) {
        if (round.closesAt().isBefore(START.plus(TERM))) {
          assertThat(round.open())
              .as("check-in %d of %s closed, %s", round.number(), code, context)
              .isFalse();
        }
        if (!round.open()) {
          // A node whose clock ran ahead may have closed one after the term too.
          checkInsClosed.merge(code.value(), 1, Integer::sum);
        }
      }
    }
    List<Written> written = outbox();
    Map<String, Integer> summaries = new HashMap<>();
    Map<String, Integer> perPersonAndDay = new HashMap<>();
    for (Written w : written) {
      if (w.kind.equals("ANNOUNCEMENT") && w.to.person() == null && w.checkInTotals()) {
        summaries.merge(w.code, 1, Integer::sum);
      }
      if (w.kind.equals("REMINDER")) {
        perPersonAndDay.merge(w.to.person().key() + " " + w.day, 1, Integer::sum);
      }
    }
    for (CaseCode code : codes) {
      assertThat(summaries.get(code.value()))
          .as("the totals of each check-in of %s posted once, %s", code, context)
          .isEqualTo(checkInsClosed.get(code.value()));
    }
    assertThat(perPersonAndDay.values()).as(context).allMatch(n -> n == 1).isNotEmpty();
    Map<String, Integer> sendings = new HashMap<>();
    for (String sending : redis.client().zrange(redis.keys().outboxPrompted(), 0, -1)) {
      sendings.merge(sending.substring(0, sending.lastIndexOf('@')), 1, Integer::sum);
    }
    // Sendings are remembered two days: enough for a claim taken over after a node died.
    assertThat(sendings.values()).as("no prompt written twice, %s", context).allMatch(n -> n == 1);
    for (CaseCode code : codes) {
      String invitation = "Check-in 1 for case " + code.value();
      for (UserRef partner : cases.find(code).orElseThrow().team().people()) {
        assertThat(written)
            .as("the invitation of %s to check-in 1 of %s, %s", partner.key(), code, context)
            .anyMatch(
                w ->
                    w.kind.equals("REMINDER")
                        && partner.equals(w.to.person())
                        && w.body.contains(invitation));
      }
    }
    assertThat(RedisScan.keys(redis.client(), redis.keys().prefix() + "{*}:claimed")).isEmpty();
  }

  /** How many prompts are claimed and not finished, over all cases. */
  private long claimed() {
    long n = 0;
    for (String key : RedisScan.keys(redis.client(), redis.keys().prefix() + "{*}:claimed")) {
      n += redis.client().zcard(key);
    }
    return n;
  }

  /** Waits until some node holds claims, or gives up quietly after {@code limit}. */
  private void awaitClaims(Duration limit) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (claimed() == 0 && System.nanoTime() < until) {
      TimeUnit.MILLISECONDS.sleep(1);
    }
  }

  private ChildJvm node(Instant start, Instant until, long pauseMs, long stepMinutes) {
    return ChildJvm.start(
        PromptCrashHarness.class,
        redis.url(),
        redis.keys().prefix(),
        start.toString(),
        until.toString(),
        String.valueOf(pauseMs),
        String.valueOf(stepMinutes));
  }

  /**
   * Thirty running cases, each with the CLB worker and two partners, a check-in opened at START.
   */
  private List<CaseCode> thirtyCasesWithACheckInOpen() {
    MovableClock clock = new MovableClock(START, BRUSSELS);
    RedisCases cases = new RedisCases(redis.client(), redis.keys());
    ScheduledPrompts planning = RedisKring.on(redis.client(), redis.keys(), clock).prompts();
    List<CaseCode> codes = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      CaseCode code = new CaseCode("K-Q" + CaseCode.ALPHABET.charAt(i) + "ZZ");
      ChannelRef channel = Samples.slackChannel("C" + i);
      Case c =
          Samples.activeCase(
              code,
              channel,
              List.of(
                  Samples.slackUser("U" + i + "C"),
                  Samples.slackUser("U" + i + "A"),
                  Samples.slackUser("U" + i + "B")),
              CollaborationLevel.COORDINATION,
              START.minus(Duration.ofDays(7)));
      c = c.openCheckIn(1, START, START.plus(Duration.ofDays(2)));
      cases.create(c);
      planning.replan(c);
      codes.add(code);
    }
    return codes;
  }

  /** Every message written to the outbox, after handing in what a killed node committed. */
  private List<Written> outbox() {
    new RedisOutbox(redis.client(), redis.keys()).recover(Instant.now().plus(Duration.ofDays(2)));
    List<String> ids = RedisScan.keys(redis.client(), redis.keys().outboxMessagePrefix() + "*");
    List<Response<List<String>>> read = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (String key : ids) {
        read.add(pipeline.hmget(key, "kind", "case", "to", "created", "body"));
      }
      pipeline.sync();
    }
    List<Written> written = new ArrayList<>();
    for (Response<List<String>> one : read) {
      List<String> f = one.get();
      written.add(
          new Written(
              f.get(0),
              f.get(1),
              KringJson.mapper().readValue(f.get(2), Recipient.class),
              Instant.parse(f.get(3)).atZone(BRUSSELS).toLocalDate(),
              f.get(4)));
    }
    return written;
  }

  /** One message written. */
  private record Written(String kind, String code, Recipient to, LocalDate day, String body) {

    /** Whether it is a check-in's totals ("… of … partners answered."). */
    boolean checkInTotals() {
      return body.contains("partners answered.");
    }
  }
}
