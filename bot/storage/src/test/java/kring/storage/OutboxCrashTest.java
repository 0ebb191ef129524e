package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import kring.testing.ChildJvm;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kills a Kring with SIGKILL at the two moments that matter to an outbox and checks what the
 * platform receives once it runs again: each message's delivery policy must hold.
 */
class OutboxCrashTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final Duration LEASE = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(20);

  private FakePlatform platform;

  @BeforeEach
  void startPlatform() throws IOException {
    platform = new FakePlatform();
  }

  @AfterEach
  void stopPlatform() {
    platform.stop();
  }

  @Test
  void killedBetweenWritingAndSendingEachMessageArrivesOnceAfterTheRestart() throws Exception {
    try (ChildJvm kring = harness("write-then-wait")) {
      kring.awaitLine("WRITTEN", WAIT);
      kring.kill();
    }
    assertThat(platform.received()).isEmpty();

    relayAfterRestart();

    assertThat(platform.received())
        .containsExactlyInAnyOrderEntriesOf(Map.of("answer-1", 1, "reminder-1", 1));
  }

  @Test
  void killedBetweenSendingAndHearingBackOnlyTheAtLeastOnceMessageIsSentAgain() throws Exception {
    platform.hangOnFirstPost();
    try (ChildJvm kring = harness("write-then-relay")) {
      kring.awaitLine("WRITTEN", WAIT);
      platform.awaitPosts(2, WAIT, kring);
      kring.kill();
    }
    assertThat(platform.received())
        .containsExactlyInAnyOrderEntriesOf(Map.of("answer-2", 1, "reminder-2", 1));

    relayAfterRestart();

    assertThat(platform.received())
        .containsExactlyInAnyOrderEntriesOf(Map.of("answer-2", 2, "reminder-2", 1));
  }

  private void relayAfterRestart() throws Exception {
    try (ChildJvm restarted = harness("relay")) {
      assertThat(restarted.awaitExit(WAIT)).isZero();
      assertThat(restarted.output()).contains("DRAINED").doesNotContain("NOT DRAINED");
    }
    assertThat(new RedisOutbox(redis.client(), redis.keys()).pending()).isZero();
    assertThat(redis.storedKeys()).noneMatch(key -> key.contains(":outbox:msg:"));
  }

  private ChildJvm harness(String mode) {
    return ChildJvm.start(
        OutboxCrashHarness.class,
        mode,
        redis.url(),
        redis.keys().prefix(),
        platform.url(),
        String.valueOf(LEASE.toMillis()));
  }

  /** A chat platform that records each post by message id and may leave the first unanswered. */
  private static final class FakePlatform {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Map<String, Integer> received = new TreeMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean hangOnFirstPost;

    FakePlatform() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/post", this::handle);
      server.setExecutor(handlers);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/post";
    }

    void hangOnFirstPost() {
      hangOnFirstPost = true;
    }

    synchronized Map<String, Integer> received() {
      return new TreeMap<>(received);
    }

    synchronized void awaitPosts(int count, Duration timeout, ChildJvm sender)
        throws InterruptedException {
      Instant limit = Instant.now().plus(timeout);
      while (received.values().stream().mapToInt(Integer::intValue).sum() < count) {
        long left = Duration.between(Instant.now(), limit).toMillis();
        if (left <= 0) {
          throw new AssertionError(
              "Only " + received + " arrived; the sender said:\n" + sender.output());
        }
        wait(left);
      }
    }

    void stop() {
      released.countDown();
      server.stop(0);
      handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
      exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("X-Message-Id");
      int times;
      synchronized (this) {
        times = received.merge(id, 1, Integer::sum);
        notifyAll();
      }
      if (hangOnFirstPost && times == 1) {
        try {
          // The platform took the message but the answer never comes: the sender cannot know.
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.close();
        return;
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    }
  }
}
