package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** The counting client counts what goes over the wire, one answer waited for at a time. */
class RoundTripsTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static RoundTrips trips;

  @BeforeAll
  static void open() {
    trips = RoundTrips.open(TestRedis.machineUrl());
  }

  @AfterAll
  static void close() {
    trips.close();
  }

  @BeforeEach
  void warm() {
    // The pool's connection is made (and says hello) before anything is counted.
    trips.client().ping();
    trips.reset();
  }

  @AfterEach
  void forget() {
    // Keys of this test alone, which no flow of Kring writes.
    for (int i = 0; i < 5; i++) {
      redis.client().del(key(i));
    }
  }

  String key(int i) {
    return redis.keys().prefix() + "counted:" + i;
  }

  @Test
  void fiveSingleCommandsAreFiveRoundTrips() {
    for (int i = 0; i < 5; i++) {
      trips.client().set(key(i), "v" + i);
    }

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(5);
    assertThat(trips.mine()).allSatisfy(t -> assertThat(t.names()).containsExactly("SET"));
    assertThat(trips.mine().get(2).argument(0, 1)).isEqualTo(key(2));
  }

  @Test
  void aPipelineOfFiveCommandsIsOneRoundTrip() {
    try (AbstractPipeline pipeline = trips.client().pipelined()) {
      for (int i = 0; i < 5; i++) {
        pipeline.set(key(i), "v" + i);
      }
      pipeline.sync();
    }

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(1);
    assertThat(trips.mine().get(0).names()).containsExactly("SET", "SET", "SET", "SET", "SET");
    assertThat(redis.client().get(key(4))).isEqualTo("v4");
  }

  @Test
  void aTransactionSentAtOnceIsOneRoundTripAndJedisTransactionTwo() {
    try (AbstractPipeline pipeline = trips.client().pipelined()) {
      pipeline.sendCommand(Protocol.Command.MULTI, new String[0]);
      pipeline.set(key(0), "a");
      pipeline.incr(key(1));
      pipeline.sendCommand(Protocol.Command.EXEC, new String[0]);
      pipeline.sync();
    }

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(1);
    assertThat(trips.mine().get(0).names()).containsExactly("MULTI", "SET", "INCR", "EXEC");
    assertThat(redis.client().get(key(1))).isEqualTo("1");

    // Jedis's own transaction reads the QUEUED answers before it sends EXEC.
    trips.reset();
    try (AbstractTransaction multi = trips.client().multi()) {
      multi.set(key(0), "a");
      multi.incr(key(1));
      multi.exec();
    }

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(2);
    assertThat(trips.mine().get(1).names()).containsExactly("EXEC");
    assertThat(redis.client().get(key(1))).isEqualTo("2");
  }

  @Test
  void aScriptIsOneRoundTripAndOneRedisDidNotKnowIsTwo() {
    // A script no Redis has seen: a comment of its own makes its digest new.
    String source = "-- " + UUID.randomUUID() + "\nreturn redis.call('INCR', KEYS[1])";
    String sha = sha1(source);
    assertThatThrownBy(() -> trips.client().evalsha(sha, List.of(key(0)), List.of()))
        .isInstanceOf(JedisNoScriptException.class);
    trips.client().eval(source, List.of(key(0)), List.of());
    assertThat(trips.count()).as("NOSCRIPT, then the script in full").isEqualTo(2);

    trips.reset();
    trips.client().evalsha(sha, List.of(key(0)), List.of());

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(1);
    assertThat(trips.mine().get(0).names()).containsExactly("EVALSHA");
    assertThat(trips.mine().get(0).argument(0, 1)).isEqualTo(sha);
    assertThat(redis.client().get(key(0))).isEqualTo("2");
  }

  @Test
  void aScriptRunOfKringsOwnIsOneRoundTrip() {
    LuaScript script = LuaScript.named("channel-release.lua");
    script.run(trips.client(), List.of(key(0)), List.of("K-2222"));
    trips.reset();

    script.run(trips.client(), List.of(key(0)), List.of("K-2222"));

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(1);
  }

  @Test
  void eachThreadCountsOnlyItsOwnRoundTrips() {
    CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 3; i++) {
                trips.client().get(key(i));
              }
            })
        .join();
    trips.client().get(key(0));

    assertThat(trips.count()).as("%s", trips.mine()).isEqualTo(1);
  }

  static String sha1(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-1")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
