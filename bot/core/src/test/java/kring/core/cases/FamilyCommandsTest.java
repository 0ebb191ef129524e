package kring.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import kring.core.agreement.CollaborationLevel;
import kring.core.consent.Basis;
import kring.core.consent.ConsentRecord;
import kring.core.consent.ConsentTerms;
import kring.core.consent.GivenBy;
import kring.core.consent.InfoKind;
import kring.core.identity.UserRef;
import kring.core.partners.Declined;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The goal a representative writes for the family, and the consents a represented person gives and
 * withdraws on their own page.
 */
class FamilyCommandsTest {

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final UserRef ANNA = Samples.slackUser("U1");
  static final UserRef BERT = Samples.slackUser("U2");
  static final UserRef CARL = Samples.slackUser("U3");
  static final Instant NOW = Samples.T0;
  static final LocalDate TODAY = LocalDate.parse("2026-03-02");

  Case c;
  int mother;

  @BeforeEach
  void setUp() {
    c =
        Samples.activeCase(
            CODE,
            Samples.slackChannel("C1"),
            List.of(ANNA, BERT, CARL),
            CollaborationLevel.COORDINATION,
            NOW);
    c = c.represent(ANNA, "mother", Role.PARENT, 2, NOW);
    mother = c.team().seqsGiven();
  }

  Partner mother(Case k) {
    return k.partner(mother).orElseThrow();
  }

  @Test
  void onlyTheRepresentativeWritesTheFamilysGoalAndItIsShortAndStrippedOfNothingElse() {
    Case written = c.familyGoal(BERT, mother, "  Jonas goes to school gladly again.  ", NOW);

    assertThat(mother(written).familyGoal()).isEqualTo("Jonas goes to school gladly again.");
    assertThat(written.audit())
        .anyMatch(
            l ->
                l.event() == AuditEvent.FAMILY_GOAL_WRITTEN
                    && l.actorSeq() == 2
                    && !l.args().toString().contains("Jonas"));
    // The same words again change nothing.
    assertThat(written.familyGoal(BERT, mother, "Jonas goes to school gladly again.", NOW))
        .isSameAs(written);
    assertThatThrownBy(() -> c.familyGoal(ANNA, mother, "Another goal", NOW))
        .isInstanceOf(Refusal.class)
        .extracting(e -> ((Refusal) e).reason())
        .isEqualTo(RefusalReason.FAMILY_GOAL_NOT_YOURS);
    assertThatThrownBy(
            () -> c.familyGoal(BERT, mother, "x".repeat(Partner.FAMILY_GOAL_MAX + 1), NOW))
        .isInstanceOf(Refusal.class)
        .extracting(e -> ((Refusal) e).reason())
        .isEqualTo(RefusalReason.FAMILY_GOAL_LONG);
    assertThat(mother(c.familyGoal(BERT, mother, "x".repeat(Partner.FAMILY_GOAL_MAX), NOW)))
        .extracting(Partner::familyGoal)
        .asString()
        .hasSize(Partner.FAMILY_GOAL_MAX);
    assertThatThrownBy(() -> c.familyGoal(BERT, 2, "A goal for a partner", NOW))
        .isInstanceOf(Refusal.class);

    Case removed = written.familyGoal(BERT, mother, " ", NOW);
    assertThat(mother(removed).familyGoal()).isNull();
    assertThat(removed.audit()).anyMatch(l -> l.event() == AuditEvent.FAMILY_GOAL_REMOVED);
  }

  @Test
  void theGoalAndTheFamilysOwnNoGoWithTheRepresentedPerson() {
    Case written =
        c.familyGoal(BERT, mother, "Jonas goes to school gladly again.", NOW)
            .familyDeclined(mother, InfoKind.HEALTH, 3, TODAY, NOW);
    assertThat(mother(written).familyNo()).containsExactly(new Declined(InfoKind.HEALTH.name(), 3));

    Case removed = written.removeRepresented(ANNA, mother, NOW.plusSeconds(60));

    assertThat(mother(removed).active()).isFalse();
    assertThat(mother(removed).familyGoal()).isNull();
    assertThat(mother(removed).familyNo()).isEmpty();
  }

  ConsentTerms wellbeingTowardsCarl(String wording) {
    return new ConsentTerms(
        GivenBy.PARENTS,
        Basis.CONSENT,
        "",
        List.of(InfoKind.WELLBEING),
        List.of(3),
        List.of(),
        wording,
        TODAY,
        LocalDate.parse("2026-06-30"));
  }

  @Test
  void aNoOnTheirPageWithdrawsTheirOwnConsentAsWithdrawnByThemAndAYesLaterGivesItAgain() {
    Case given = c.familyConsent(mother, wellbeingTowardsCarl("Carl may know."), TODAY, NOW);
    ConsentRecord first = given.consents().records().get(0);
    assertThat(first.recordedBySeq()).isEqualTo(mother);
    // A yes again, on a later page with other words, records nothing new.
    Instant later = NOW.plus(Duration.ofDays(20));
    LocalDate laterDay = TODAY.plusDays(20);
    assertThat(
            given.familyConsent(
                mother, wellbeingTowardsCarl("Carl may know how."), laterDay, later))
        .isEqualTo(given);

    Case withdrawn = given.familyDeclined(mother, InfoKind.WELLBEING, 3, laterDay, later);

    ConsentRecord record = withdrawn.consents().record(first.number()).orElseThrow();
    assertThat(record.withdrawn()).isTrue();
    assertThat(record.withdrawal().bySeq()).isEqualTo(mother);
    assertThat(record.withdrawal().at()).isEqualTo(later);
    assertThat(withdrawn.consents().recorded(laterDay)).isFalse();
    assertThat(mother(withdrawn).familyNo())
        .containsExactly(new Declined(InfoKind.WELLBEING.name(), 3));
    assertThat(withdrawn.audit())
        .anyMatch(
            l ->
                l.event() == AuditEvent.FAMILY_CONSENT_WITHDRAWN
                    && l.actorSeq() == mother
                    && l.args().equals(List.of(String.valueOf(first.number()), "P" + mother)));
    // Saying no again changes nothing.
    assertThat(withdrawn.familyDeclined(mother, InfoKind.WELLBEING, 3, laterDay, later))
        .isSameAs(withdrawn);

    Case again =
        withdrawn.familyConsent(mother, wellbeingTowardsCarl("Carl may know."), laterDay, later);
    assertThat(again.consents().inForce(laterDay)).hasSize(1);
    assertThat(mother(again).familyNo()).isEmpty();
  }

  @Test
  void aNoOnTheirPageLeavesAConsentAPartnerRecordedForThem() {
    Case recorded =
        c.recordConsent(ANNA, wellbeingTowardsCarl("Recorded at the meeting."), TODAY, NOW);

    Case declined = recorded.familyDeclined(mother, InfoKind.WELLBEING, 3, TODAY, NOW);

    assertThat(declined.consents().inForce(TODAY)).hasSize(1);
    assertThat(declined.audit()).noneMatch(l -> l.event() == AuditEvent.FAMILY_CONSENT_WITHDRAWN);
  }
}
