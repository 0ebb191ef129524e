package kring.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.CollaborationLevel;
import kring.core.agreement.Task;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.partners.CaseRole;
import kring.core.partners.JoinRequest;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

class CaseTest {

  static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
  static final UserRef ANNA = new UserRef(Platform.SLACK, "T1", "UANNA");
  static final UserRef BERT = new UserRef(Platform.SLACK, "T1", "UBERT");
  static final UserRef CARO = new UserRef(Platform.SLACK, "T1", "UCARO");

  static Case started() {
    return Case.start(new CaseCode("K-7F3Q"), null, CHANNEL, Language.NL, ANNA, "Anna", NOW);
  }

  static Case withPartner(Case c, UserRef user, boolean informedOnly) {
    JoinRequest ask =
        new JoinRequest(user, user.user(), "CLB", Sector.CLB, Role.CLB, informedOnly, NOW);
    return c.askToJoin(ask).acceptJoin(ANNA, user, NOW);
  }

  static Draft complete(int coordinator) {
    return Draft.empty()
        .withTasks(List.of(new Task(1, "coordinates", "")))
        .withGoal(
            "Back in class full-time by Easter",
            Draft.empty().perspective(),
            coordinator,
            0,
            Draft.empty().communication(),
            Draft.empty().evaluation());
  }

  @Test
  void aForgottenPartnersNumberIsNeverGivenToSomeoneElse() {
    UserRef dora = new UserRef(Platform.SLACK, "T1", "UDORA");
    Case c =
        Samples.activeCase(
            new CaseCode("K-7F3Q"),
            new ChannelRef(Platform.SLACK, "T1", "C1"),
            List.of(ANNA, BERT, CARO),
            CollaborationLevel.COORDINATION,
            NOW);

    Case forgotten = c.forget(CARO, NOW);
    Case joined =
        forgotten
            .askToJoin(new JoinRequest(dora, "Dora", null, Sector.CLB, Role.CLB, false, NOW))
            .acceptJoin(ANNA, dora, NOW);

    assertThat(forgotten.partners()).noneMatch(p -> p.is(CARO));
    assertThat(joined.partner(dora).orElseThrow().seq()).isEqualTo(4);
  }

  @Test
  void theStarterIsTheInterimCoordinator() {
    Case c = started();
    assertThat(c.roleOf(ANNA)).isEqualTo(CaseRole.COORDINATOR);
    assertThat(c.roleOf(BERT)).isEqualTo(CaseRole.NON_MEMBER);
    assertThat(c.status()).isEqualTo(CaseStatus.INTAKE);
  }

  @Test
  void onlyTheCoordinatorOrBackupAcceptsAJoinRequest() {
    Case c = withPartner(started(), BERT, false);
    Case asked =
        c.askToJoin(
            new JoinRequest(CARO, "Caro", null, Sector.YOUTH_CARE, Role.NAFT_COACH, false, NOW));
    assertThatThrownBy(() -> asked.acceptJoin(BERT, CARO, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.only-coordinator-accepts");
    assertThat(asked.acceptJoin(ANNA, CARO, NOW).roleOf(CARO)).isEqualTo(CaseRole.PARTNER);
  }

  @Test
  void acceptingTwiceHasOneEffect() {
    Case once = withPartner(started(), BERT, false);
    assertThat(once.acceptJoin(ANNA, BERT, NOW)).isSameAs(once);
    assertThat(once.partners()).hasSize(2);
  }

  @Test
  void theSameJoinRequestTwiceChangesNothing() {
    JoinRequest ask = new JoinRequest(BERT, "Bert", null, Sector.CLB, Role.CLB, false, NOW);
    Case once = started().askToJoin(ask);
    JoinRequest again =
        new JoinRequest(BERT, "Bert", null, Sector.CLB, Role.CLB, false, NOW.plusSeconds(1));
    assertThat(once.askToJoin(again)).isSameAs(once);
  }

  @Test
  void becomesActiveOnlyWhenEveryConfirmingPartnerConfirmedACompleteVersion() {
    Case c = withPartner(started(), BERT, false);
    c = c.propose(ANNA, complete(1), 0, NOW);
    c = c.confirm(ANNA, 1, NOW);
    assertThat(c.status()).isEqualTo(CaseStatus.INTAKE);
    c = c.confirm(BERT, 1, NOW);
    assertThat(c.status()).isEqualTo(CaseStatus.ACTIVE);
    assertThat(c.agreements().agreedVersion()).isEqualTo(1);
  }

  @Test
  void anIncompleteVersionConfirmedByAllDoesNotActivate() {
    Case c =
        started().propose(ANNA, Draft.empty().withTasks(List.of(new Task(1, "x", ""))), 0, NOW);
    c = c.confirm(ANNA, 1, NOW);
    assertThat(c.status()).isEqualTo(CaseStatus.INTAKE);
    assertThat(c.agreements().agreedVersion()).isZero();
  }

  @Test
  void informedOnlyPeopleAndRepresentedPeopleNeverBlockAConfirmation() {
    Case c = withPartner(started(), CARO, true);
    Partner represented =
        new Partner(
            9, null, "mother", null, Sector.FAMILY, Role.PARENT, Membership.REPRESENTED, ANNA, NOW);
    Case withRepresented =
        new Case(
            c.code(),
            null,
            c.channel(),
            c.language(),
            c.startedAt(),
            c.lifecycle(),
            new Team(
                java.util.stream.Stream.concat(
                        c.partners().stream(), java.util.stream.Stream.of(represented))
                    .toList(),
                9,
                c.team().joinRequests()),
            c.agreements(),
            c.settings(),
            c.activity(),
            c.reflections(),
            c.consents(),
            c.audit(),
            c.revision());
    Case agreed = withRepresented.propose(ANNA, complete(1), 0, NOW).confirm(ANNA, 1, NOW);
    assertThat(agreed.status()).isEqualTo(CaseStatus.ACTIVE);
    assertThatThrownBy(() -> agreed.confirm(CARO, 1, NOW)).isInstanceOf(Refusal.class);
  }

  @Test
  void aNewVersionNeedsConfirmingAgainAndTheOldCannotBeConfirmed() {
    Case c = withPartner(started(), BERT, false).propose(ANNA, complete(1), 0, NOW);
    c = c.confirm(ANNA, 1, NOW);
    Draft changed =
        c.currentAgreement().orElseThrow().draft().withTasks(List.of(new Task(2, "intake", "")));
    Case v2 = c.propose(BERT, changed, 1, NOW);
    assertThat(v2.agreements().currentVersion()).isEqualTo(2);
    assertThat(v2.currentAgreement().orElseThrow().confirmations()).isEmpty();
    assertThatThrownBy(() -> v2.confirm(BERT, 1, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.stale-version");
  }

  @Test
  void aProposalBuiltOnAnOlderVersionIsRefusedButTheSameProposalTwiceIsANoOp() {
    Case v1 = started().propose(ANNA, complete(1), 0, NOW);
    assertThat(v1.propose(ANNA, complete(1), 0, NOW)).isSameAs(v1);
    Draft other = complete(1).withTasks(List.of(new Task(1, "something else", "")));
    assertThatThrownBy(() -> v1.propose(ANNA, other, 0, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.stale-version");
  }

  @Test
  void theAgreedCoordinatorReplacesTheInterimOne() {
    Case c = withPartner(started(), BERT, false);
    c = c.propose(ANNA, complete(2), 0, NOW).confirm(ANNA, 1, NOW).confirm(BERT, 1, NOW);
    assertThat(c.roleOf(BERT)).isEqualTo(CaseRole.COORDINATOR);
    assertThat(c.roleOf(ANNA)).isEqualTo(CaseRole.PARTNER);
    Case agreed = c;
    assertThatThrownBy(() -> agreed.close(ANNA, NOW, new SplittableRandom(1)))
        .isInstanceOf(Refusal.class);
    assertThat(c.close(BERT, NOW, new SplittableRandom(1)).status()).isEqualTo(CaseStatus.CLOSED);
  }

  @Test
  void aNonMemberCannotProposeConfirmOrIntroduce() {
    Case c = started().propose(ANNA, complete(1), 0, NOW);
    assertThatThrownBy(() -> c.confirm(BERT, 1, NOW)).isInstanceOf(Refusal.class);
    assertThatThrownBy(() -> c.propose(BERT, complete(1), 1, NOW)).isInstanceOf(Refusal.class);
    assertThatThrownBy(() -> c.introduce(BERT, "Bert", null, Sector.CLB, Role.CLB, NOW))
        .isInstanceOf(Refusal.class);
  }

  @Test
  void aClosedCaseRefusesEveryChange() {
    Case closed = started().close(ANNA, NOW, new SplittableRandom(1));
    assertThatThrownBy(() -> closed.propose(ANNA, complete(1), 0, NOW))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.case-closed");
  }

  @Test
  void everyChangeLeavesAnAuditLine() {
    Case c =
        withPartner(started(), BERT, false)
            .propose(ANNA, complete(1), 0, NOW)
            .confirm(ANNA, 1, NOW);
    assertThat(c.audit())
        .extracting(AuditEntry::event)
        .containsExactly(
            AuditEvent.CASE_STARTED,
            AuditEvent.JOIN_ASKED,
            AuditEvent.JOIN_ACCEPTED,
            AuditEvent.AGREEMENT_PROPOSED,
            AuditEvent.AGREEMENT_CONFIRMED);
  }
}
