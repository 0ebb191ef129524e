package kring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Liveness and readiness as an operator sees them, against real Redis servers. */
class HealthTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private ConfigurableApplicationContext app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  int start(String... properties) {
    app =
        new SpringApplicationBuilder(KringApplication.class)
            .properties("spring.quartz.auto-startup=false")
            .run(SettingsTest.onAFreePort(properties));
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  /** The port health and metrics are served on, apart from the application's. */
  int managementPort() {
    return Integer.parseInt(app.getEnvironment().getProperty("local.management.port"));
  }

  /** An address of this machine that is not loopback, or null when it has none. */
  static InetAddress anAddressOtherThanLoopback() throws Exception {
    for (NetworkInterface card : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (card.isUp() && !card.isLoopback()) {
        for (InetAddress address : Collections.list(card.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return address;
          }
        }
      }
    }
    return null;
  }

  HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRedisThatDoesNotPersistMakesKringNotReadyAndSaysWhatToChange() throws Exception {
    // The machine's Redis runs without an append-only file on purpose.
    int port =
        start("kring.redis.url=" + TestRedis.machineUrl(), "kring.redis.key-prefix=t-health:");

    assertThat(get(managementPort(), "/actuator/health/liveness").statusCode()).isEqualTo(200);
    HttpResponse<String> readiness = get(managementPort(), "/actuator/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(503);
    assertThat(readiness.body()).contains("appendonly yes");
    assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
    assertThat(get(port, "/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void healthDetailsAndMetricsAreServedOnlyOnTheManagementPort() throws Exception {
    int port =
        start("kring.redis.url=" + TestRedis.machineUrl(), "kring.redis.key-prefix=t-health:");

    assertThat(managementPort()).isNotEqualTo(port);
    assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
    assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(404);
    InetAddress outside = anAddressOtherThanLoopback();
    assumeTrue(outside != null, "this machine has no address besides loopback");
    assertThatThrownBy(() -> new Socket(outside, managementPort()).close())
        .as("the management port answers on loopback only")
        .isInstanceOf(ConnectException.class);
    HttpResponse<String> metrics = get(managementPort(), "/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("kring_outbox_waiting");
  }

  @Test
  void theEmbeddedRedisPersistsSoKringIsReadyAndServesThePlayground(@TempDir Path data)
      throws Exception {
    int port = start("kring.redis.data-dir=" + data);

    assertThat(get(managementPort(), "/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> page = get(port, "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Kring");
  }

  @Test
  void withThePlaygroundSwitchedOffThereIsNoPage() throws Exception {
    int port =
        start(
            "kring.redis.url=" + TestRedis.machineUrl(),
            "kring.redis.key-prefix=t-health:",
            "kring.playground.enabled=false");

    assertThat(get(port, "/").statusCode()).isEqualTo(404);
    assertThat(get(port, "/playground/api/rooms").statusCode()).isEqualTo(404);
  }
}
