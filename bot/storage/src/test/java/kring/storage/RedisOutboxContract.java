package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import kring.core.outbox.Outbox;
import kring.testing.TestRedis;

/** The outbox contract for {@link RedisOutbox}, looking at the keys themselves. */
abstract class RedisOutboxContract extends OutboxContract {

  abstract TestRedis redis();

  @Override
  Outbox newOutbox() {
    return new RedisOutbox(redis().client(), redis().keys());
  }

  @Override
  boolean stores(String id) {
    return redis().client().exists(redis().keys().outboxMessage(id));
  }

  @Override
  void assertNothingStoredContains(String text) {
    assertThat(redis().storedText()).doesNotContain(text);
  }
}
