package kring.core.cases;

import static kring.core.cases.CaseTest.ANNA;
import static kring.core.cases.CaseTest.BERT;
import static kring.core.cases.CaseTest.CARO;
import static kring.core.cases.CaseTest.NOW;
import static kring.core.cases.CaseTest.started;
import static kring.core.cases.CaseTest.withPartner;
import static kring.core.cases.ConsentCaseTest.TODAY;
import static kring.core.cases.ConsentCaseTest.health;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kring.core.consent.ConsentRecord;
import kring.core.consent.InfoKind;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * A partner number belongs to one person for good: nobody else gets it after they leave or are
 * forgotten, so a consent recorded towards it never passes to anyone else.
 */
class PartnerNumbersCaseTest {

  static final UserRef DORA = new UserRef(Platform.SLACK, "T1", "UDORA");

  /**
   * Anna (P1) coordinates, Bert (P2) and Caro (P3) joined; the parents consented to sharing health
   * information with Caro. Caro never acted in the case: nothing but the register names her.
   */
  static Case consentTowardsCaro() {
    Case c = withPartner(withPartner(started(), BERT, false), CARO, false);
    return c.recordConsent(ANNA, health(List.of(3), List.of()), TODAY, NOW);
  }

  @Test
  void aNewcomerAfterAForgottenPartnerGetsANewNumberAndNoneOfTheirConsent() {
    Case forgotten = consentTowardsCaro().forget(CARO, NOW);

    Case joined = withPartner(forgotten, DORA, false);

    Partner dora = joined.partner(DORA).orElseThrow();
    assertThat(forgotten.partner(3).orElseThrow().hasAccount()).isFalse();
    assertThat(forgotten.partner(3).orElseThrow().forgotten()).isTrue();
    assertThat(dora.seq()).isEqualTo(4);
    assertThat(joined.team().seqsGiven()).isEqualTo(4);
    assertThat(joined.consents().records())
        .extracting(r -> r.terms().towardsPartners())
        .containsExactly(List.of(3));
    assertThat(joined.consents().covers(InfoKind.HEALTH, dora, TODAY)).isFalse();
  }

  @Test
  void aNewcomerAfterAPartnerWhoLeftGetsANewNumberAndNoneOfTheirConsent() {
    Case left = consentTowardsCaro().leave(CARO, CARO, NOW);

    Case joined = withPartner(left, DORA, false);

    Partner dora = joined.partner(DORA).orElseThrow();
    assertThat(dora.seq()).isEqualTo(4);
    assertThat(joined.partner(3).orElseThrow().active()).isFalse();
    assertThat(joined.consents().records())
        .flatExtracting(r -> r.terms().towardsPartners())
        .containsExactly(3);
    assertThat(joined.consents().covers(InfoKind.HEALTH, dora, TODAY)).isFalse();
  }

  @Test
  void someoneWhoLeftAndComesBackJoinsUnderANewNumber() {
    Case back = withPartner(consentTowardsCaro().leave(CARO, CARO, NOW), CARO, false);

    assertThat(back.partner(CARO).orElseThrow().seq()).isEqualTo(4);
    assertThat(back.partners()).extracting(Partner::seq).containsExactly(1, 2, 3, 4);
  }

  @Test
  void aRepresentedPersonAddedAfterAForgottenPartnerGetsANewNumberToo() {
    Case forgotten = consentTowardsCaro().forget(CARO, NOW);

    Case represented = forgotten.represent(ANNA, "mother", Role.PARENT, 1, NOW);

    Partner mother = represented.partners().get(represented.partners().size() - 1);
    assertThat(mother.seq()).isEqualTo(4);
    assertThat(represented.team().seqsGiven()).isEqualTo(4);
    assertThat(represented.consents().covers(InfoKind.HEALTH, mother, TODAY)).isFalse();
  }

  @Test
  void theCountOfNumbersGivenOutIsKeptNotReadFromTheAuditTrail() {
    // Bert (P2) acted; enough happens after he is forgotten that his audit lines drop off.
    Case c = withPartner(started(), BERT, false).note(NOW, BERT, AuditEvent.TEAM_CONFIRMED);
    c = c.forget(BERT, NOW);
    for (int i = 0; i < Case.AUDIT_LIMIT; i++) {
      c = c.note(NOW, ANNA, AuditEvent.TEAM_CONFIRMED);
    }
    assertThat(c.audit()).noneMatch(line -> line.actorSeq() == 2 || line.args().contains("P2"));

    Case joined = withPartner(c, DORA, false);

    assertThat(joined.partner(DORA).orElseThrow().seq()).isEqualTo(3);
  }

  @Test
  void aCaseHoldsNoPartnerAndNoConsentTowardsANumberItNeverGaveOut() {
    Case c = consentTowardsCaro();

    assertThatThrownBy(() -> withSeqsGiven(c, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never gave out");
    Case caroForgotten = c.forget(CARO, NOW);
    assertThatThrownBy(() -> withSeqsGiven(caroForgotten, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never gave out");
    assertThat(caroForgotten.consents().records())
        .extracting(ConsentRecord::number)
        .containsExactly(1);
  }

  /** The same case, stored as if it had given out only {@code seqsGiven} numbers. */
  private static Case withSeqsGiven(Case c, int seqsGiven) {
    return Samples.stored(
        c, new Team(c.partners(), seqsGiven, c.team().joinRequests()), c.reflections(), c.audit());
  }
}
