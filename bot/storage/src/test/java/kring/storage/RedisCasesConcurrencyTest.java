package kring.storage;

import static kring.testing.Samples.at;
import static kring.testing.Samples.partnerUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import kring.core.agreement.Confirmation;
import kring.core.cases.AuditEntry;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseChanges;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many partners confirming at the same moment, each through the conversation's change loop. */
class RedisCasesConcurrencyTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private static final CaseCode CODE = new CaseCode("K-5C4N");
  private static final int PARTNERS = 50;

  @Test
  void everyConfirmationMadeAtOnceIsKeptAndTheLastOneActivatesTheCase() throws Exception {
    RedisCases cases = new RedisCases(redis.client(), redis.keys());
    cases.create(Samples.caseAwaitingConfirmations(CODE, Samples.slackChannel("C50"), PARTNERS));
    ExecutorService partners = Executors.newFixedThreadPool(PARTNERS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Case>> confirmed = new ArrayList<>();
    for (int seq = 1; seq <= PARTNERS; seq++) {
      int partner = seq;
      confirmed.add(
          partners.submit(
              () -> {
                start.await();
                return CaseChanges.change(
                    cases, CODE, current -> current.confirm(partnerUser(partner), 1, at(10)));
              }));
    }
    start.countDown();
    for (Future<Case> each : confirmed) {
      each.get(60, TimeUnit.SECONDS);
    }
    partners.shutdown();

    Case stored = cases.find(CODE).orElseThrow();
    assertThat(stored.currentAgreement().orElseThrow().confirmations())
        .extracting(Confirmation::partnerSeq)
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, PARTNERS).boxed().toList());
    assertThat(stored.status()).isEqualTo(CaseStatus.ACTIVE);
    assertThat(stored.agreements().agreedVersion()).isEqualTo(1);
    assertThat(stored.revision()).as("one write per confirmation").isEqualTo(PARTNERS);
    assertThat(stored.audit())
        .extracting(AuditEntry::event)
        .filteredOn(AuditEvent.AGREEMENT_CONFIRMED::equals)
        .hasSize(PARTNERS);
  }
}
