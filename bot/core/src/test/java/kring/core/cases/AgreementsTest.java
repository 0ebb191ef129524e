package kring.core.cases;

import static kring.testing.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.Task;
import kring.core.identity.UserRef;
import kring.core.partners.JoinRequest;
import kring.core.partners.Role;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/** The agreements part: versions built on the current one, confirmations, the agreed version. */
class AgreementsTest {

  private static final UserRef ANN = Samples.slackUser("U1");
  private static final UserRef BEN = Samples.slackUser("U2");

  private final Team team =
      Team.startedBy(ANN, "Ann", at(0))
          .asked(new JoinRequest(BEN, "Ben", null, Role.CLB.usualSector(), Role.CLB, false, at(1)))
          .accepted(BEN, at(2));

  private static Draft complete() {
    return CaseTest.complete(1).withTasks(List.of(new Task(1, "coordinates", "")));
  }

  @Test
  void aVersionIsBuiltOnTheCurrentOneAndTheSameProposalTwiceHasOneEffect() {
    Agreements first = Agreements.NONE.proposed(complete(), 0, 1, team, at(3));

    assertThat(first.currentVersion()).isEqualTo(1);
    assertThat(first.proposed(complete(), 0, 1, team, at(4))).isSameAs(first);
    assertThatThrownBy(() -> first.proposed(complete().withTasks(List.of()), 0, 1, team, at(4)))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("refusal.stale-version");
    assertThatThrownBy(
            () ->
                Agreements.NONE.proposed(
                    complete().withTasks(List.of(new Task(7, "x", ""))), 0, 1, team, at(3)))
        .hasMessageContaining("refusal.unknown-partner");
  }

  @Test
  void aVersionIsAgreedOnceEveryConfirmingPartnerConfirmedIt() {
    Agreements proposed = Agreements.NONE.proposed(complete(), 0, 1, team, at(3));

    Agreements byAnn = proposed.confirmed(1, 1, at(4));
    assertThat(byAnn.confirmed(1, 1, at(5))).isSameAs(byAnn);
    assertThat(byAnn.confirmedByAll(team.confirmingPartners())).isFalse();
    Agreements byBoth = byAnn.confirmed(1, 2, at(5));
    assertThat(byBoth.confirmedByAll(team.confirmingPartners())).isTrue();
    assertThat(byBoth.agreed()).isEmpty();
    Agreements agreed = byBoth.agreedOnCurrent();
    assertThat(agreed.agreedVersion()).isEqualTo(1);
    assertThat(agreed.agreedAt()).contains(at(5));
    assertThat(agreed.coordinatorSeq()).isEqualTo(1);
    assertThatThrownBy(() -> byAnn.confirmed(2, 2, at(5)))
        .hasMessageContaining("refusal.stale-version");
  }

  @Test
  void beforeAnyAgreementTheStarterCoordinatesAndTheLevelsDefaultRhythmHolds() {
    assertThat(Agreements.NONE.coordinatorSeq()).isEqualTo(1);
    assertThat(Agreements.NONE.backupSeq()).isZero();
    assertThat(Agreements.NONE.cadence()).isNotNull();
    assertThatThrownBy(() -> Agreements.NONE.confirmed(1, 1, at(1)))
        .hasMessageContaining("refusal.no-agreement");
  }
}
