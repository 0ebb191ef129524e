package kring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kring.core.identity.Platform;
import kring.core.outbox.Messenger;
import kring.logging.LogGuard;
import kring.slack.SlackSocket;
import kring.storage.RedisKeys;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.UnifiedJedis;

/** The whole application with Slack configured: the endpoint is served, the playground is off. */
class SlackApplicationTest {

  static final String SECRET = "0123456789abcdef0123456789abcdef";
  static final String TOKEN = "xoxb-1-2-applicationtest";
  static final String INSTALLED_TOKEN = "xoxb-7-7-installedworkspace";

  private final HttpClient http = HttpClient.newHttpClient();
  private ConfigurableApplicationContext app;
  private static HttpServer slackApi;

  /** Slack's Web API as far as starting needs it: Bolt checks the bot token with auth.test. */
  @BeforeAll
  static void startSlackApi() throws Exception {
    slackApi = slackApi(0);
  }

  /** A stand-in for Slack's Web API on this port (0: any free one), started. */
  static HttpServer slackApi(int port) throws java.io.IOException {
    HttpServer slackApi = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    slackApi.createContext(
        "/api/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] ok =
              (exchange.getRequestURI().getPath().endsWith("oauth.v2.access")
                      ? "{\"ok\":true,\"app_id\":\"A1\",\"access_token\":\""
                          + INSTALLED_TOKEN
                          + "\",\"token_type\":\"bot\",\"scope\":\"chat:write,commands\","
                          + "\"bot_user_id\":\"UKRING\",\"team\":{\"id\":\"T7\","
                          + "\"name\":\"Sint-Jan\"},\"authed_user\":{\"id\":\"UINST\"}}"
                      : "{\"ok\":true,\"team_id\":\"T9\",\"user_id\":\"UKRING\","
                          + "\"bot_id\":\"B1\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    slackApi.start();
    return slackApi;
  }

  @AfterAll
  static void stopSlackApi() {
    slackApi.stop(0);
  }

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
            .run(
                SettingsTest.onAFreePort(
                    java.util.stream.Stream.concat(
                            java.util.stream.Stream.of(
                                "kring.redis.url=" + TestRedis.machineUrl(),
                                "kring.redis.key-prefix=t-slack-app:",
                                "kring.slack.api-url=http://127.0.0.1:"
                                    + slackApi.getAddress().getPort()
                                    + "/api/",
                                java.util.Arrays.stream(properties)
                                        .anyMatch(p -> p.startsWith("kring.slack.client-id"))
                                    ? "kring.slack.workers=2"
                                    : "kring.slack.bot-token=" + TOKEN),
                            java.util.Arrays.stream(properties))
                        .toArray(String[]::new)));
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  @Test
  void inHttpModeSlackIsServedAtSlackEventsAndThePlaygroundIsOff() throws Exception {
    int port = start("kring.slack.signing-secret=" + SECRET);

    String body = "{\"token\":\"t\",\"challenge\":\"c-123\",\"type\":\"url_verification\"}";
    HttpResponse<String> verified = post(port, body, SECRET);
    HttpResponse<String> forged = post(port, body, "not-the-secret-at-all-0000000000");

    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(verified.body()).contains("c-123");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(get(port, "/").statusCode()).isEqualTo(404);
    assertThat(app.getBeansOfType(Messenger.class).values())
        .extracting(Messenger::platform)
        .containsExactly(Platform.SLACK);
    assertThat(app.getBeanProvider(PollGate.class).getIfAvailable())
        .as("background polls run as they are, without the playground's lease")
        .isNull();
    assertThat(app.getBean(java.time.Clock.class))
        .isNotInstanceOf(kring.playground.PlaygroundClock.class);
  }

  @Test
  void theLogGuardKeepsSlackTrafficAndSecretsOutOfTheLog() {
    start("kring.slack.signing-secret=" + SECRET);
    LogGuard guard = app.getBean(LogGuard.class);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    assertThat(context.getTurboFilterList()).contains(guard);
    assertThat(
            guard.decide(
                null, context.getLogger("com.slack.api.bolt.App"), Level.DEBUG, "{}", null, null))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            guard.decide(
                null, context.getLogger("kring.x"), Level.WARN, "{}", new Object[] {SECRET}, null))
        .isEqualTo(FilterReply.DENY);
    assertThat(guard.decide(null, context.getLogger("kring.x"), Level.INFO, "ready", null, null))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void inSocketModeNoEndpointIsServedAndTheSocketIsWired() throws Exception {
    int port = start("kring.slack.mode=socket", "kring.slack.app-token=xapp-1-A1-socket");

    assertThat(app.getBeansOfType(SlackSocket.class)).hasSize(1);
    assertThat(post(port, "{}", SECRET).statusCode()).isEqualTo(404);
  }

  @Test
  void httpModeWithoutASigningSecretRefusesToStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> start())
        .hasRootCauseMessage(
            "Slack in HTTP mode needs its signing secret: set KRING_SLACK_SIGNING_SECRET");
  }

  @Test
  void aWorkspaceInstallsKringThroughOAuthAndItsBotIsKeptInRedis() throws Exception {
    int port =
        start(
            "kring.slack.client-id=111.222",
            "kring.slack.client-secret=client-secret-for-tests-only",
            "kring.slack.signing-secret=" + SECRET);
    UnifiedJedis redis = app.getBean(UnifiedJedis.class);
    RedisKeys keys = app.getBean(RedisKeys.class);
    try {
      HttpResponse<String> install = get(port, "/slack/install");
      assertThat(install.statusCode()).isEqualTo(200);
      String cookie = install.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      String state = cookie.substring(cookie.indexOf('=') + 1);
      assertThat(install.body()).contains("slack.com/oauth/v2/authorize").contains(state);

      HttpResponse<String> forged =
          get(port, "/slack/oauth_redirect?code=c0de&state=forged-state-0000000000", cookie);
      assertThat(redis.exists(keys.slackBot("T7"))).isFalse();

      HttpResponse<String> back =
          get(port, "/slack/oauth_redirect?code=c0de&state=" + state, cookie);
      assertThat(back.statusCode()).isEqualTo(200);
      assertThat(redis.get(keys.slackBot("T7"))).contains(INSTALLED_TOKEN);
      assertThat(redis.exists(keys.slackOAuthState(state))).isFalse();
      assertThat(forged.statusCode()).isEqualTo(400);
      HttpResponse<String> cancelled =
          get(port, "/slack/oauth_redirect?error=access_denied&state=" + state, cookie);
      assertThat(cancelled.statusCode()).isEqualTo(403);
      assertThat(get(port, "/").statusCode()).isEqualTo(404);
    } finally {
      redis.del(keys.slackBot("T7"));
    }
  }

  @Test
  void aSlashCommandFromAWorkspaceWithoutKringIsAnsweredInDutchAndEnglishInTheRequest()
      throws Exception {
    int port =
        start(
            "kring.slack.client-id=111.222",
            "kring.slack.client-secret=client-secret-for-tests-only",
            "kring.slack.signing-secret=" + SECRET);
    String command =
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T8&team_domain=elders&channel_id=C8"
            + "&channel_name=zorgoverleg&user_id=U8&user_name=an&command=%2Fkring&text=start"
            + "&api_app_id=A1&is_enterprise_install=false"
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT8%2F1%2Fab"
            + "&trigger_id=13345224609.738474920.8088930838d88f008e0";

    HttpResponse<String> answer = post(port, command, SECRET, "application/x-www-form-urlencoded");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("json");
    assertThat(answer.body())
        .contains("\"response_type\":\"ephemeral\"")
        .contains("niet geïnstalleerd")
        .contains("not installed")
        .contains("admin");
  }

  HttpResponse<String> get(int port, String path, String cookie) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Cookie", cookie)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(int port, String body, String secret) throws Exception {
    return post(port, body, secret, "application/json");
  }

  HttpResponse<String> post(int port, String body, String secret, String contentType)
      throws Exception {
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        "v0="
            + HexFormat.of()
                .formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
            .header("Content-Type", contentType)
            .header("X-Slack-Request-Timestamp", ts)
            .header("X-Slack-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
