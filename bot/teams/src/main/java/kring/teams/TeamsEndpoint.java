package kring.teams;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/messages}, where the Bot Connector posts every Teams activity. The body is read as a
 * bounded string (Spring's JSON binding is Jackson 3; the SDK's types need Jackson 2).
 */
@RestController
class TeamsEndpoint {

  private final TeamsBot bot;

  TeamsEndpoint(TeamsBot bot) {
    this.bot = bot;
  }

  @PostMapping(path = "/api/messages")
  ResponseEntity<String> messages(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      InputStream body)
      throws IOException {
    int limit = bot.maxBodyBytes();
    byte[] bytes = body.readNBytes(limit + 1);
    if (bytes.length > limit) {
      return ResponseEntity.status(413).build();
    }
    TeamsBot.Answer answer = bot.handle(authorization, new String(bytes, StandardCharsets.UTF_8));
    if (answer.status() == 503) {
      // Too busy for now: the Bot Connector may send the activity again.
      return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "1").build();
    }
    if (answer.body() == null) {
      return ResponseEntity.status(answer.status()).build();
    }
    return ResponseEntity.status(answer.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(answer.body());
  }
}
