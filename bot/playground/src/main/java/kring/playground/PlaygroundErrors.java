package kring.playground;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The playground's one error boundary: a bad request gets a short, polite sentence and a 4xx; an
 * unexpected failure is logged and gets a generic sentence, never a stack trace.
 */
@RestControllerAdvice(basePackageClasses = PlaygroundErrors.class)
class PlaygroundErrors {

  private static final Logger LOG = LoggerFactory.getLogger(PlaygroundErrors.class);

  @ExceptionHandler(RequestRejected.class)
  ResponseEntity<byte[]> rejected(RequestRejected e) {
    return error(e.status(), e.getMessage());
  }

  /** The clock was held too long by another move; nothing is wrong, it is only busy. */
  @ExceptionHandler(ClockBusy.class)
  ResponseEntity<byte[]> clockBusy(ClockBusy e) {
    return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class
  })
  ResponseEntity<byte[]> badParameter(Exception e) {
    return error(
        HttpStatus.BAD_REQUEST, "That address is missing something. Please reload the page.");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<byte[]> unexpected(Exception e) {
    LOG.error("The playground could not handle a request", e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Sorry, something went wrong on Kring's side. Please try again in a moment.");
  }

  private static ResponseEntity<byte[]> error(HttpStatus status, String sentence) {
    return JsonBodies.answer(status, Map.of("error", sentence));
  }
}
