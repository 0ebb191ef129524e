package kring.slack;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kring.testing.OpenLoop;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Signed slash commands and {@code app_mention} events, half and half, sent at a fixed rate. Open
 * loop: each request's latency counts from the moment it was due, so a stall is not hidden.
 */
final class OpenLoad implements AutoCloseable {

  /** What one stretch of load got back; latencies in microseconds. */
  record Result(Histogram acknowledged, Histogram refused, int failed) {}

  /**
   * Threads to send with: at 200 requests a second, a stall of a third of a second still finds one
   * free (and a request that waits for one counts its wait).
   */
  private static final int SENDERS = 64;

  private final int rate;
  private final SlackSignatures signatures;
  private final OpenLoop loop = new OpenLoop(SENDERS);
  private final AtomicInteger events = new AtomicInteger();

  OpenLoad(int rate, SlackSignatures signatures) {
    this.rate = rate;
    this.signatures = signatures;
  }

  /**
   * Sends for {@code length}: the latencies of the requests answered with a 200, of those refused
   * with a 503, and how many got anything else.
   */
  Result run(URI target, Duration length) {
    ConcurrentHistogram acks = new ConcurrentHistogram(3);
    ConcurrentHistogram refused = new ConcurrentHistogram(3);
    AtomicInteger failed = new AtomicInteger();
    loop.run(
        rate,
        length.toSeconds() * rate,
        i -> request(target, (int) i),
        (status, micros) -> {
          switch (status) {
            case 200 -> acks.recordValue(micros);
            case 503 -> refused.recordValue(micros);
            default -> failed.incrementAndGet();
          }
        });
    return new Result(acks, refused, failed.get());
  }

  /** The same, where every request must be acknowledged with a 200. */
  Histogram acknowledged(URI target, Duration length) {
    Result result = run(target, length);
    int notAcknowledged = (int) result.refused().getTotalCount() + result.failed();
    if (notAcknowledged > 0) {
      throw new AssertionError(notAcknowledged + " requests were not acknowledged with 200");
    }
    return result.acknowledged();
  }

  private OpenLoop.Request request(URI target, int i) {
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
    return new OpenLoop.Request(
        target,
        command ? SlackPayloads.FORM : SlackPayloads.JSON_TYPE,
        Map.of("X-Slack-Request-Timestamp", ts, "X-Slack-Signature", signatures.sign(ts, bytes)),
        bytes);
  }

  @Override
  public void close() {
    loop.close();
  }
}
