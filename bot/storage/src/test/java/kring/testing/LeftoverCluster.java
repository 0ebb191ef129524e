package kring.testing;

import java.util.stream.Collectors;

/**
 * A JVM that starts a {@link LocalRedisCluster} under the directory it is given, prints the
 * redis-servers' process ids and then waits to be killed, leaving them behind the way a killed test
 * JVM would.
 */
final class LeftoverCluster {

  private LeftoverCluster() {}

  public static void main(String[] args) throws InterruptedException {
    System.setProperty(RedisServerProcess.ROOT_PROPERTY, args[0]);
    LocalRedisCluster cluster = LocalRedisCluster.start();
    System.out.println(
        "READY "
            + cluster.processIds().stream().map(String::valueOf).collect(Collectors.joining(" ")));
    Thread.sleep(Long.MAX_VALUE);
  }
}
