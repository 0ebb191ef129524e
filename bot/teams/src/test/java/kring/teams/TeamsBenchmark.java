package kring.teams;

import static kring.teams.Activities.ANNA;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not a timed test but a benchmark, run on request: {@code ./mvnw -pl bot/teams -am test
 * -Dtest=TeamsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dkring.benchmark=true}. It sends
 * activities at a fixed rate to Kring's {@code /api/messages} and, interleaved, to a bare echo bot
 * on the same SDK and server, and prints the latency percentiles of both.
 */
@EnabledIfSystemProperty(named = "kring.benchmark", matches = "true")
class TeamsBenchmark {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final int RATE = Integer.getInteger("kring.benchmark.rate", 100);
  static final int SECONDS = Integer.getInteger("kring.benchmark.seconds", 20);
  static final int WARM_UP_SECONDS = 5;

  @Test
  void kringNextToABareEchoBot() throws Exception {
    try (TeamsHarness teams =
        new TeamsHarness(
            redis,
            c -> TeamsHarness.unauthenticated(),
            ConnectorTokens.none(),
            EchoEndpoint.class)) {
      teams.post(teams.activities.mention(ANNA, "start"));
      String base = teams.endpoint().replace("/api/messages", "");
      HttpClient http = HttpClient.newHttpClient();
      run(teams, http, base, WARM_UP_SECONDS, null, null);
      ConcurrentLinkedQueue<Long> kring = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> echo = new ConcurrentLinkedQueue<>();
      run(teams, http, base, SECONDS, kring, echo);
      System.out.printf(
          "%nTeams benchmark: %d activities/s to each endpoint for %d s (after %d s warm-up)%n",
          RATE, SECONDS, WARM_UP_SECONDS);
      System.out.println(line("kring /api/messages", kring));
      System.out.println(line("echo bot (same SDK)", echo));
      System.out.printf(
          "p99 ratio kring/echo: %.2f%n", percentile(kring, 99) / percentile(echo, 99));
    }
  }

  private static void run(
      TeamsHarness teams,
      HttpClient http,
      String base,
      int seconds,
      ConcurrentLinkedQueue<Long> kring,
      ConcurrentLinkedQueue<Long> echo)
      throws Exception {
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    long periodNanos = 1_000_000_000L / RATE;
    int total = RATE * seconds;
    AtomicInteger sent = new AtomicInteger();
    clock.scheduleAtFixedRate(
        () -> {
          if (sent.incrementAndGet() > total) {
            return;
          }
          pending.add(
              timed(
                  http,
                  base + "/api/messages",
                  teams.activities.mention(ANNA, "stand").toString(),
                  kring,
                  failures));
          pending.add(
              timed(
                  http,
                  base + "/api/echo",
                  teams.activities.personal(ANNA, "hello").toString(),
                  echo,
                  failures));
        },
        0,
        periodNanos,
        TimeUnit.NANOSECONDS);
    while (sent.get() < total) {
      Thread.sleep(100);
    }
    clock.shutdown();
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    if (failures.get() > 0) {
      throw new AssertionError(failures.get() + " requests failed");
    }
  }

  private static CompletableFuture<?> timed(
      HttpClient http,
      String url,
      String body,
      ConcurrentLinkedQueue<Long> into,
      AtomicInteger failures) {
    long start = System.nanoTime();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenAccept(
            response -> {
              if (response.statusCode() != 200) {
                failures.incrementAndGet();
              } else if (into != null) {
                into.add(System.nanoTime() - start);
              }
            });
  }

  private static String line(String name, ConcurrentLinkedQueue<Long> latencies) {
    return String.format(
        "%-22s n=%5d  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms",
        name,
        latencies.size(),
        percentile(latencies, 50),
        percentile(latencies, 90),
        percentile(latencies, 99),
        percentile(latencies, 100));
  }

  private static double percentile(ConcurrentLinkedQueue<Long> latencies, double p) {
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1_000_000.0;
  }
}
