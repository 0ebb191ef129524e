package kring.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kring.core.cases.Cases;
import kring.core.conversation.KringConversation;
import kring.core.conversation.ScheduledPrompts;
import kring.core.outbox.OutboxRelay;
import kring.storage.RedisErasure;
import kring.storage.RedisKeys;
import kring.storage.RedisOnce;
import kring.storage.RedisOutbox;
import kring.storage.RedisPlaces;
import kring.storage.RedisRetractions;
import kring.storage.RedisSlackWorkspaces;
import kring.testing.RedisKring;
import kring.testing.TestRedis;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import redis.clients.jedis.UnifiedJedis;

/**
 * Kring's Slack side over real HTTP: a servlet container serving {@code /slack/events}, the core on
 * Redis with its prompt sender wired as the application wires it, the outbox relay delivering to a
 * {@link FakeSlack}, and a client that signs its requests the way Slack does. The core, the prompt
 * sender and the relay share one clock, which a test may move; signatures use the real time.
 */
final class SlackHarness implements AutoCloseable {

  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String TOKEN = "xoxb-1111-2222-kringtesttoken";

  final FakeSlack slack;
  final RedisOutbox outbox;
  final Cases cases;
  final ScheduledPrompts prompts;
  final SlackSignatures signatures;
  final SlackMessenger messenger;
  final RedisRetractions retractions;
  final RedisErasure erasure;
  final SlackRateLimits rateLimits;
  private final Tomcat tomcat;
  private final CountingPool work;
  private final OutboxRelay relay;
  private final ScheduledExecutorService relayThread = Executors.newSingleThreadScheduledExecutor();
  private final HttpClient http = HttpClient.newHttpClient();
  private final java.util.concurrent.locks.ReentrantLock relayHeld =
      new java.util.concurrent.locks.ReentrantLock();
  private final java.util.concurrent.atomic.AtomicBoolean relayWoken =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final int port;
  private final App app;
  private final SlackWorkspaces workspaces;
  private final RedisOnce once;
  private final UnifiedJedis redis;
  private final RedisKeys keys;

  SlackHarness(TestRedis redis) throws IOException, LifecycleException {
    this(redis, Clock.system(ZoneId.of("Europe/Brussels")));
  }

  /** With a clock of the test's choosing; its zone is the school calendar's. */
  SlackHarness(TestRedis redis, Clock clock) throws IOException, LifecycleException {
    this(redis, clock, false);
  }

  /**
   * @param installed whether workspaces install Kring themselves (OAuth): Kring is then installed
   *     in {@link FakeSlack#TEAM} with {@link #TOKEN}, kept in Redis as an install keeps it, and
   *     Bolt checks that token per request as it does in that mode
   */
  SlackHarness(TestRedis redis, Clock clock, boolean installed)
      throws IOException, LifecycleException {
    this(redis.client(), redis.keys(), clock, installed);
  }

  /** The same on a Redis client of the test's choosing (one that counts its round trips). */
  SlackHarness(UnifiedJedis redis, RedisKeys keys, Clock clock, boolean installed)
      throws IOException, LifecycleException {
    this(redis, keys, clock, installed, new CountingPool(4, 100_000));
  }

  /**
   * The same with the work after the acknowledgement on {@code workers} threads, at most {@code
   * queued} of it waiting, as {@link SlackWork} bounds it.
   */
  SlackHarness(TestRedis redis, int workers, int queued) throws IOException, LifecycleException {
    this(
        redis.client(),
        redis.keys(),
        Clock.system(ZoneId.of("Europe/Brussels")),
        false,
        new CountingPool(workers, queued));
  }

  private SlackHarness(
      UnifiedJedis redis, RedisKeys keys, Clock clock, boolean installed, CountingPool work)
      throws IOException, LifecycleException {
    this.work = work;
    this.redis = redis;
    this.keys = keys;
    slack = FakeSlack.start();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.methodsUrl());
    // Slack's rests follow the test's clock. Its tiers count calls a minute; these tests send
    // hundreds of requests a minute into one workspace, so the tiers' minute passes a thousand
    // times
    // faster here (SlackRateLimitsTest holds Kring to the real tiers).
    rateLimits = new SlackRateLimits(clock, () -> System.nanoTime() * 1000);
    Slack client = SlackRateLimits.slack(config, rateLimits);
    // As in the application, a turn that wrote to the outbox wakes the relay at once.
    RedisKring wired = RedisKring.on(redis, keys, clock, 0, this::wakeRelay);
    cases = wired.cases();
    outbox = wired.outbox();
    RedisInstallations installations = null;
    if (installed) {
      installations =
          new RedisInstallations(
              new RedisSlackWorkspaces(redis, keys), new RedisRetractions(redis, keys));
      com.slack.api.bolt.model.builtin.DefaultBot bot =
          new com.slack.api.bolt.model.builtin.DefaultBot();
      bot.setTeamId(FakeSlack.TEAM);
      bot.setBotAccessToken(TOKEN);
      bot.setBotUserId(FakeSlack.BOT_USER);
      bot.setBotId("BKRING");
      bot.setInstalledAt(System.currentTimeMillis());
      installations.saveBot(bot);
      workspaces = installations;
    } else {
      workspaces = new SingleWorkspace(TOKEN, new RedisSlackWorkspaces(redis, keys));
    }
    messenger = new SlackMessenger(client, workspaces);
    retractions = new RedisRetractions(redis, keys);
    erasure = new RedisErasure(redis, keys);
    relay =
        new OutboxRelay(
                outbox,
                List.of(messenger),
                clock,
                new SplittableRandom(),
                letter -> {},
                (message, gone) -> {},
                retractions)
            .showingIn(new RedisPlaces(redis, keys));
    relayThread.scheduleWithFixedDelay(this::deliverDue, 50, 50, TimeUnit.MILLISECONDS);
    prompts = wired.prompts();
    KringConversation kring = wired.conversation();
    once = new RedisOnce(redis, keys);
    if (installations != null) {
      app =
          SlackInstalledTokens.app(
                  SlackListeners.settings(AppConfig.builder())
                      .signingSecret(SECRET)
                      .clientId("111.222")
                      .clientSecret("client-secret-for-tests-only")
                      .scope("chat:write,commands")
                      .slack(client)
                      .build(),
                  installations)
              .asOAuthApp(true);
    } else {
      app =
          new App(
              SlackListeners.settings(AppConfig.builder())
                  .singleTeamBotToken(TOKEN)
                  .signingSecret(SECRET)
                  .slack(client)
                  .build());
    }
    new SlackListeners(kring, once, workspaces, work).register(app);
    signatures = new SlackSignatures(SECRET, Clock.systemUTC());
    tomcat = serve(new SlackEndpoint(app, workspaces, signatures, once), "/slack/events");
    port = tomcat.getConnector().getLocalPort();
  }

  /** A servlet container on a free loopback port, serving {@code servlet} at {@code paths}. */
  static Tomcat serve(jakarta.servlet.Servlet servlet, String... paths)
      throws IOException, LifecycleException {
    Tomcat tomcat = new Tomcat();
    File base = Files.createTempDirectory("kring-slack-tomcat").toFile();
    tomcat.setBaseDir(base.getAbsolutePath());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", base.getAbsolutePath());
    Tomcat.addServlet(context, "slack", servlet);
    for (String path : paths) {
      context.addServletMappingDecoded(path, "slack");
    }
    tomcat.start();
    return tomcat;
  }

  /**
   * What SlackConfiguration puts in place when Slack is on, before the SDK starts: the log guard,
   * keeping the signing secret, the bot token and these other secrets out of the log.
   */
  static org.junit.jupiter.api.extension.BeforeAllCallback logGuard(String... more) {
    List<String> secrets = new java.util.ArrayList<>(List.of(SECRET, TOKEN));
    secrets.addAll(List.of(more));
    return context -> kring.logging.LogGuard.install(secrets);
  }

  /** Kring in Socket Mode on the same app and listeners, to be started by the test. */
  SlackSocket socket(String appToken) {
    return new SlackSocket(appToken, app, workspaces, once);
  }

  URI events() {
    return URI.create("http://127.0.0.1:" + port + "/slack/events");
  }

  /**
   * Stops the relay's own runs until {@link #releaseRelay}, waiting for a run under way to end, so
   * that a test can let messages pile up in the outbox. Called and released on one thread.
   */
  void holdRelay() {
    relayHeld.lock();
  }

  /** Lets the relay run again. */
  void releaseRelay() {
    relayHeld.unlock();
  }

  /** Posts a body signed now, as Slack would. */
  HttpResponse<String> send(String body, String contentType) {
    return send(body, contentType, now(), Map.of());
  }

  /** Submits a modal Kring opened, with every input at its initial value except the answers. */
  HttpResponse<String> submit(
      String team,
      String user,
      String name,
      tools.jackson.databind.JsonNode view,
      Map<String, String> answers) {
    HttpResponse<String> response =
        send(SlackPayloads.viewSubmission(team, user, name, view, answers), SlackPayloads.FORM);
    org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  /** The view of the modal opened after {@code before} modals were, waiting for it a while. */
  tools.jackson.databind.JsonNode opened(int before, java.time.Duration within) {
    java.time.Instant end = java.time.Instant.now().plus(within);
    while (java.time.Instant.now().isBefore(end)) {
      List<FakeSlack.Call> opens = slack.calls("views.open");
      if (opens.size() > before) {
        return SlackPayloads.JSON.readTree(opens.get(before).param("view"));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("No modal opened: " + slack.calls());
  }

  HttpResponse<String> send(
      String body, String contentType, long timestamp, Map<String, String> extraHeaders) {
    String ts = Long.toString(timestamp);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return sendRaw(bytes, contentType, ts, signatures.sign(ts, bytes), extraHeaders);
  }

  HttpResponse<String> sendRaw(
      byte[] body,
      String contentType,
      String timestamp,
      String signature,
      Map<String, String> extraHeaders) {
    return post(http, events(), body, contentType, timestamp, signature, extraHeaders);
  }

  /**
   * Sends {@code body} to a Slack endpoint at {@code events} (one of a test's own), signed now with
   * the tests' signing secret, as Slack sends it.
   */
  static HttpResponse<String> signed(HttpClient http, URI events, String body, String contentType) {
    String ts = Long.toString(now());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return post(
        http,
        events,
        bytes,
        contentType,
        ts,
        new SlackSignatures(SECRET, Clock.systemUTC()).sign(ts, bytes),
        Map.of());
  }

  private static HttpResponse<String> post(
      HttpClient http,
      URI events,
      byte[] body,
      String contentType,
      String timestamp,
      String signature,
      Map<String, String> extraHeaders) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(events)
            .header("Content-Type", contentType)
            .header("X-Slack-Request-Timestamp", timestamp)
            .header("X-Slack-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    extraHeaders.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until every listener has finished the work it took on after its acknowledgement and the
   * outbox has delivered everything, running {@code tick} between two looks (a test on a clock of
   * its own moves it there, so that the platform's pace does not keep messages waiting).
   */
  void awaitQuiet(Runnable tick) {
    java.time.Instant end = java.time.Instant.now().plusSeconds(60);
    while (!work.idle() || outbox.pending() > 0) {
      if (java.time.Instant.now().isAfter(end)) {
        throw new AssertionError(
            "Kring did not finish its work: "
                + outbox.pending()
                + " unsent, "
                + (work.idle() ? "the listeners idle" : "the listeners still working")
                + "; waiting: "
                + waiting());
      }
      tick.run();
      relay.deliverDue();
      if (!work.idle()) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * The first few messages still in the outbox, each with how long until it is due (negative: due
   * already), its attempts and its kind: what a test that waited in vain needs to see.
   */
  private String waiting() {
    long now = System.currentTimeMillis();
    StringBuilder out = new StringBuilder();
    for (redis.clients.jedis.resps.Tuple entry : redis.zrangeWithScores(keys.outboxDue(), 0, 4)) {
      List<String> fields =
          redis.hmget(keys.outboxMessage(entry.getElement()), "attempts", "kind", "platform");
      out.append(
          String.format(
              "%n  %s due in %d ms, attempts %s, %s on %s",
              entry.getElement(),
              (long) entry.getScore() - now,
              fields.get(0),
              fields.get(1),
              fields.get(2)));
    }
    return out.length() == 0 ? "none due (in flight only)" : out.toString();
  }

  /** Waits until every listener has finished the work it took on after its acknowledgement. */
  void awaitListeners() {
    java.time.Instant end = java.time.Instant.now().plusSeconds(60);
    while (!work.idle()) {
      if (java.time.Instant.now().isAfter(end)) {
        throw new AssertionError("The listeners did not finish their work");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Stops the relay and the listeners' pool after what they are doing now, so that everything they
   * did, logged included, is done when this returns. Call {@link #awaitQuiet} first.
   */
  void stopBackground() throws InterruptedException {
    relayThread.shutdown();
    work.shutdown();
    if (!relayThread.awaitTermination(30, TimeUnit.SECONDS)
        || !work.awaitTermination(30, TimeUnit.SECONDS)) {
      throw new AssertionError("The relay or the listeners did not stop");
    }
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /**
   * Runs the relay once more on its thread, soon: wake-ups coalesce, as the application's do (many
   * at once cause one run, one during a run one more).
   */
  private void wakeRelay() {
    if (relayWoken.compareAndSet(false, true)) {
      try {
        relayThread.execute(
            () -> {
              relayWoken.set(false);
              deliverDue();
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Stopping: the relay runs no more.
        relayWoken.set(false);
      }
    }
  }

  /** One run of the relay, unless a test holds it. */
  private void deliverDue() {
    if (relayHeld.tryLock()) {
      try {
        relay.deliverDue();
      } finally {
        relayHeld.unlock();
      }
    }
  }

  /** The listeners' pool, which knows whether all the work handed to it is done. */
  /**
   * Kring's pool for the work after the acknowledgement, counting what it was handed and finished;
   * a test may hold every thread before it starts its next piece of work, or slow each piece down.
   */
  private static final class CountingPool extends SlackWork {

    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger largestQueue =
        new java.util.concurrent.atomic.AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch held =
        new java.util.concurrent.CountDownLatch(0);
    private volatile long slowNanos;

    CountingPool(int threads, int queued) {
      super(threads, queued);
    }

    @Override
    public void execute(Runnable command) {
      handed.incrementAndGet();
      try {
        super.execute(command);
      } catch (RuntimeException e) {
        handed.decrementAndGet();
        throw e;
      }
      largestQueue.accumulateAndGet(getQueue().size(), Math::max);
    }

    @Override
    protected void beforeExecute(Thread t, Runnable r) {
      try {
        held.await();
        if (slowNanos > 0) {
          TimeUnit.NANOSECONDS.sleep(slowNanos);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
      done.incrementAndGet();
    }

    boolean idle() {
      return done.get() == handed.get();
    }
  }

  /** Holds the work after the acknowledgement until {@link #releaseWork}. */
  void holdWork() {
    work.held = new java.util.concurrent.CountDownLatch(1);
  }

  void releaseWork() {
    work.held.countDown();
  }

  /** Makes every piece of work after the acknowledgement take {@code slow} longer. */
  void slowWork(java.time.Duration slow) {
    work.slowNanos = slow.toNanos();
  }

  /** The work waiting for a thread now, and the most that ever waited. */
  int queuedWork() {
    return work.getQueue().size();
  }

  int largestQueuedWork() {
    return work.largestQueue.get();
  }

  /** Whether a thread of the pool is running its work (or held before it). */
  int activeWork() {
    return work.getActiveCount();
  }

  @Override
  public void close() throws Exception {
    relayThread.shutdownNow();
    work.shutdownNow();
    tomcat.stop();
    tomcat.destroy();
    slack.close();
  }
}
