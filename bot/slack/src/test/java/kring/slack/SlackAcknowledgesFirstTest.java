package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import kring.storage.RedisOnce;
import kring.storage.RedisSlackWorkspaces;
import kring.testing.Eventually;
import kring.testing.TestRedis;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over real HTTP: the work a listener takes is handed to the work's threads only once the
 * acknowledgement is sent, so the work never competes with sending it; a request the work has no
 * room for is still refused with a 503, before anything is acknowledged.
 */
class SlackAcknowledgesFirstTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  final HttpClient http = HttpClient.newHttpClient();
  final FakeSlack slack;

  SlackAcknowledgesFirstTest() throws IOException {
    slack = FakeSlack.start();
  }

  @org.junit.jupiter.api.AfterEach
  void stop() {
    slack.close();
  }

  @Test
  void theWorkIsHandedToItsThreadsOnlyOnceTheAcknowledgementIsSent() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    List<Integer> waitingWhenSent = new CopyOnWriteArrayList<>();
    try (SlackWork work = new SlackWork(1, 5)) {
      // The only thread is busy, so whatever is handed to the threads waits in their queue.
      work.execute(() -> SlackWorkTest.awaitQuietly(release));
      Tomcat tomcat = serve(work, ran, waitingWhenSent);
      try {
        HttpResponse<String> answer = command(tomcat);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(waitingWhenSent)
            .as("work waiting when the acknowledgement went")
            .containsExactly(0);
        Eventually.eventually(Duration.ofSeconds(10), () -> assertThat(work.getQueue()).hasSize(1));
        release.countDown();
        Eventually.eventually(Duration.ofSeconds(10), () -> assertThat(ran).hasValue(1));
      } finally {
        release.countDown();
        tomcat.stop();
        tomcat.destroy();
      }
    }
  }

  @Test
  void withNoRoomForTheWorkSlackIsToldToSendItAgainLater() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    try (SlackWork work = new SlackWork(1, 1)) {
      work.execute(() -> SlackWorkTest.awaitQuietly(release));
      work.execute(() -> SlackWorkTest.awaitQuietly(release));
      Tomcat tomcat = serve(work, ran, new CopyOnWriteArrayList<>());
      try {
        assertThat(command(tomcat).statusCode()).isEqualTo(503);

        release.countDown();
        // Room again once the work taken is done.
        Eventually.eventually(
            Duration.ofSeconds(10), () -> assertThat(work.getActiveCount()).isZero());
        assertThat(command(tomcat).statusCode()).isEqualTo(200);
        Eventually.eventually(Duration.ofSeconds(10), () -> assertThat(ran).hasValue(1));
      } finally {
        release.countDown();
        tomcat.stop();
        tomcat.destroy();
      }
    }
  }

  /**
   * Kring's endpoint before a Bolt app whose command listener takes one piece of work on {@code
   * work}, in a servlet container that notes how much work waited for a thread when the endpoint
   * sent its answer.
   */
  private Tomcat serve(SlackWork work, AtomicInteger ran, List<Integer> waitingWhenSent)
      throws Exception {
    App app =
        new App(
            SlackListeners.settings(AppConfig.builder())
                .singleTeamBotToken(SlackHarness.TOKEN)
                .signingSecret(SlackHarness.SECRET)
                .slack(com.slack.api.Slack.getInstance(slackConfig()))
                .build());
    app.command(
        SlackListeners.COMMAND,
        (req, ctx) -> {
          try {
            work.execute(ran::incrementAndGet);
          } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new SlackListeners.TooBusy();
          }
          return ctx.ack();
        });
    SlackEndpoint endpoint =
        new SlackEndpoint(
            app,
            new SingleWorkspace(
                SlackHarness.TOKEN, new RedisSlackWorkspaces(redis.client(), redis.keys())),
            new SlackSignatures(SlackHarness.SECRET, Clock.systemUTC()),
            new RedisOnce(redis.client(), redis.keys()));
    HttpServlet noting =
        new HttpServlet() {
          @Override
          protected void service(HttpServletRequest req, HttpServletResponse resp)
              throws jakarta.servlet.ServletException, IOException {
            endpoint.service(
                req,
                new HttpServletResponseWrapper(resp) {
                  @Override
                  public void flushBuffer() throws IOException {
                    waitingWhenSent.add(work.getQueue().size());
                    super.flushBuffer();
                  }
                });
          }
        };
    return SlackHarness.serve(noting, "/slack/events");
  }

  private com.slack.api.SlackConfig slackConfig() {
    com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.methodsUrl());
    return config;
  }

  private HttpResponse<String> command(Tomcat tomcat) {
    return SlackHarness.signed(
        http,
        URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/slack/events"),
        SlackPayloads.command(FakeSlack.TEAM, "C0FIRST", "UANNA", "anna", "hulp"),
        SlackPayloads.FORM);
  }
}
