package kring.teams;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import kring.core.identity.UserRef;
import kring.core.reply.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file Kring offers a person in their personal chat, with Teams' file consent card: when they
 * accept, Teams sends an upload address in their own OneDrive and Kring puts the file there; when
 * they decline, the file is forgotten. Either way the file parked for them goes as it is answered.
 */
final class TeamsFiles {

  private static final Logger LOG = LoggerFactory.getLogger(TeamsFiles.class);

  /** The attachment that asks a person whether Kring may put a file in their OneDrive. */
  static final String CONSENT_CARD = "application/vnd.microsoft.teams.card.file.consent";

  /** The invoke that brings the person's answer. */
  static final String INVOKE = "fileConsent/invoke";

  /** The key of the consent card's contexts that names the parked file. */
  static final String FILE = "kringFile";

  /** What became of an offered file. */
  enum Outcome {
    SAVED,
    DECLINED,
    GONE,
    FAILED
  }

  private final TeamsDirectory directory;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  TeamsFiles(TeamsDirectory directory) {
    this.directory = directory;
  }

  /**
   * The person's answer to a file offer.
   *
   * @param value the invoke's value: the action, the context Kring gave, and on accepting the
   *     upload address
   * @param serviceUrl the connector's address the invoke came from
   */
  Outcome answered(JsonNode value, UserRef person, String serviceUrl) {
    Optional<Document> file =
        directory
            .open(value.path("context").path(FILE).asText(""), person)
            .map(Waiting::reply)
            .flatMap(
                r ->
                    r.blocks().stream()
                        .filter(Document.class::isInstance)
                        .map(Document.class::cast)
                        .findFirst());
    if (!"accept".equals(value.path("action").asText())) {
      return Outcome.DECLINED;
    }
    if (file.isEmpty()) {
      return Outcome.GONE;
    }
    String address = value.path("uploadInfo").path("uploadUrl").asText("");
    if (!uploadable(address, serviceUrl)) {
      LOG.warn("Teams gave an upload address Kring does not send to");
      return Outcome.FAILED;
    }
    byte[] bytes = file.get().bytes();
    // One request for the whole file: an upload session takes up to 60 MiB at once.
    HttpRequest put =
        HttpRequest.newBuilder(URI.create(address))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Range", "bytes 0-" + (bytes.length - 1) + "/" + bytes.length)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    try {
      int status = http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) {
        return Outcome.SAVED;
      }
      LOG.info("OneDrive did not take the file: {}", status);
    } catch (IOException e) {
      LOG.info("Could not upload the file: {}", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Outcome.FAILED;
  }

  /**
   * Whether an upload address may get the file: over TLS, or on the host the connector's calls come
   * from (a local stand-in in tests).
   */
  private static boolean uploadable(String address, String serviceUrl) {
    if (address.isEmpty() || address.length() > 4000) {
      return false;
    }
    try {
      URI uri = new URI(address);
      if (uri.getHost() == null || uri.getUserInfo() != null) {
        return false;
      }
      if ("https".equals(uri.getScheme())) {
        return true;
      }
      URI service = new URI(serviceUrl == null ? "" : serviceUrl);
      return "http".equals(uri.getScheme())
          && Objects.equals(uri.getScheme(), service.getScheme())
          && Objects.equals(uri.getHost(), service.getHost())
          && uri.getPort() == service.getPort();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
