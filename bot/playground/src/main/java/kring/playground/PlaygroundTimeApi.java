package kring.playground;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The playground-only control that moves the core's clock forward and runs the poller. */
@RestController
@RequestMapping(path = "/playground/api/clock", produces = MediaType.APPLICATION_JSON_VALUE)
class PlaygroundTimeApi {

  /** At most four months in one go: a school term. */
  static final long MAX_MINUTES = 60L * 24 * 122;

  private final TimeMachine time;
  private final JsonBodies bodies = new JsonBodies();

  PlaygroundTimeApi(TimeMachine time) {
    this.time = time;
  }

  @GetMapping
  ResponseEntity<byte[]> now() {
    return JsonBodies.answer(HttpStatus.OK, new Now(time.now()));
  }

  @PostMapping(path = "/advance", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> advance(InputStream body) {
    Advance request = bodies.read(body, Advance.class);
    if (request.minutes() < 1 || request.minutes() > MAX_MINUTES) {
      throw RequestRejected.badRequest("Move the clock by 1 minute up to four months at a time.");
    }
    return JsonBodies.answer(
        HttpStatus.OK, new Now(time.advance(Duration.ofMinutes(request.minutes()))));
  }

  record Advance(long minutes) {}

  record Now(Instant now) {}
}
