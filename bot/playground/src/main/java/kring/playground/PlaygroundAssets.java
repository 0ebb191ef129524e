package kring.playground;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Serves the playground's page and its script and style sheet. They live beside this package rather
 * than in the shared static folder, so the page is gone when the playground is off.
 */
@Controller
class PlaygroundAssets {

  /**
   * The page runs only its own script and style sheet and talks only to its own server, so even
   * text that slipped past escaping could not run or send anything elsewhere.
   */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript");

  private final Asset page = Asset.load("index.html", MediaType.TEXT_HTML);
  private final Map<String, Asset> assets =
      Map.of(
          "playground.js", Asset.load("playground.js", JAVASCRIPT),
          "playground.css", Asset.load("playground.css", MediaType.parseMediaType("text/css")));

  @GetMapping("/")
  ResponseEntity<byte[]> page() {
    return serve(page);
  }

  @GetMapping("/playground/assets/{name}")
  ResponseEntity<byte[]> asset(@PathVariable String name) {
    Asset asset = assets.get(name);
    if (asset == null) {
      throw RequestRejected.notFound("There is no such file.");
    }
    return serve(asset);
  }

  private static ResponseEntity<byte[]> serve(Asset asset) {
    return ResponseEntity.ok()
        .contentType(asset.type())
        .cacheControl(CacheControl.noCache())
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .body(asset.bytes());
  }

  private record Asset(byte[] bytes, MediaType type) {

    static Asset load(String name, MediaType type) {
      ClassPathResource resource = new ClassPathResource("kring/playground/" + name);
      try (InputStream in = resource.getInputStream()) {
        return new Asset(in.readAllBytes(), new MediaType(type, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("The playground is missing its file " + name, e);
      }
    }
  }
}
