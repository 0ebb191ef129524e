package kring.config;

import kring.scheduler.clock.ClockConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/** Starts Kring: the playground when no platform is configured, Slack and Teams when they are. */
@SpringBootApplication
@Import(ClockConfiguration.class)
@EnableConfigurationProperties({
  KringSettings.class,
  ReflectionSettings.class,
  RedisSettings.class,
  PlaygroundSettings.class,
  TeamsSettings.class,
  SlackSettings.class,
  RetentionSettings.class,
  OperatorSettings.class,
  MetricsSettings.class,
})
public class KringApplication {

  public static void main(String[] args) {
    if (TeamsAppPackage.requested(args)) {
      // Only the app package for Teams: nothing starts, no storage is touched.
      System.exit(TeamsAppPackage.run(args));
    }
    if (OperatorSettings.requested(args)) {
      // An operator's data-subject request: no web server, no clock, exit when done.
      ConfigurableApplicationContext done =
          new SpringApplicationBuilder(KringApplication.class)
              .web(WebApplicationType.NONE)
              .properties("spring.quartz.auto-startup=false")
              .run(args);
      System.exit(SpringApplication.exit(done));
    }
    SpringApplication.run(KringApplication.class, args);
  }
}
