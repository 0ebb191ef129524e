package kring.config;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kring.core.conversation.Conversation;
import kring.core.outbox.Outbox;
import kring.logging.LogGuard;
import kring.scheduler.clock.Drainer;
import kring.storage.RedisKeys;
import kring.storage.RedisOnce;
import kring.storage.RedisTeamsMemory;
import kring.teams.AfterAcknowledgement;
import kring.teams.AppCredentialTokens;
import kring.teams.ConnectorTokens;
import kring.teams.TeamsAccess;
import kring.teams.TeamsBot;
import kring.teams.TeamsDirectory;
import kring.teams.TeamsMessenger;
import kring.teams.TeamsWeb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Import;
import redis.clients.jedis.UnifiedJedis;

/**
 * Microsoft Teams: on when an app id is configured or Teams is switched on explicitly. Without an
 * app id it runs only when unauthenticated use is asked for in so many words, and says so loudly.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
    "'${kring.teams.app-id:}'.trim() != '' or '${kring.teams.enabled:false}' == 'true'")
@Import(TeamsWeb.class)
class TeamsConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(TeamsConfiguration.class);

  @Bean
  TeamsAccess teamsAccess(TeamsSettings settings) {
    if (settings.appId().isEmpty() && !settings.allowUnauthenticated()) {
      throw new IllegalStateException(
          "Teams is on but has no app id: set KRING_TEAMS_APP_ID (and KRING_TEAMS_APP_PASSWORD),"
              + " or set kring.teams.allow-unauthenticated=true for a local test connector only");
    }
    if (!settings.appId().isEmpty() && settings.appPassword().isEmpty()) {
      throw new IllegalStateException(
          "Teams has an app id but no secret: set KRING_TEAMS_APP_PASSWORD");
    }
    Set<String> tenants = new HashSet<>(settings.allowedTenants());
    if (!settings.tenantId().isEmpty()) {
      tenants.add(settings.tenantId());
    }
    if (tenants.isEmpty()) {
      throw new IllegalStateException(
          "Teams needs the tenants it serves: set KRING_TEAMS_TENANT_ID or"
              + " KRING_TEAMS_ALLOWED_TENANTS");
    }
    if (settings.appId().isEmpty()) {
      LOG.warn(
          "Teams runs WITHOUT authentication (kring.teams.allow-unauthenticated=true): anyone who"
              + " can reach /api/messages can act as any person. Never run it like this in use.");
    }
    LogGuard.install(List.of(settings.appPassword()));
    return new TeamsAccess(
        settings.appId(),
        settings.appPassword(),
        settings.tenantId(),
        tenants,
        settings.openIdMetadata(),
        (int) Math.min(settings.maxBody().toBytes(), 16L * 1024 * 1024));
  }

  @Bean
  TeamsDirectory teamsDirectory(UnifiedJedis redis, RedisKeys keys) {
    return new TeamsDirectory(new RedisTeamsMemory(redis, keys));
  }

  @Bean
  ConnectorTokens connectorTokens(TeamsAccess access) {
    return access.authenticates() ? new AppCredentialTokens(access) : ConnectorTokens.none();
  }

  @Bean
  TeamsMessenger teamsMessenger(
      TeamsDirectory directory, ConnectorTokens tokens, TeamsSettings settings, Clock clock) {
    return new TeamsMessenger(directory, tokens, settings.sendTimeout(), clock);
  }

  /** Room for activities waiting for a thread, besides those being worked on. */
  private static final int WAITING_WORK = 200;

  /** Closed before the Redis client, so that work already taken can finish as it closes. */
  @Bean(destroyMethod = "close")
  @DependsOn("redisClient")
  AfterAcknowledgement teamsWork(TeamsSettings settings) {
    return AfterAcknowledgement.threads(settings.workers(), WAITING_WORK);
  }

  @Bean
  TeamsBot teamsBot(
      TeamsAccess access,
      Conversation conversation,
      TeamsDirectory directory,
      UnifiedJedis redis,
      RedisKeys keys,
      Outbox outbox,
      Drainer outboxDrainer,
      Clock clock,
      AfterAcknowledgement teamsWork) {
    return new TeamsBot(
        access,
        conversation,
        directory,
        new RedisOnce(redis, keys),
        outbox,
        outboxDrainer::wake,
        clock,
        teamsWork);
  }
}
