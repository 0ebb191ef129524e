package kring.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Starts Kring: the playground when no platform is configured, Slack and Teams when they are. */
@SpringBootApplication
@EnableConfigurationProperties({
  KringSettings.class,
  ReflectionSettings.class,
  RedisSettings.class,
  PlaygroundSettings.class,
  TeamsSettings.class,
  SlackSettings.class,
})
public class KringApplication {

  public static void main(String[] args) {
    SpringApplication.run(KringApplication.class, args);
  }
}
