package kring.core.cases;

import static kring.core.cases.CaseTest.ANNA;
import static kring.core.cases.CaseTest.BERT;
import static kring.core.cases.CaseTest.CARO;
import static kring.core.cases.CaseTest.NOW;
import static kring.core.cases.CaseTest.started;
import static kring.core.cases.CaseTest.withPartner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.consent.Basis;
import kring.core.consent.ConsentRegister;
import kring.core.consent.ConsentTerms;
import kring.core.consent.GivenBy;
import kring.core.consent.InfoKind;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.partners.Role;
import org.junit.jupiter.api.Test;

class ConsentCaseTest {

  /** Monday 30 November 2026, the day of {@link CaseTest#NOW}. */
  static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  static final UserRef STRANGER = new UserRef(Platform.SLACK, "T1", "USTRANGER");

  static ConsentTerms health(List<Integer> partners, List<Role> roles) {
    return new ConsentTerms(
        GivenBy.PARENTS,
        Basis.CONSENT,
        "",
        List.of(InfoKind.HEALTH),
        partners,
        roles,
        "to adjust the timetable",
        TODAY.minusDays(3),
        TODAY.plusMonths(6));
  }

  /** The pupil's consent for one kind towards P2, from {@code informed} until {@code until}. */
  static ConsentTerms pupils(InfoKind kind, String purpose, LocalDate informed, LocalDate until) {
    return new ConsentTerms(
        GivenBy.PUPIL,
        Basis.CONSENT,
        "",
        List.of(kind),
        List.of(2),
        List.of(),
        purpose,
        informed,
        until);
  }

  /** Anna coordinates; Bert (CLB) is a partner; Caro (CLB) is informed only. */
  static Case threePartners() {
    return withPartner(withPartner(started(), BERT, false), CARO, true);
  }

  @Test
  void aPartnerRecordsConsentWhichIsAuditedWithoutItsPurpose() {
    Case c = threePartners();

    Case recorded = c.recordConsent(BERT, health(List.of(1), List.of()), TODAY, NOW);

    assertThat(recorded.consents().records()).hasSize(1);
    assertThat(recorded.consents().record(1).orElseThrow().recordedBySeq()).isEqualTo(2);
    AuditEntry line = recorded.audit().get(recorded.audit().size() - 1);
    assertThat(line)
        .isEqualTo(
            new AuditEntry(
                NOW, 2, AuditEvent.CONSENT_RECORDED, List.of("1", "PARENTS", "CONSENT")));
    assertThat(line.args()).noneMatch(a -> a.contains("timetable"));
  }

  @Test
  void theSameTermsRecordedTwiceHaveOneEffect() {
    Case once = threePartners().recordConsent(ANNA, health(List.of(2), List.of()), TODAY, NOW);

    assertThat(once.recordConsent(ANNA, health(List.of(2), List.of()), TODAY, NOW)).isSameAs(once);
  }

  @Test
  void informedOnlyPeopleAndStrangersCannotRecordOrWithdraw() {
    Case c = threePartners();
    Case recorded = c.recordConsent(ANNA, health(List.of(2), List.of()), TODAY, NOW);

    assertThatThrownBy(() -> c.recordConsent(CARO, health(List.of(2), List.of()), TODAY, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.consent-who");
    assertThatThrownBy(() -> c.recordConsent(STRANGER, health(List.of(2), List.of()), TODAY, NOW))
        .hasMessage("refusal.consent-who");
    assertThatThrownBy(() -> recorded.withdrawConsent(CARO, 1, NOW))
        .hasMessage("refusal.consent-who");
  }

  @Test
  void consentTowardsAPartnerTheCaseDoesNotHaveIsRefused() {
    assertThatThrownBy(
            () -> threePartners().recordConsent(ANNA, health(List.of(9), List.of()), TODAY, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.unknown-partner");
  }

  @Test
  void aPersonInformedInTheFutureOrAConsentAlreadyEndedIsRefused() {
    ConsentTerms future = pupils(InfoKind.WELLBEING, "support", TODAY.plusDays(1), null);
    ConsentTerms ended =
        pupils(InfoKind.WELLBEING, "support", TODAY.minusDays(30), TODAY.minusDays(1));

    assertThatThrownBy(() -> threePartners().recordConsent(ANNA, future, TODAY, NOW))
        .hasMessage("refusal.consent-informed-future");
    assertThatThrownBy(() -> threePartners().recordConsent(ANNA, ended, TODAY, NOW))
        .hasMessage("refusal.consent-ended");
  }

  @Test
  void withdrawingStopsTheCoverButKeepsTheRecordAndTwiceHasOneEffect() {
    Case recorded =
        threePartners().recordConsent(ANNA, health(List.of(), List.of(Role.CLB)), TODAY, NOW);
    var bert = recorded.partner(BERT).orElseThrow();
    assertThat(recorded.consents().covers(InfoKind.HEALTH, bert, TODAY)).isTrue();

    Instant later = NOW.plusSeconds(60);
    Case withdrawn = recorded.withdrawConsent(BERT, 1, later);

    assertThat(withdrawn.consents().covers(InfoKind.HEALTH, bert, TODAY)).isFalse();
    assertThat(withdrawn.consents().record(1).orElseThrow().withdrawal().bySeq()).isEqualTo(2);
    assertThat(withdrawn.consents().recorded(TODAY)).isFalse();
    assertThat(withdrawn.audit().get(withdrawn.audit().size() - 1))
        .isEqualTo(new AuditEntry(later, 2, AuditEvent.CONSENT_WITHDRAWN, List.of("1")));
    assertThat(withdrawn.withdrawConsent(ANNA, 1, later)).isSameAs(withdrawn);
    assertThatThrownBy(() -> withdrawn.withdrawConsent(ANNA, 7, later))
        .hasMessage("refusal.consent-unknown");
  }

  @Test
  void aFullRegisterMakesRoomOnlyByDroppingARecordThatNoLongerHolds() {
    Case c = threePartners();
    for (int i = 0; i < ConsentRegister.LIMIT; i++) {
      ConsentTerms terms = pupils(InfoKind.PRACTICAL, "purpose " + i, TODAY, null);
      c = c.recordConsent(ANNA, terms, TODAY, NOW);
    }
    Case full = c;
    ConsentTerms oneMore = health(List.of(2), List.of());

    assertThatThrownBy(() -> full.recordConsent(ANNA, oneMore, TODAY, NOW))
        .hasMessage("refusal.consent-full");

    Case roomMade = full.withdrawConsent(ANNA, 5, NOW).recordConsent(ANNA, oneMore, TODAY, NOW);
    assertThat(roomMade.consents().records()).hasSize(ConsentRegister.LIMIT);
    assertThat(roomMade.consents().record(5)).isEmpty();
    assertThat(roomMade.consents().record(ConsentRegister.LIMIT + 1)).isPresent();
  }

  @Test
  void aClosedCaseTakesNoConsent() {
    Case closed = threePartners().close(ANNA, NOW, new SplittableRandom(1));

    assertThatThrownBy(() -> closed.recordConsent(ANNA, health(List.of(2), List.of()), TODAY, NOW))
        .hasMessage("refusal.case-closed");
  }
}
