package kring.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import kring.core.store.ShortDigest;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's rate limits as Slack defines them, per Web API method and workspace. Kring keeps under
 * each method's tier ({@link #TIERS}): a workspace's calls of a method in the last minute are
 * counted, and one more than its tier allows does not go out. After a 429 the method rests for the
 * Retry-After Slack gave, for every caller of the one Slack client (Kring's messenger, its
 * listeners and the SDK's own calls alike). A call held back either way does not reach Slack; it is
 * answered at once with a 429 carrying the time left and {@link #HELD}, so that a caller that can
 * wait (the outbox) comes back later without counting a failed attempt, and one that cannot (a
 * modal in its trigger's few seconds) says so at once. The counts are this node's own.
 */
public final class SlackRateLimits implements Interceptor {

  private static final Logger LOG = LoggerFactory.getLogger(SlackRateLimits.class);
  private static final Pattern METHOD = Pattern.compile("[a-zA-Z]+(\\.[a-zA-Z]+)+");

  /** Longer than any Retry-After Slack documents; a larger one is not believed. */
  static final Duration LONGEST_REST = Duration.ofHours(1);

  /** The header on a 429 Kring made itself: the call did not reach Slack. */
  public static final String HELD = "X-Kring-Held";

  /** Slack's tiers, in requests a minute (Tier 1: 1, Tier 2: 20, Tier 3: 50, Tier 4: 100). */
  static final int TIER_1 = 1;

  static final int TIER_2 = 20;
  static final int TIER_3 = 50;
  static final int TIER_4 = 100;

  /**
   * The tier of each Web API method Kring or the SDK calls for it, per workspace, from Slack's
   * method reference. Not here: {@code chat.postMessage}, whose special limit is one message a
   * second per channel (the outbox paces each channel so), and {@code apps.connections.open}, which
   * Socket Mode's client calls on its own schedule; a 429 rests them as any other.
   */
  static final Map<String, Integer> TIERS =
      Map.ofEntries(
          Map.entry("chat.postEphemeral", TIER_4),
          Map.entry("chat.update", TIER_3),
          Map.entry("chat.delete", TIER_3),
          Map.entry("conversations.open", TIER_3),
          Map.entry("conversations.info", TIER_3),
          Map.entry("conversations.members", TIER_4),
          Map.entry("users.info", TIER_4),
          Map.entry("views.open", TIER_4),
          Map.entry("views.update", TIER_4),
          Map.entry("views.publish", TIER_4),
          Map.entry("files.getUploadURLExternal", TIER_4),
          Map.entry("files.completeUploadExternal", TIER_4),
          Map.entry("files.delete", TIER_3),
          // Special: Slack allows hundreds a minute; Bolt asks it for a token it does not know yet.
          Map.entry("auth.test", 600),
          Map.entry("auth.revoke", TIER_3),
          Map.entry("oauth.v2.access", TIER_4));

  /** Not limited by a tier here; see {@link #TIERS}. */
  static final Set<String> UNTIERED = Set.of("chat.postMessage", "apps.connections.open");

  /** A method Slack's reference names no tier for gets the most common one. */
  static final int DEFAULT_TIER = TIER_2;

  static final Duration MINUTE = Duration.ofMinutes(1);

  /** How many counted (method, workspace) pairs are kept before idle ones are dropped. */
  static final int MAX_WINDOWS = 10_000;

  private final Clock clock;
  private final LongSupplier nanos;
  private final Map<String, Instant> resting = new ConcurrentHashMap<>();
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * @param clock when a method's rest after a 429 ends
   */
  public SlackRateLimits(Clock clock) {
    this(clock, System::nanoTime);
  }

  /**
   * @param nanos a monotonic time in nanoseconds, by which a minute's calls are counted
   */
  SlackRateLimits(Clock clock, LongSupplier nanos) {
    this.clock = clock;
    this.nanos = nanos;
  }

  /** How many calls a minute of a method one workspace may make. */
  static int perMinute(String method) {
    return TIERS.getOrDefault(method, DEFAULT_TIER);
  }

  /**
   * A Slack client whose every Web API call goes through these limits. The client's own call
   * statistics are switched off: Kring counts its calls here, and keeping both cost a share of the
   * processor on every post.
   */
  public static Slack slack(SlackConfig config, SlackRateLimits limits) {
    config.setStatsEnabled(false);
    return Slack.getInstance(
        config,
        new SlackHttpClient(
            SlackHttpClient.buildOkHttpClient(config).newBuilder().addInterceptor(limits).build()));
  }

  /** How long the method still rests, if it does. */
  public Optional<Duration> resting(String method) {
    Instant until = resting.get(method);
    Instant now = clock.instant();
    return until == null || !now.isBefore(until)
        ? Optional.empty()
        : Optional.of(Duration.between(now, until));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String path = request.url().encodedPath();
    int api = path.lastIndexOf("/api/");
    String method = api < 0 ? "" : path.substring(api + "/api/".length());
    if (!METHOD.matcher(method).matches()) {
      return chain.proceed(request);
    }
    Optional<Duration> left = resting(method);
    if (left.isPresent()) {
      return refused(request, seconds(left.get()), "rest");
    }
    if (!UNTIERED.contains(method)) {
      Optional<Duration> wait = take(method, workspace(request));
      if (wait.isPresent()) {
        LOG.debug("Held back a call of {} to stay within its tier", method);
        return refused(request, seconds(wait.get()), "tier");
      }
    }
    Response response = chain.proceed(request);
    if (response.code() == 429) {
      Duration rest = Duration.ofSeconds(retryAfter(response.header("Retry-After")));
      resting.merge(method, clock.instant().plus(rest), (a, b) -> a.isAfter(b) ? a : b);
      LOG.info("Slack rate-limited {} for {} s; every call of it waits", method, rest.toSeconds());
    }
    return response;
  }

  /**
   * Who a call is for, as Slack counts it: the workspace of its token (told apart by a digest of
   * the token, which is never kept or logged), or the app itself for a call without one.
   */
  private static String workspace(Request request) {
    String authorization = request.header("Authorization");
    return authorization == null || authorization.isBlank() ? "app" : ShortDigest.of(authorization);
  }

  /**
   * Counts one call of the method, unless the workspace's minute is full: then how long to wait.
   */
  private Optional<Duration> take(String method, String workspace) {
    long now = nanos.getAsLong();
    if (windows.size() > MAX_WINDOWS) {
      windows.values().removeIf(w -> w.idle(now));
    }
    Window window =
        windows.computeIfAbsent(method + " " + workspace, k -> new Window(perMinute(method)));
    return window.take(now);
  }

  /** The times of the last calls of one method by one workspace, as many as its tier allows. */
  private static final class Window {
    private final long[] calls;
    private int next;
    private int count;

    Window(int size) {
      calls = new long[size];
    }

    synchronized Optional<Duration> take(long now) {
      if (count == calls.length) {
        long oldest = calls[next];
        long free = oldest + MINUTE.toNanos() - now;
        if (free > 0) {
          return Optional.of(Duration.ofNanos(free));
        }
      } else {
        count++;
      }
      calls[next] = now;
      next = (next + 1) % calls.length;
      return Optional.empty();
    }

    synchronized boolean idle(long now) {
      int newest = (next + calls.length - 1) % calls.length;
      return count == 0 || now - calls[newest] > MINUTE.toNanos();
    }
  }

  private static long retryAfter(String header) {
    if (header == null || !header.strip().matches("\\d{1,6}")) {
      return 1;
    }
    return Math.max(1, Math.min(Long.parseLong(header.strip()), LONGEST_REST.toSeconds()));
  }

  private static long seconds(Duration left) {
    return Math.max(1, (left.toMillis() + 999) / 1000);
  }

  private static Response refused(Request request, long seconds, String why) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(429)
        .message("Too Many Requests")
        .header("Retry-After", Long.toString(seconds))
        .header(HELD, why)
        .body(
            ResponseBody.create(
                "{\"ok\":false,\"error\":\"ratelimited\"}",
                MediaType.get("application/json; charset=utf-8")))
        .build();
  }
}
