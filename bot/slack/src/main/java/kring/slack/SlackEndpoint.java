package kring.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kring.storage.RedisOnce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's HTTP endpoint, {@code /slack/events}: limits the body's size, checks the signature
 * strictly (Bolt's own check is off, see {@link SlackListeners#settings}) and hands the rest to the
 * {@link SlackGate}, which drops a replayed request.
 */
public final class SlackEndpoint extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SlackEndpoint.class);

  /** Slack's own payloads stay far below this; anything larger is not from Slack. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  private final transient SlackGate gate;
  private final transient SlackSignatures signatures;

  public SlackEndpoint(
      App app, SlackWorkspaces workspaces, SlackSignatures signatures, RedisOnce once) {
    this.gate = new SlackGate(app, workspaces, once);
    this.signatures = signatures;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (req.getContentLengthLong() > MAX_BODY_BYTES) {
      refuse(resp, 413, "too large");
      return;
    }
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      refuse(resp, 413, "too large");
      return;
    }
    String signature = req.getHeader("X-Slack-Signature");
    SlackSignatures.Verdict verdict =
        signatures.check(req.getHeader("X-Slack-Request-Timestamp"), signature, body);
    if (verdict != SlackSignatures.Verdict.VALID) {
      refuse(resp, 401, verdict.name().toLowerCase(java.util.Locale.ROOT));
      return;
    }
    Map<String, List<String>> headers = new HashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      headers.put(name, Collections.list(req.getHeaders(name)));
    }
    // The work a listener takes starts once Slack has its acknowledgement, not while it is sent.
    SlackWork.answering(
        () -> {
          write(
              resp,
              gate.handle(
                  new String(body, StandardCharsets.UTF_8),
                  new RequestHeaders(headers),
                  req.getRemoteAddr(),
                  signature));
          resp.flushBuffer();
        });
  }

  private static void refuse(HttpServletResponse resp, int status, String reason)
      throws IOException {
    LOG.info("Refused a Slack request: {} ({})", status, reason);
    resp.setStatus(status);
    resp.setContentType("text/plain;charset=UTF-8");
    resp.getWriter().write(reason);
  }

  private static void write(HttpServletResponse resp, Response answer) throws IOException {
    resp.setStatus(answer.getStatusCode());
    for (Map.Entry<String, List<String>> header : answer.getHeaders().entrySet()) {
      for (String value : header.getValue()) {
        resp.addHeader(header.getKey(), value);
      }
    }
    if (answer.getContentType() != null) {
      resp.setContentType(answer.getContentType());
    }
    // Of known length, so that sending it ends the answer for Slack before the servlet returns.
    byte[] bytes =
        answer.getBody() == null ? new byte[0] : answer.getBody().getBytes(StandardCharsets.UTF_8);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
