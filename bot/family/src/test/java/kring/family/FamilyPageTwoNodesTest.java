package kring.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.List;
import kring.core.conversation.family.FamilyFlow;
import kring.core.conversation.family.FamilyWorld;
import kring.storage.RedisWrongLinkTally;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Two nodes behind one load balancer share the count of wrong family links through Redis: wrong
 * links spread over both are counted once, the client is then slowed down on either, and the window
 * ends when its key expires. Redis holds a digest of the address, never the address.
 */
class FamilyPageTwoNodesTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final String CLIENT = "192.0.2.80";

  private final FamilyWorld world = new FamilyWorld();
  private final MockMvc one = node();
  private final MockMvc other = node();

  private MockMvc node() {
    return MockMvcBuilders.standaloneSetup(
            new FamilyPageController(
                world.kring.family(),
                new RedisWrongLinkTally(redis.client(), redis.keys()),
                world.clock()))
        .build();
  }

  private static MockHttpServletResponse send(MockMvc node, String token, String address)
      throws Exception {
    return node.perform(get(FamilyFlow.PATH + token).with(FamilyRequests.from(address)))
        .andReturn()
        .getResponse();
  }

  @Test
  void wrongLinksSpreadOverTwoNodesSlowTheClientDownOnEitherUntilTheWindowEnds() throws Exception {
    String real = world.link("voicelink P" + world.mother);
    for (int i = 0; i < WrongLinks.ALLOWED; i++) {
      MockHttpServletResponse gone =
          send(i % 2 == 0 ? one : other, "wrong" + i + "A".repeat(38), CLIENT);
      assertThat(gone.getStatus()).as("wrong link %d", i + 1).isEqualTo(404);
    }

    for (MockMvc node : List.of(one, other)) {
      MockHttpServletResponse slowed = send(node, real, CLIENT);
      assertThat(slowed.getStatus()).isEqualTo(429);
      assertThat(Long.parseLong(slowed.getHeader("Retry-After")))
          .isBetween(1L, WrongLinks.WINDOW.toSeconds());
    }
    assertThat(send(other, real, "192.0.2.81").getStatus()).isEqualTo(200);

    // Redis keeps a digest of the address under the family's keys, expiring with the window.
    String key = redis.keys().familyWrong(WrongLinks.digest(CLIENT));
    assertThat(redis.storedKeys()).contains(key).noneMatch(k -> k.contains(CLIENT));
    assertThat(redis.client().get(key)).isEqualTo(Integer.toString(WrongLinks.ALLOWED + 2));
    assertThat(redis.client().pttl(key))
        .isBetween(
            WrongLinks.WINDOW.minus(Duration.ofMinutes(1)).toMillis(),
            WrongLinks.WINDOW.toMillis());

    // The window ends as Redis lets the key expire.
    redis.client().pexpire(key, 1);
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (redis.client().exists(key) && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(redis.client().exists(key)).isFalse();
    assertThat(send(one, real, CLIENT).getStatus()).isEqualTo(200);
    assertThat(send(other, real, CLIENT).getStatus()).isEqualTo(200);
  }
}
