package kring.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.model.event.AppMentionEvent;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import kring.testing.TestRedis;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ack latency of {@code /slack/events} under a fixed request rate, Kring beside a bare Bolt app
 * that only acknowledges (same Bolt, same servlet container, same fake Slack). Open loop: each
 * request's latency counts from the moment it was due, so a stall is not hidden. A benchmark, not a
 * test: run it with the command in the README's Performance section.
 */
@EnabledIfSystemProperty(named = "kring.benchmark", matches = "true")
class SlackAckBenchmark {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final int RATE = Integer.getInteger("kring.benchmark.rate", 200);
  static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("kring.benchmark.warmup", 10));
  static final Duration MEASURE = Duration.ofSeconds(Long.getLong("kring.benchmark.seconds", 20));

  private final HttpClient http =
      HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
  private final AtomicInteger events = new AtomicInteger();

  @Test
  void ackLatencyKringBesideBareBolt() throws Exception {
    try (SlackHarness kring = new SlackHarness(redis);
        Bare bare = new Bare(kring.slack)) {
      run(kring.events(), kring.signatures, WARM_UP);
      run(bare.events(), kring.signatures, WARM_UP);
      Histogram kringAcks = new Histogram(3);
      Histogram bareAcks = new Histogram(3);
      // Alternate, so that a slow moment of the machine does not fall on one side only.
      bareAcks.add(run(bare.events(), kring.signatures, MEASURE.dividedBy(2)));
      kringAcks.add(run(kring.events(), kring.signatures, MEASURE.dividedBy(2)));
      kringAcks.add(run(kring.events(), kring.signatures, MEASURE.dividedBy(2)));
      bareAcks.add(run(bare.events(), kring.signatures, MEASURE.dividedBy(2)));
      System.out.printf(
          Locale.ROOT,
          "%nAck latency at %d requests/s, %d s measured per side (ms)%n"
              + "%-10s %8s %8s %8s %8s %8s %8s%n",
          RATE,
          MEASURE.toSeconds(),
          "",
          "count",
          "p50",
          "p90",
          "p99",
          "p99.9",
          "max");
      print("bare Bolt", bareAcks);
      print("Kring", kringAcks);
      System.out.printf(
          Locale.ROOT,
          "p99 Kring / bare Bolt: %.2f%n%n",
          (double) kringAcks.getValueAtPercentile(99) / bareAcks.getValueAtPercentile(99));
    }
  }

  private static void print(String name, Histogram h) {
    System.out.printf(
        Locale.ROOT,
        "%-10s %8d %8.2f %8.2f %8.2f %8.2f %8.2f%n",
        name,
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0,
        h.getMaxValue() / 1000.0);
  }

  /** Sends signed commands and mentions at the fixed rate; latencies in microseconds. */
  private Histogram run(URI target, SlackSignatures signatures, Duration length) throws Exception {
    ConcurrentHistogram acks = new ConcurrentHistogram(3);
    AtomicInteger failures = new AtomicInteger();
    long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
    long count = length.toSeconds() * RATE;
    List<CompletableFuture<?>> pending = new ArrayList<>();
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      HttpRequest request = request(target, signatures, (int) i);
      pending.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, error) -> {
                    acks.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                    if (error != null || response.statusCode() != 200) {
                      failures.incrementAndGet();
                    }
                  }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    if (failures.get() > 0) {
      throw new AssertionError(failures.get() + " requests were not acknowledged with 200");
    }
    return acks;
  }

  private HttpRequest request(URI target, SlackSignatures signatures, int i) {
    String user = "UBENCH" + (i % 50);
    String channel = "CBENCH" + (i % 20);
    boolean command = i % 2 == 0;
    String body =
        command
            ? SlackPayloads.command(FakeSlack.TEAM, channel, user, "bench", "hulp")
            : SlackPayloads.mention(
                FakeSlack.TEAM, "EvBENCH" + events.incrementAndGet(), channel, user, "hulp");
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(target)
        .header("Content-Type", command ? SlackPayloads.FORM : SlackPayloads.JSON_TYPE)
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", signatures.sign(ts, bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
  }

  /** A Bolt app that only acknowledges, in its own servlet container. */
  private static final class Bare implements AutoCloseable {
    private final Tomcat tomcat = new Tomcat();
    private final int port;

    Bare(FakeSlack slack) throws Exception {
      com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
      config.setMethodsEndpointUrlPrefix(slack.methodsUrl());
      App app =
          new App(
              AppConfig.builder()
                  .singleTeamBotToken(SlackHarness.TOKEN)
                  .signingSecret(SlackHarness.SECRET)
                  .slack(com.slack.api.Slack.getInstance(config))
                  .build());
      app.command(SlackListeners.COMMAND, (req, ctx) -> ctx.ack());
      app.event(AppMentionEvent.class, (payload, ctx) -> ctx.ack());
      File base = Files.createTempDirectory("bare-bolt-tomcat").toFile();
      tomcat.setBaseDir(base.getAbsolutePath());
      tomcat.setPort(0);
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      Context context = tomcat.addContext("", base.getAbsolutePath());
      Tomcat.addServlet(context, "bolt", new SlackAppServlet(app));
      context.addServletMappingDecoded("/slack/events", "bolt");
      tomcat.start();
      port = tomcat.getConnector().getLocalPort();
    }

    URI events() {
      return URI.create("http://127.0.0.1:" + port + "/slack/events");
    }

    @Override
    public void close() throws Exception {
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
