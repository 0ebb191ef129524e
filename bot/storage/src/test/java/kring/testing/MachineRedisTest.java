package kring.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class MachineRedisTest {

  @Test
  void aPortWhereNothingListensIsNoRedisAndAStartedServerIs() throws IOException {
    int unused;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      unused = probe.getLocalPort();
    }
    assertThat(MachineRedis.answers(new HostAndPort("127.0.0.1", unused))).isFalse();

    try (LocalRedisServer server = LocalRedisServer.start("save \"\"", "appendonly no")) {
      String[] hostAndPort = server.url().substring("redis://".length()).split(":");
      assertThat(
              MachineRedis.answers(
                  new HostAndPort(hostAndPort[0], Integer.parseInt(hostAndPort[1]))))
          .isTrue();
    }
  }

  @Test
  void aSocketThatSpeaksNoRedisIsNoRedis() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(MachineRedis.answers(new HostAndPort("127.0.0.1", silent.getLocalPort())))
          .isFalse();
    }
  }

  @Test
  void theProbedAddressIsHostAndPortAndNothingElse() {
    String before = System.getProperty(MachineRedis.PROPERTY);
    try {
      System.setProperty(MachineRedis.PROPERTY, "127.0.0.1:6390");
      assertThat(MachineRedis.probed()).isEqualTo(new HostAndPort("127.0.0.1", 6390));
      for (String wrong : new String[] {"127.0.0.1", "127.0.0.1:", ":6379", "a:b", "h:1:2"}) {
        System.setProperty(MachineRedis.PROPERTY, wrong);
        assertThatThrownBy(MachineRedis::probed)
            .as(wrong)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("host:port");
      }
    } finally {
      if (before == null) {
        System.clearProperty(MachineRedis.PROPERTY);
      } else {
        System.setProperty(MachineRedis.PROPERTY, before);
      }
    }
  }

  @Test
  void theSharedRedisAnswers() {
    try (var client =
        redis.clients.jedis.RedisClient.create(java.net.URI.create(MachineRedis.url()))) {
      assertThat(client.ping()).isEqualTo("PONG");
    }
  }
}
