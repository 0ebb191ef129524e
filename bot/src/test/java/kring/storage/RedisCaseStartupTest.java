package kring.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisCaseStartupTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final CaseCode CODE = new CaseCode("K-7F3Q");

  @Test
  void aCaseTheFirstKringWroteIsWrittenBackInTheCurrentSchemaAndEnteredForRetention()
      throws IOException {
    RedisKeys keys = redis.keys();
    // What the first Kring left in Redis: its document, its revision and its channel binding.
    redis
        .client()
        .hset(
            keys.caseDoc(CODE),
            Map.of("schema", "1", "revision", "3", "doc", resource("case-schema-1.json")));
    redis.client().set(keys.channelCase(Samples.slackChannel("C42")), CODE.value());
    RedisRetentionIndex index = new RedisRetentionIndex(redis.client(), keys);

    RedisCaseStartup.Outcome first = new RedisCaseStartup(redis.client(), keys, index).run();

    assertThat(first).isEqualTo(new RedisCaseStartup.Outcome(1, 1));
    assertThat(redis.client().hget(keys.caseDoc(CODE), "schema"))
        .isEqualTo(String.valueOf(CaseDocuments.SCHEMA));
    assertThat(redis.client().hget(keys.caseDoc(CODE), "revision")).isEqualTo("4");
    RedisCases cases = new RedisCases(redis.client(), keys);
    assertThat(cases.find(CODE).orElseThrow().status()).isEqualTo(CaseStatus.ACTIVE);
    // Written back compressed, as the current schema stores a document.
    byte[] doc = redis.client().hget(keys.caseDoc(CODE).getBytes(UTF_8), "doc".getBytes(UTF_8));
    assertThat(doc.length).isLessThan(resource("case-schema-1.json").length() / 5);
    assertThat(cases.storedJson(CODE).orElseThrow()).contains("\"seqsGiven\"");
    assertThat(redis.client().zscore(keys.retentionActive(), CODE.value())).isNotNull();
    // A second start finds nothing left to do.
    assertThat(new RedisCaseStartup(redis.client(), keys, index).run())
        .isEqualTo(new RedisCaseStartup.Outcome(0, 0));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CaseDocumentsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
