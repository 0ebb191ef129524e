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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's rate limits as Slack defines them, per Web API method: after a 429 the method rests for
 * the Retry-After Slack gave, for every caller of the one Slack client (Kring's messenger, its
 * listeners and the SDK's own calls alike). A call during the rest does not reach Slack; it is
 * answered at once with a 429 carrying the time left, so that a caller that can wait (the outbox)
 * comes back later and one that cannot (a modal in its trigger's few seconds) says so at once.
 */
public final class SlackRateLimits implements Interceptor {

  private static final Logger LOG = LoggerFactory.getLogger(SlackRateLimits.class);
  private static final Pattern METHOD = Pattern.compile("[a-zA-Z]+(\\.[a-zA-Z]+)+");

  /** Longer than any Retry-After Slack documents; a larger one is not believed. */
  static final Duration LONGEST_REST = Duration.ofHours(1);

  private final Clock clock;
  private final Map<String, Instant> resting = new ConcurrentHashMap<>();

  public SlackRateLimits(Clock clock) {
    this.clock = clock;
  }

  /** A Slack client whose every Web API call goes through these limits. */
  public static Slack slack(SlackConfig config, SlackRateLimits limits) {
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
      return refused(request, seconds(left.get()));
    }
    Response response = chain.proceed(request);
    if (response.code() == 429) {
      Duration rest = Duration.ofSeconds(retryAfter(response.header("Retry-After")));
      resting.merge(method, clock.instant().plus(rest), (a, b) -> a.isAfter(b) ? a : b);
      LOG.info("Slack rate-limited {} for {} s; every call of it waits", method, rest.toSeconds());
    }
    return response;
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

  private static Response refused(Request request, long seconds) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(429)
        .message("Too Many Requests")
        .header("Retry-After", Long.toString(seconds))
        .body(
            ResponseBody.create(
                "{\"ok\":false,\"error\":\"ratelimited\"}",
                MediaType.get("application/json; charset=utf-8")))
        .build();
  }
}
