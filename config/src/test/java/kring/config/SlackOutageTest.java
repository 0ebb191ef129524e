package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import kring.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Kring starts while Slack's API cannot be reached: readiness says Slack is down and what it
 * answered, and turns ready once Slack answers, without a restart.
 */
class SlackOutageTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private ConfigurableApplicationContext app;
  private HttpServer slackApi;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (slackApi != null) {
      slackApi.stop(0);
    }
  }

  @Test
  void kringStartsWithSlackUnreachableSaysSoAndIsReadyOnceSlackAnswers(@TempDir Path data)
      throws Exception {
    int slackPort;
    try (ServerSocket reserved = new ServerSocket(0)) {
      slackPort = reserved.getLocalPort();
    }
    app =
        new SpringApplicationBuilder(KringApplication.class)
            .properties("spring.quartz.auto-startup=false")
            .run(
                SettingsTest.onAFreePort(
                    "kring.redis.data-dir=" + data,
                    // Beside Slack's token only when asked for: this test is about Slack.
                    "kring.redis.embedded-in-production=true",
                    "kring.slack.api-url=http://127.0.0.1:" + slackPort + "/api/",
                    "kring.slack.bot-token=" + SlackApplicationTest.TOKEN,
                    "kring.slack.signing-secret=" + SlackApplicationTest.SECRET));
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();

    assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
    Eventually.eventually(
        Duration.ofSeconds(10),
        () -> {
          HttpResponse<String> readiness = get(port, "/readyz");
          assertThat(readiness.statusCode()).isEqualTo(503);
          assertThat(readiness.body()).contains("slack").contains("not reachable");
        });

    slackApi = SlackApplicationTest.slackApi(slackPort);

    Eventually.eventually(
        Duration.ofSeconds(30), () -> assertThat(get(port, "/readyz").statusCode()).isEqualTo(200));
  }

  private HttpResponse<String> get(int port, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
