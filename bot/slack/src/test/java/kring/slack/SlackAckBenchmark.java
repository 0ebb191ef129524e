package kring.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.model.event.AppMentionEvent;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import kring.testing.Interleaved;
import kring.testing.TestRedis;
import org.HdrHistogram.Histogram;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ack latency of {@code /slack/events} under a fixed request rate, Kring beside a bare Bolt app
 * that only acknowledges (same Bolt, same servlet container, same fake Slack), interleaved in one
 * JVM over several rounds ({@link Interleaved}): the median p99 ratio, its spread and the machine's
 * load are printed. Open loop: each request's latency counts from the moment it was due, so a stall
 * is not hidden. A benchmark, not a test: run it with the command in the README's Performance
 * section.
 */
@EnabledIfSystemProperty(named = "kring.benchmark", matches = "true")
class SlackAckBenchmark {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final int RATE = Integer.getInteger("kring.benchmark.rate", 200);
  static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("kring.benchmark.warmup", 10));
  static final Duration MEASURE = Duration.ofSeconds(Long.getLong("kring.benchmark.seconds", 20));
  static final int ROUNDS = Integer.getInteger("kring.benchmark.rounds", 3);

  /** Kring's threads for the work after the acknowledgement: as many as it runs with by default. */
  static final int WORKERS = Integer.getInteger("kring.benchmark.workers", 8);

  @Test
  void ackLatencyKringBesideBareBolt() throws Exception {
    try (SlackHarness kring = new SlackHarness(redis, WORKERS, SlackWork.QUEUED);
        Bare bare = new Bare(kring.slack);
        OpenLoad load = new OpenLoad(RATE, kring.signatures)) {
      kring.slack.keepNothing();
      Interleaved.Result result =
          Interleaved.run(
              length -> {
                Histogram acks = load.acknowledged(kring.events(), length);
                // What Kring still has to do after its acknowledgements (its work, and the
                // outbox's posts to Slack) does not fall on the bare app's turn.
                kring.awaitQuiet(() -> {});
                return acks;
              },
              length -> load.acknowledged(bare.events(), length),
              WARM_UP,
              MEASURE,
              ROUNDS);
      System.out.printf(
          Locale.ROOT,
          "%nAck latency of /slack/events at %d requests/s, %d s per side per round, Kring's work on"
              + " %d threads (ms)%n",
          RATE,
          MEASURE.toSeconds(),
          WORKERS);
      Interleaved.print(System.out, "Kring", "bare Bolt", result);
      System.out.printf(
          Locale.ROOT,
          "Kring's work after the acknowledgement: at most %d pieces waiting for a thread%n%n",
          kring.largestQueuedWork());
    }
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
