package kring.config;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackOAuthAppServlet;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import kring.core.conversation.Conversation;
import kring.core.outbox.Retractions;
import kring.logging.LogGuard;
import kring.slack.RedisInstallations;
import kring.slack.RedisOAuthStates;
import kring.slack.SingleWorkspace;
import kring.slack.SlackEndpoint;
import kring.slack.SlackIdentity;
import kring.slack.SlackInstallRefusals;
import kring.slack.SlackInstalledTokens;
import kring.slack.SlackListeners;
import kring.slack.SlackMessenger;
import kring.slack.SlackRateLimits;
import kring.slack.SlackSignatures;
import kring.slack.SlackSocket;
import kring.slack.SlackWork;
import kring.slack.SlackWorkspaces;
import kring.storage.RedisKeys;
import kring.storage.RedisOnce;
import kring.storage.RedisSlackWorkspaces;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import redis.clients.jedis.UnifiedJedis;

/** Kring on Slack: one Bolt app, reached over HTTP at /slack/events or through Socket Mode. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackOn.class)
class SlackConfiguration {

  /** The bot scopes of config/slack/manifest.yml, asked for by the install flow. */
  static final String SCOPES =
      "app_mentions:read,channels:read,groups:read,chat:write,commands,files:write,im:write";

  private static final String INSTALL = "/install";
  private static final String REDIRECT = "/oauth_redirect";

  @Bean
  Slack slack(SlackSettings settings) {
    settings.check();
    LogGuard.install(
        List.of(
            nullToEmpty(settings.botToken()),
            nullToEmpty(settings.signingSecret()),
            nullToEmpty(settings.appToken()),
            nullToEmpty(settings.clientSecret())));
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    config.setPrettyResponseLoggingEnabled(false);
    // Slack's rests are real time, whatever clock the rest of Kring runs on.
    return SlackRateLimits.slack(config, new SlackRateLimits(Clock.systemUTC()));
  }

  @Bean
  SlackWorkspaces slackWorkspaces(
      SlackSettings settings, UnifiedJedis redis, RedisKeys keys, Retractions retractions) {
    return settings.multiWorkspace()
        ? new RedisInstallations(new RedisSlackWorkspaces(redis, keys), retractions)
        : new SingleWorkspace(settings.botToken(), new RedisSlackWorkspaces(redis, keys));
  }

  @Bean
  SlackMessenger slackMessenger(Slack slack, SlackWorkspaces workspaces) {
    return new SlackMessenger(slack, workspaces);
  }

  /** Closed before the Redis client, so that work already taken can finish as it closes. */
  @Bean(destroyMethod = "close")
  @DependsOn("redisClient")
  ExecutorService slackWork(SlackSettings settings) {
    return new SlackWork(settings.workers(), SlackWork.QUEUED);
  }

  /**
   * With one bot token: who Kring is in the workspace, asked of Slack after start-up and again
   * until Slack answers, so that Kring starts while Slack is unreachable. Workspaces that install
   * Kring themselves bring their own tokens, which Bolt checks per request.
   */
  @Bean(initMethod = "start", destroyMethod = "close")
  SlackIdentity slackIdentity(Slack slack, SlackSettings settings) {
    return new SlackIdentity(slack, settings.multiWorkspace() ? null : settings.botToken());
  }

  @Bean
  App slackApp(
      SlackSettings settings,
      Slack slack,
      Conversation conversation,
      SlackWorkspaces workspaces,
      ExecutorService slackWork,
      UnifiedJedis redis,
      RedisKeys keys,
      SlackIdentity identity) {
    AppConfig.AppConfigBuilder config = SlackListeners.settings(AppConfig.builder().slack(slack));
    if (settings.signingSecret() != null && !settings.signingSecret().isBlank()) {
      config.signingSecret(settings.signingSecret());
    }
    App app;
    if (settings.multiWorkspace() && workspaces instanceof RedisInstallations installations) {
      config
          .clientId(settings.clientId())
          .clientSecret(settings.clientSecret())
          .scope(SCOPES)
          .appPath("/slack")
          .oauthInstallPath(INSTALL)
          .oauthRedirectUriPath(REDIRECT);
      // Each request gets its workspace's token from the installation, without Bolt's auth.test.
      app = SlackInstalledTokens.app(config.build(), installations).asOAuthApp(true);
      app.service(new RedisOAuthStates(new RedisSlackWorkspaces(redis, keys)));
      SlackInstallRefusals.register(app, installations);
    } else {
      // Not Bolt's single-team set-up: it asks auth.test while the app is built and fails the
      // whole start-up when Slack cannot be reached. The identity asks later, and again.
      app = new App(config.build());
      app.use(identity.middleware());
    }
    return new SlackListeners(conversation, new RedisOnce(redis, keys), workspaces, slackWork)
        .register(app);
  }

  /** The install flow's two pages, only when workspaces install Kring themselves. */
  @Bean
  @ConditionalOnProperty(name = "kring.slack.client-id")
  ServletRegistrationBean<SlackOAuthAppServlet> slackInstall(App slackApp) {
    return new ServletRegistrationBean<>(
        new SlackOAuthAppServlet(slackApp), "/slack" + INSTALL, "/slack" + REDIRECT);
  }

  @Bean
  @ConditionalOnProperty(name = "kring.slack.mode", havingValue = "http", matchIfMissing = true)
  ServletRegistrationBean<SlackEndpoint> slackEndpoint(
      App slackApp,
      SlackWorkspaces workspaces,
      SlackSettings settings,
      Clock clock,
      UnifiedJedis redis,
      RedisKeys keys) {
    SlackEndpoint endpoint =
        new SlackEndpoint(
            slackApp,
            workspaces,
            new SlackSignatures(settings.signingSecret(), clock),
            new RedisOnce(redis, keys));
    return new ServletRegistrationBean<>(endpoint, "/slack/events");
  }

  @Bean
  @ConditionalOnProperty(name = "kring.slack.mode", havingValue = "socket")
  SlackSocket slackSocket(
      App slackApp,
      SlackWorkspaces workspaces,
      SlackSettings settings,
      UnifiedJedis redis,
      RedisKeys keys) {
    return new SlackSocket(settings.appToken(), slackApp, workspaces, new RedisOnce(redis, keys));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
