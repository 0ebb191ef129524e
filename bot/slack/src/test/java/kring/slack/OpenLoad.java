package kring.slack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Signed slash commands and {@code app_mention} events, half and half, sent at a fixed rate. Open
 * loop: each request's latency counts from the moment it was due, so a stall is not hidden.
 */
final class OpenLoad {

  /** What one stretch of load got back; latencies in microseconds. */
  record Result(Histogram acknowledged, Histogram refused, int failed) {}

  private final int rate;
  private final SlackSignatures signatures;
  private final HttpClient http =
      HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
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
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long count = length.toSeconds() * rate;
    List<CompletableFuture<?>> pending = new ArrayList<>();
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      pending.add(
          http.sendAsync(request(target, (int) i), HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, error) -> {
                    long micros = Math.max(0, (System.nanoTime() - due) / 1000);
                    if (error == null && response.statusCode() == 200) {
                      acks.recordValue(micros);
                    } else if (error == null && response.statusCode() == 503) {
                      refused.recordValue(micros);
                    } else {
                      failed.incrementAndGet();
                    }
                  }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
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

  private HttpRequest request(URI target, int i) {
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
}
