package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;
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
    assertThat(cases.storedJson(CODE).orElseThrow())
        .startsWith("{\"code\":\"K-7F3Q\"")
        .doesNotContain("\"revision\"");
    assertThat(redis.client().get(redis.keys().channelCase(full.channel()))).isEqualTo("K-7F3Q");
  }

  @Test
  void keepsTheDocumentCompressedAndReadsTheSameCaseBack() {
    cases.create(full);

    byte[] stored = redis.client().hget(bytes(redis.keys().caseDoc(CODE)), bytes("doc"));
    String plain = cases.storedJson(CODE).orElseThrow();
    assertThat(stored.length).isLessThan(plain.length() / 5);
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Ann");
    assertThat(plain).contains("\"displayName\":\"Ann\"");
    assertThat(cases.find(CODE)).contains(full.atRevision(0));
  }

  @Test
  void readsADocumentAnOlderKringStoredAsPlainJsonAndWritesItBackCompressed() {
    cases.create(full);
    String plain = cases.storedJson(CODE).orElseThrow();
    redis.client().hset(redis.keys().caseDoc(CODE), Map.of("schema", "8", "doc", plain));

    Case read = cases.find(CODE).orElseThrow();
    cases.update(read);

    assertThat(read).isEqualTo(full.atRevision(0));
    assertThat(redis.client().hget(redis.keys().caseDoc(CODE), "schema"))
        .isEqualTo(String.valueOf(CaseDocuments.SCHEMA));
    assertThat(redis.client().hget(bytes(redis.keys().caseDoc(CODE)), bytes("doc")).length)
        .isLessThan(plain.length() / 5);
    assertThat(cases.storedJson(CODE)).contains(plain);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
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

  @Test
  void aPersonsIndexLetsGoOfWhatNoLongerNamesThem() {
    cases.create(full);
    Case other = Samples.fullCase(new CaseCode("K-3333"), Samples.slackChannel("C43"));
    cases.create(other);
    UserRef person = full.partners().get(0).user();
    String index = redis.keys().personCases(person);
    redis.client().sadd(index, "K-9999", "not a code");
    redis.client().del(redis.keys().caseDoc(other.code()));

    assertThat(cases.findNaming(person)).extracting(Case::code).containsExactly(CODE);
    assertThat(redis.client().smembers(index)).containsExactly(CODE.value());
  }
}
