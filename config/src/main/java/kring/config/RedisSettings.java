package kring.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where Kring keeps its state.
 *
 * @param url {@code redis://host:port}, {@code rediss://…}, {@code redis-cluster://…} or {@code
 *     redis-sentinel://…} (see {@link kring.storage.RedisConnections#open(String)};
 *     KRING_REDIS_URL); empty for an embedded Redis
 * @param keyPrefix put before every key (KRING_REDIS_KEY_PREFIX)
 * @param dataDir where the embedded Redis keeps its append-only file (KRING_REDIS_DATA_DIR)
 * @param replicasToConfirm how many replicas must have each turn's commit before the person is told
 *     (KRING_REDIS_REPLICAS_TO_CONFIRM): 0 for one Redis; 1 behind Sentinel or on a Cluster with
 *     replicas, so that a failover loses nothing acknowledged
 */
@Validated
@ConfigurationProperties("kring.redis")
public record RedisSettings(
    @Pattern(
            regexp = "^$|^rediss?(-cluster|-sentinel)?://\\S+$",
            message =
                "must be empty (embedded Redis) or a Redis URL: redis:// or rediss:// (one"
                    + " server), redis-cluster:// or rediss-cluster:// (a Redis Cluster),"
                    + " redis-sentinel:// or rediss-sentinel:// (Redis Sentinel)")
        String url,
    @NotBlank
        @Pattern(
            regexp = "[a-z0-9-]{1,40}:",
            message = "must be lower-case letters, digits or dashes ending in ':', like kring:")
        String keyPrefix,
    @NotNull(message = "set kring.redis.data-dir (KRING_REDIS_DATA_DIR), for example ./data")
        Path dataDir,
    @Min(0) @Max(5) int replicasToConfirm) {

  /** Whether to start an embedded Redis: no URL is configured. */
  public boolean embedded() {
    return url == null || url.isBlank();
  }
}
