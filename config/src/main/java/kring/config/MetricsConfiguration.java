package kring.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import kring.core.operations.Meters;
import kring.storage.RedisBacklogs;
import kring.storage.RedisKeys;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/**
 * Kring's own meters in Micrometer, scraped at {@code /actuator/prometheus} on the management port:
 * the core counts through {@link Meters}, the backlog is read from Redis at scrape time, and the
 * platform endpoints are timed.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  @Bean
  Meters meters(MeterRegistry registry) {
    return new MicrometerMeters(registry);
  }

  @Bean
  BacklogGauges backlogGauges(
      UnifiedJedis redis,
      RedisKeys keys,
      Clock clock,
      MetricsSettings settings,
      MeterRegistry registry) {
    return new BacklogGauges(
        new RedisBacklogs(redis, keys), clock, settings.backlogRefresh(), registry);
  }

  @Bean
  FilterRegistrationBean<AcknowledgementTimer> acknowledgementTimer(MeterRegistry registry) {
    FilterRegistrationBean<AcknowledgementTimer> filter =
        new FilterRegistrationBean<>(new AcknowledgementTimer(registry));
    filter.addUrlPatterns("/slack/events", "/api/messages", "/playground/api/rooms/*");
    return filter;
  }
}
