package kring.playground;

import org.springframework.http.HttpStatus;

/** A request the playground will not carry out, with the status and sentence to answer with. */
final class RequestRejected extends RuntimeException {

  private final HttpStatus status;

  private RequestRejected(HttpStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static RequestRejected badRequest(String message) {
    return new RequestRejected(HttpStatus.BAD_REQUEST, message);
  }

  static RequestRejected notFound(String message) {
    return new RequestRejected(HttpStatus.NOT_FOUND, message);
  }

  static RequestRejected tooLarge(String message) {
    return new RequestRejected(HttpStatus.CONTENT_TOO_LARGE, message);
  }

  HttpStatus status() {
    return status;
  }
}
