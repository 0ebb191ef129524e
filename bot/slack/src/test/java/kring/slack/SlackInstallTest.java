package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackOAuthAppServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import kring.storage.RedisOnce;
import kring.storage.RedisSlackWorkspaces;
import kring.testing.TestRedis;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Installing Kring through Slack's OAuth flow over real HTTP, with Slack's Web API played by {@link
 * FakeSlack}: what is kept, and what is refused.
 */
class SlackInstallTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final String ISSUED = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

  private static final String ENTERPRISE = "{\"name\":\"Scholengroep\",\"id\":\"E12345678\"}";

  private final HttpClient http = HttpClient.newHttpClient();
  private FakeSlack slack;
  private Tomcat tomcat;
  private Tomcat events;
  private int port;

  @BeforeEach
  void start() throws Exception {
    slack = FakeSlack.start();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.methodsUrl());
    App app =
        new App(
                AppConfig.builder()
                    .slack(Slack.getInstance(config))
                    .signingSecret(SlackHarness.SECRET)
                    .clientId("111.222")
                    .clientSecret("client-secret-for-tests-only")
                    .scope("chat:write,commands")
                    .appPath("/slack")
                    .oauthInstallPath("/install")
                    .oauthRedirectUriPath("/oauth_redirect")
                    .build())
            .asOAuthApp(true);
    RedisInstallations installations =
        new RedisInstallations(
            new RedisSlackWorkspaces(redis.client(), redis.keys()),
            kring.core.outbox.Retractions.NONE);
    app.service(installations);
    app.service(new RedisOAuthStates(new RedisSlackWorkspaces(redis.client(), redis.keys())));
    SlackInstallRefusals.register(app, installations);
    tomcat =
        SlackHarness.serve(
            new SlackOAuthAppServlet(app), "/slack/install", "/slack/oauth_redirect");
    port = tomcat.getConnector().getLocalPort();
    events =
        SlackHarness.serve(
            new SlackEndpoint(
                app,
                installations,
                new SlackSignatures(SlackHarness.SECRET, Clock.systemUTC()),
                new RedisOnce(redis.client(), redis.keys())),
            "/slack/events");
  }

  @AfterEach
  void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    events.stop();
    events.destroy();
    slack.close();
  }

  @Test
  void anOrgWideInstallIsRefusedWithAPageThatSaysToInstallPerWorkspaceAndItsTokenIsRevoked()
      throws Exception {
    // Slack's documented answer for an install across an Enterprise Grid organisation.
    slackAnswers("\"team\":null,\"enterprise\":" + ENTERPRISE + ",\"is_enterprise_install\":true");

    HttpResponse<String> back = installWithCode();

    assertThat(back.statusCode()).isBetween(400, 499);
    assertThat(back.body())
        .contains("whole Enterprise Grid organisation")
        .contains("each workspace")
        .doesNotContain("null");
    assertThat(slack.calls("auth.revoke")).hasSize(1);
    assertThat(slack.calls("auth.revoke").get(0).authorization()).isEqualTo("Bearer " + ISSUED);
    assertThat(TestRedis.scan(redis.client(), redis.keys().slackBot("*"))).isEmpty();
  }

  @Test
  void anAnswerWithoutAWorkspaceIdIsRefusedTheSameWay() throws Exception {
    slackAnswers("\"enterprise\":" + ENTERPRISE + ",\"is_enterprise_install\":false");

    HttpResponse<String> back = installWithCode();

    assertThat(back.statusCode()).isBetween(400, 499);
    assertThat(back.body()).contains("each workspace");
    assertThat(slack.calls("auth.revoke")).hasSize(1);
    assertThat(TestRedis.scan(redis.client(), redis.keys().slackBot("*"))).isEmpty();
  }

  @Test
  void anInstallInOneWorkspaceIsKeptAndNothingIsRevoked() throws Exception {
    slackAnswers(
        "\"team\":{\"name\":\"Sint-Jan\",\"id\":\"T7\"},\"enterprise\":null,"
            + "\"is_enterprise_install\":false");

    HttpResponse<String> back = installWithCode();

    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(redis.client().get(redis.keys().slackBot("T7"))).contains(ISSUED);
    assertThat(slack.calls("auth.revoke")).isEmpty();
  }

  @Test
  void aCommandButtonOrFormFromAWorkspaceWithoutKringIsAnsweredInTheRequestInDutchAndEnglish()
      throws Exception {
    for (String body :
        List.of(
            SlackPayloads.command("T8", "C0ZORG", "U0AN", "an", "start"),
            SlackPayloads.blockAction(
                "T8",
                "C0ZORG",
                "U0AN",
                "an",
                "case.pause" + BlockKit.ACTION_SEPARATOR + "0",
                "K-AAAA"))) {
      HttpResponse<String> answer = signed(body);

      assertThat(answer.statusCode()).isEqualTo(200);
      JsonNode shown = SlackPayloads.JSON.readTree(answer.body());
      assertThat(shown.path("response_type").asString()).isEqualTo("ephemeral");
      assertThat(shown.path("text").asString())
          .contains("niet geïnstalleerd", "not installed", "beheerder", "admin");
    }
    JsonNode form =
        SlackPayloads.JSON.readTree(
            "{\"type\":\"modal\",\"callback_id\":\"kring.form\","
                + "\"title\":{\"type\":\"plain_text\",\"text\":\"Kring\"},\"blocks\":[]}");
    HttpResponse<String> submitted =
        signed(SlackPayloads.viewSubmission("T8", "U0AN", "an", form, Map.of()));

    assertThat(submitted.statusCode()).isEqualTo(200);
    JsonNode updated = SlackPayloads.JSON.readTree(submitted.body());
    assertThat(updated.path("response_action").asString()).isEqualTo("update");
    assertThat(updated.path("view").toString()).contains("niet geïnstalleerd", "not installed");
    assertThat(slack.calls()).as("nothing asked of Slack").isEmpty();
  }

  private HttpResponse<String> signed(String body) {
    return SlackHarness.signed(
        http,
        URI.create("http://127.0.0.1:" + events.getConnector().getLocalPort() + "/slack/events"),
        body,
        SlackPayloads.FORM);
  }

  /**
   * Slack's next answer to {@code oauth.v2.access}: a bot token, shaped as Slack documents it, with
   * these fields saying where it was installed.
   */
  private void slackAnswers(String where) {
    slack.failNext(
        "oauth.v2.access",
        200,
        "{\"ok\":true,\"access_token\":\""
            + ISSUED
            + "\",\"token_type\":\"bot\",\"scope\":\"commands,chat:write\","
            + "\"bot_user_id\":\"UKRING\",\"app_id\":\"A0KRD7HC3\","
            + where
            + ",\"authed_user\":{\"id\":\"U1234\"}}",
        Map.of());
  }

  /** Opens the install page as an admin's browser does, then comes back from Slack with a code. */
  private HttpResponse<String> installWithCode() throws Exception {
    HttpResponse<String> install = get("/slack/install", "");
    assertThat(install.statusCode()).isEqualTo(200);
    String cookie = install.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String state = cookie.substring(cookie.indexOf('=') + 1);
    return get("/slack/oauth_redirect?code=1234.5678.abcd&state=" + state, cookie);
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (!cookie.isEmpty()) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
