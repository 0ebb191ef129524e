package kring.core.cases;

import static kring.testing.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import kring.core.cases.Lifecycle.Closure;
import kring.core.cases.Lifecycle.Erasure;
import org.junit.jupiter.api.Test;

/** The lifecycle part: status, pause, closure and erasure proposal, kept as state of their own. */
class LifecycleTest {

  private static final CaseCode CODE = new CaseCode("K-7F3Q");

  @Test
  void aCaseIsClosedExactlyWhenItHasAClosure() {
    assertThatThrownBy(() -> new Lifecycle(CaseStatus.CLOSED, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Lifecycle(
                    CaseStatus.ACTIVE, null, new Closure(at(1), Closure.Reason.COORDINATOR), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Closure(null, Closure.Reason.COORDINATOR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Closure(null, Closure.Reason.UNRECORDED).at()).isNull();
  }

  @Test
  void closingKeepsHowAndWhenAndAClosedCaseRefusesChanges() {
    Lifecycle closed = Lifecycle.STARTED.agreed().closed(at(5), Closure.Reason.FINAL_EVALUATION);

    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.closure()).isEqualTo(new Closure(at(5), Closure.Reason.FINAL_EVALUATION));
    assertThat(closed.open()).isFalse();
    assertThatThrownBy(() -> closed.requireOpen(CODE))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("refusal.case-closed");
  }

  @Test
  void onlyAnIntakeCaseBecomesActiveWhenEveryoneAgreed() {
    Lifecycle active = Lifecycle.STARTED.agreed();

    assertThat(active.status()).isEqualTo(CaseStatus.ACTIVE);
    assertThat(active.agreed()).isSameAs(active);
  }

  @Test
  void aPauseKeepsWhoPausedAndTellsAChannelLossApart() {
    Lifecycle byCoordinator = Lifecycle.STARTED.paused(new Pause(at(1), 2));
    Lifecycle byKring = Lifecycle.STARTED.paused(new Pause(at(1), 0));

    assertThat(byCoordinator.paused()).isTrue();
    assertThat(byCoordinator.pausedForChannel()).isFalse();
    assertThat(byKring.pausedForChannel()).isTrue();
    assertThat(byKring.resumed().paused()).isFalse();
  }

  @Test
  void anErasureProposalIsStateThatAConfirmationClosesAndANewProposalReplaces() {
    Lifecycle proposed = Lifecycle.STARTED.agreed().erasureProposed(at(1), 1);

    assertThat(proposed.erasureProposed()).contains(new Erasure(at(1), 1, null, 0));
    assertThat(proposed.erasureConfirmed()).isFalse();
    Lifecycle confirmed = proposed.erasureConfirmed(at(2), 2);
    assertThat(confirmed.erasureConfirmed()).isTrue();
    assertThat(confirmed.erasureProposed()).isEmpty();
    assertThat(confirmed.closure()).isEqualTo(new Closure(at(2), Closure.Reason.ERASURE));
    Lifecycle again = confirmed.erasureProposed(at(3), 1);
    assertThat(again.erasureConfirmed()).isFalse();
    assertThat(again.status()).isEqualTo(CaseStatus.CLOSED);
  }

  @Test
  void aProposalIsValidForAWeek() {
    Erasure proposal = new Erasure(at(0), 1, null, 0);

    assertThat(proposal.validAt(at(0).plus(Lifecycle.ERASURE_PROPOSAL_VALID))).isTrue();
    assertThat(proposal.validAt(at(0).plus(Duration.ofDays(7)).plusSeconds(1))).isFalse();
  }
}
