package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@link RedisCases} writes, beyond the contract every {@code Cases} keeps. */
class RedisCasesTest {

  @RegisterExtension static final TestRedis redis = TestRedis.embedded();

  private static final CaseCode CODE = new CaseCode("K-7F3Q");

  private final RedisCases cases = new RedisCases(redis.client(), redis.keys());
  private final Case full = Samples.fullCase(CODE, Samples.slackChannel("C42"));

  @Test
  void keepsSchemaRevisionAndDocumentInTheCaseHashAndTheCodeOnTheChannel() {
    cases.create(full);
    cases.update(full);

    Map<String, String> stored = redis.client().hgetAll(redis.keys().caseDoc(CODE));
    assertThat(stored).containsOnlyKeys("schema", "revision", "doc");
    assertThat(stored)
        .containsEntry("schema", String.valueOf(CaseDocuments.SCHEMA))
        .containsEntry("revision", "1");
    assertThat(stored.get("doc")).doesNotContain("\"revision\"");
    assertThat(redis.client().get(redis.keys().channelCase(full.channel()))).isEqualTo("K-7F3Q");
  }

  @Test
  void refusesToReadACaseANewerKringWrote() {
    cases.create(full);
    redis
        .client()
        .hset(redis.keys().caseDoc(CODE), "schema", String.valueOf(CaseDocuments.SCHEMA + 1));

    assertThatThrownBy(() -> cases.find(CODE))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("newer Kring");
  }

  @Test
  void findsNothingForAChannelWhoseCaseIsGone() {
    cases.create(full);
    redis.client().del(redis.keys().caseDoc(CODE));

    assertThat(cases.findByChannel(full.channel())).isEmpty();
  }
}
