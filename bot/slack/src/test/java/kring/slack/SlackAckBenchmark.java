package kring.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.event.AppMentionEvent;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import kring.testing.Interleaved;
import kring.testing.TestRedis;
import org.HdrHistogram.Histogram;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ack latency of {@code /slack/events} under a fixed request rate, Kring beside two bare Bolt apps
 * (same Bolt, same servlet container, same fake Slack): one that only acknowledges, and one that
 * acknowledges and then posts the very answer Kring posts, as the smallest Bolt app doing Kring's
 * visible job would. Each comparison is interleaved in one JVM over several rounds ({@link
 * Interleaved}): the median p99 ratio, its spread and the machine's load are printed. Open loop:
 * each request's latency counts from the moment it was due, so a stall is not hidden. A benchmark,
 * not a test: run it with the command in the README's Performance section.
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

  /**
   * The peers to compare with, in this order: {@code acknowledging} (a Bolt app that only
   * acknowledges), {@code answering} (one that then posts Kring's answer).
   */
  static final List<String> PEERS =
      List.of(System.getProperty("kring.benchmark.peers", "acknowledging,answering").split(","));

  @Test
  void ackLatencyKringBesideBareBolt() throws Exception {
    try (SlackHarness kring = new SlackHarness(redis, WORKERS, SlackWork.QUEUED);
        OpenLoad load = new OpenLoad(RATE, kring.signatures)) {
      Answers answers = Answers.of(kring);
      kring.slack.keepNothing();
      Interleaved.Side kringSide =
          length -> {
            Histogram acks = load.acknowledged(kring.events(), length);
            // What Kring still has to do after its acknowledgements (its work, and the outbox's
            // posts to Slack) does not fall on the peer's turn.
            kring.awaitQuiet(() -> {});
            return acks;
          };
      Map<String, Interleaved.Result> results = new LinkedHashMap<>();
      double loadAtStart = -1;
      for (String peer : PEERS) {
        try (Bare bare =
            new Bare(
                kring.slack,
                switch (peer) {
                  case "acknowledging" -> null;
                  case "answering" -> answers;
                  default -> throw new IllegalArgumentException("No such peer: " + peer);
                })) {
          Interleaved.Result result =
              Interleaved.run(
                  kringSide,
                  length -> {
                    Histogram acks = load.acknowledged(bare.events(), length);
                    bare.awaitQuiet();
                    return acks;
                  },
                  WARM_UP,
                  MEASURE,
                  ROUNDS);
          // The load before a later comparison is the one before it: the machine's is from before.
          loadAtStart = loadAtStart < 0 ? result.loadAtStart() : loadAtStart;
          results.put(peer, new Interleaved.Result(result.rounds(), loadAtStart, result.warmUp()));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%nAck latency of /slack/events at %d requests/s, %d s per side per round after warm-up"
              + " stretches of %d s, Kring's work on %d threads (ms)%n",
          RATE,
          MEASURE.toSeconds(),
          WARM_UP.toSeconds(),
          WORKERS);
      results.forEach(
          (peer, result) -> {
            if (peer.equals("acknowledging")) {
              System.out.printf(Locale.ROOT, "%nBeside a Bolt app that only acknowledges:%n");
              Interleaved.print(System.out, "Kring", "bare Bolt", result);
            } else {
              System.out.printf(
                  Locale.ROOT,
                  "%nBeside a Bolt app that acknowledges, then posts Kring's answer on %d"
                      + " threads:%n",
                  WORKERS);
              Interleaved.print(System.out, "Kring", "answering", result);
            }
          });
      System.out.printf(
          Locale.ROOT,
          "Kring's work after the acknowledgement: at most %d pieces waiting for a thread%n%n",
          kring.largestQueuedWork());
    }
  }

  /**
   * What Kring posts for the benchmark's command and mention (the help), taken from Kring itself
   * once, so that the answering peer sends Slack exactly as much.
   */
  private record Answers(FakeSlack.Call command, FakeSlack.Call mention) {

    static Answers of(SlackHarness kring) {
      kring.send(
          SlackPayloads.command(FakeSlack.TEAM, "CWARM", "UWARM", "warm", "hulp"),
          SlackPayloads.FORM);
      kring.send(
          SlackPayloads.mention(FakeSlack.TEAM, "EvWARM", "CWARM", "UWARM", "hulp"),
          SlackPayloads.JSON_TYPE);
      kring.awaitQuiet(() -> {});
      List<FakeSlack.Call> posts = kring.slack.posts(c -> c.param("channel").equals("CWARM"));
      if (posts.size() != 2) {
        throw new AssertionError("Expected one post for each of the two requests: " + posts);
      }
      return new Answers(posts.get(0), posts.get(1));
    }
  }

  /**
   * A Bolt app in its own servlet container that acknowledges, and with {@code answers} then posts
   * Kring's answer from a pool of {@link #WORKERS} threads, as Bolt's guide has an app answer after
   * its acknowledgement.
   */
  private static final class Bare implements AutoCloseable {
    private final Tomcat tomcat = new Tomcat();
    private final ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final int port;

    Bare(FakeSlack slack, Answers answers) throws Exception {
      com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
      config.setMethodsEndpointUrlPrefix(slack.methodsUrl());
      App app =
          new App(
              AppConfig.builder()
                  .singleTeamBotToken(SlackHarness.TOKEN)
                  .signingSecret(SlackHarness.SECRET)
                  .slack(com.slack.api.Slack.getInstance(config))
                  .build());
      if (answers == null) {
        app.command(SlackListeners.COMMAND, (req, ctx) -> ctx.ack());
        app.event(AppMentionEvent.class, (payload, ctx) -> ctx.ack());
      } else {
        app.command(
            SlackListeners.COMMAND,
            (req, ctx) -> {
              SlashCommandPayload p = req.getPayload();
              later(() -> post(ctx.client(), answers.command(), p.getChannelId(), p.getUserId()));
              return ctx.ack();
            });
        app.event(
            AppMentionEvent.class,
            (payload, ctx) -> {
              AppMentionEvent e = payload.getEvent();
              later(() -> post(ctx.client(), answers.mention(), e.getChannel(), e.getUser()));
              return ctx.ack();
            });
      }
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

    private void later(Callable<?> job) {
      handed.incrementAndGet();
      pool.execute(
          () -> {
            try {
              job.call();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            } finally {
              done.incrementAndGet();
            }
          });
    }

    /** Posts what Kring posted by the same method, to this request's channel and person. */
    private static Object post(
        MethodsClient client, FakeSlack.Call like, String channel, String user) throws Exception {
      String text = like.param("text");
      String blocks = like.param("blocks");
      return switch (like.method()) {
        case "chat.postEphemeral" ->
            client.chatPostEphemeral(
                r -> r.channel(channel).user(user).text(text).blocksAsString(blocks));
        case "chat.postMessage" ->
            client.chatPostMessage(r -> r.channel(channel).text(text).blocksAsString(blocks));
        default -> throw new IllegalStateException("Kring answered by " + like.method());
      };
    }

    /** Waits until every answer taken on was posted. */
    void awaitQuiet() throws InterruptedException {
      while (done.get() < handed.get()) {
        Thread.sleep(5);
      }
    }

    URI events() {
      return URI.create("http://127.0.0.1:" + port + "/slack/events");
    }

    @Override
    public void close() throws Exception {
      pool.shutdownNow();
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
