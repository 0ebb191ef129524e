package kring.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times how long Kring takes to answer a platform's request (Slack must have its answer within 3
 * seconds), by endpoint and by whether the answer was a success, a refusal or an error. Only the
 * endpoints a platform or a person's action calls are timed; the path is never a tag.
 */
final class AcknowledgementTimer extends OncePerRequestFilter {

  private static final Pattern PLAYGROUND_ACTION =
      Pattern.compile("/playground/api/rooms/[^/]+/(messages|presses|submissions)");

  private final MeterRegistry registry;

  AcknowledgementTimer(MeterRegistry registry) {
    this.registry = registry;
    for (String endpoint : new String[] {"slack", "teams", "playground"}) {
      for (String outcome : new String[] {"success", "refused", "error"}) {
        timer(endpoint, outcome);
      }
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String endpoint = endpoint(request);
    if (endpoint == null) {
      chain.doFilter(request, response);
      return;
    }
    long start = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      timer(endpoint, outcome(response.getStatus()))
          .record(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** Which platform's endpoint a request is for, or null when it is none Kring times. */
  static String endpoint(HttpServletRequest request) {
    if (!"POST".equals(request.getMethod())) {
      return null;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/slack/events")) {
      return "slack";
    }
    if (path.equals("/api/messages")) {
      return "teams";
    }
    if (PLAYGROUND_ACTION.matcher(path).matches()) {
      return "playground";
    }
    return null;
  }

  private static String outcome(int status) {
    if (status >= 500) {
      return "error";
    }
    return status >= 400 ? "refused" : "success";
  }

  private Timer timer(String endpoint, String outcome) {
    return Timer.builder("kring.acknowledgement")
        .description("How long Kring took to answer a platform's request or a person's action")
        .tag("endpoint", endpoint)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }
}
