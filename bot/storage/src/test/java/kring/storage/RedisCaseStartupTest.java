package kring.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.identity.UserRef;
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

  @Test
  void oneStartEntersEveryCaseInTheIndexOfEveryoneItNamesAlsoWhoLeftBeforeTheIndexHeldThem() {
    RedisKeys keys = redis.keys();
    UserRef anna = Samples.slackUser("U0ANNA");
    UserRef bert = Samples.slackUser("U0BERT");
    Case c =
        Samples.activeCase(
                CODE,
                Samples.slackChannel("C42"),
                List.of(anna, bert),
                CollaborationLevel.COORDINATION,
                Samples.T0)
            .leave(bert, bert, Samples.T0.plusSeconds(60));
    RedisCases cases = new RedisCases(redis.client(), keys);
    cases.create(c);
    // As an older Kring left it: the person who left is no longer in their own index.
    redis.client().srem(keys.personCases(bert), CODE.value());
    assertThat(cases.findNaming(bert)).isEmpty();
    RedisRetentionIndex index = new RedisRetentionIndex(redis.client(), keys);

    new RedisCaseStartup(redis.client(), keys, index).run();

    assertThat(cases.findNaming(bert)).extracting(Case::code).containsExactly(CODE);
    assertThat(redis.client().hget(keys.caseDoc(CODE), RedisCaseStartup.PEOPLE_INDEXED))
        .isNotNull();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CaseDocumentsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
