package kring.testing;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Okio;

/**
 * Sends HTTP requests at a fixed rate for a benchmark, whatever became of the earlier ones (an open
 * loop), and tells each answer's status and latency, counted from the moment its request was due: a
 * slow answer, or a wait for a free sender, is in the latency, never hidden.
 *
 * <p>Each request goes out on one of a fixed set of sender threads, started before the first, which
 * writes it, reads its answer from the socket itself and takes the time. Not with the JDK client's
 * asynchronous sending: that runs what follows each answer on a thread of the common pool, which on
 * a machine with two processors is a new thread for every answer, so each latency would also count
 * a thread's start, waiting for a processor that the application under test keeps busy.
 */
public final class OpenLoop implements AutoCloseable {

  /** One request: where it goes, its headers and its body, of type {@code contentType}. */
  public record Request(URI target, String contentType, Map<String, String> headers, byte[] body) {}

  /** What became of one request. */
  @FunctionalInterface
  public interface Answered {
    /**
     * @param status the answer's HTTP status, or {@code -1} when none came (a failed connection)
     * @param micros microseconds from the moment the request was due to the end of its answer
     */
    void accept(int status, long micros);
  }

  private final ThreadPoolExecutor senders;
  private final OkHttpClient http;

  /** An open loop with {@code senders} threads to send with, each with a connection it keeps. */
  public OpenLoop(int senders) {
    AtomicInteger count = new AtomicInteger();
    this.senders =
        new ThreadPoolExecutor(
            senders,
            senders,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread thread = new Thread(r, "open-loop-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.senders.prestartAllCoreThreads();
    this.http =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(senders, 5, TimeUnit.MINUTES))
            .retryOnConnectionFailure(false)
            .readTimeout(Duration.ofSeconds(30))
            .build();
  }

  /**
   * Sends {@code total} requests, {@code rate} a second, the {@code n}th built by {@code request}
   * when it is due, and returns once every answer is in.
   */
  public void run(int rate, long total, LongFunction<Request> request, Answered answered) {
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    CountDownLatch answers = new CountDownLatch(Math.toIntExact(total));
    long start = System.nanoTime();
    for (long n = 0; n < total; n++) {
      long due = start + n * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long number = n;
      senders.execute(
          () -> {
            int status = -1;
            try (Response response = http.newCall(call(request.apply(number))).execute()) {
              response.body().source().readAll(Okio.blackhole());
              status = response.code();
            } catch (IOException e) {
              // No answer, or not all of it: told as none.
              status = -1;
            }
            answered.accept(status, (System.nanoTime() - due) / 1000);
            answers.countDown();
          });
    }
    try {
      answers.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static okhttp3.Request call(Request request) {
    okhttp3.Request.Builder call =
        new okhttp3.Request.Builder()
            .url(request.target().toString())
            .post(RequestBody.create(request.body(), MediaType.get(request.contentType())));
    request.headers().forEach(call::header);
    return call.build();
  }

  @Override
  public void close() {
    senders.shutdownNow();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
