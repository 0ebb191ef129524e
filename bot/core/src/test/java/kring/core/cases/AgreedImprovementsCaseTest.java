package kring.core.cases;

import static kring.core.cases.CaseTest.ANNA;
import static kring.core.cases.CaseTest.BERT;
import static kring.core.cases.CaseTest.CARO;
import static kring.core.cases.CaseTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.agreement.Agreement;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.Task;
import kring.core.reflection.Improvement;
import kring.core.reflection.ReflectionRound;
import org.junit.jupiter.api.Test;

class AgreedImprovementsCaseTest {

  static final Instant LATER = NOW.plusSeconds(3600);
  static final List<Improvement> TWO =
      List.of(new Improvement("a fixed meeting day", 0), new Improvement("shorter notes", 0));

  /** The reflection team with an agreement everyone confirmed, and round 1 closed. */
  static Case agreedAndReflected() {
    Case c = ReflectionCaseTest.team();
    Draft draft =
        CaseTest.complete(1)
            .withTasks(List.of(new Task(1, "coordinates", ""), new Task(2, "guides", "")));
    c = c.propose(ANNA, draft, 0, NOW);
    for (var who : List.of(ANNA, BERT, CARO)) {
      c = c.confirm(who, 1, NOW);
    }
    return closedRound(c);
  }

  static Case closedRound(Case c) {
    return ReflectionCaseTest.started(c).closeReflection(1, LATER, new SplittableRandom(3));
  }

  @Test
  void agreedImprovementsBecomeANewAgreementVersionThatThePartnersConfirm() {
    Case c = agreedAndReflected();
    Agreement first = c.agreements().agreed().orElseThrow();

    Case after = c.agreeImprovements(ANNA, 1, TWO, LATER);

    Agreement second = after.currentAgreement().orElseThrow();
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.improvements()).containsExactly("a fixed meeting day", "shorter notes");
    assertThat(second.draft().withImprovements(List.of())).isEqualTo(first.draft());
    assertThat(second.confirmations()).isEmpty();
    assertThat(after.agreements().agreedVersion()).isEqualTo(1);
    assertThat(after.reflections().round(1).orElseThrow().improvements())
        .extracting(Improvement::agreementVersion)
        .containsOnly(2);
    assertThat(after.audit().subList(c.audit().size(), after.audit().size()))
        .extracting(AuditEntry::event, AuditEntry::args)
        .containsExactly(
            tuple(AuditEvent.AGREEMENT_PROPOSED, List.of("2")),
            tuple(AuditEvent.REFLECTION_IMPROVEMENTS, List.of("1", "2")));

    Case confirmed = after;
    for (var who : List.of(ANNA, BERT, CARO)) {
      confirmed = confirmed.confirm(who, 2, LATER);
    }
    assertThat(confirmed.agreements().agreed().orElseThrow().improvements()).hasSize(2);
    assertThat(confirmed.agreements().versions().get(0).improvements()).isEmpty();
  }

  @Test
  void recordingTheSameListTwiceChangesNothingAndAnotherListMakesAnotherVersion() {
    Case once = agreedAndReflected().agreeImprovements(ANNA, 1, TWO, LATER);

    assertThat(once.agreeImprovements(ANNA, 1, TWO, LATER)).isSameAs(once);

    Case cleared = once.agreeImprovements(ANNA, 1, List.of(), LATER);
    assertThat(cleared.agreements().currentVersion()).isEqualTo(3);
    assertThat(cleared.currentAgreement().orElseThrow().improvements()).isEmpty();
    assertThat(cleared.agreements().versions().get(1).improvements()).hasSize(2);
    assertThat(cleared.reflections().round(1).orElseThrow().improvements()).isEmpty();
  }

  @Test
  void aLaterEditOfTheAgreementCarriesTheImprovementsAlong() {
    Case c = agreedAndReflected().agreeImprovements(ANNA, 1, TWO, LATER);
    Draft edited =
        c.currentAgreement().orElseThrow().draft().withTasks(List.of(new Task(1, "calls", "")));

    Case after = c.propose(BERT, edited, 2, LATER);

    assertThat(after.currentAgreement().orElseThrow().improvements())
        .containsExactly("a fixed meeting day", "shorter notes");
  }

  @Test
  void withoutAnyAgreementTheImprovementsStayWithTheRoundOnly() {
    Case c = closedRound(ReflectionCaseTest.team());

    Case after = c.agreeImprovements(ANNA, 1, TWO, LATER);

    assertThat(after.agreements().versions()).isEmpty();
    assertThat(after.reflections().round(1).orElseThrow().improvements())
        .extracting(Improvement::text, Improvement::agreementVersion)
        .containsExactly(tuple("a fixed meeting day", 0), tuple("shorter notes", 0));
  }

  @Test
  void onlyTheCoordinatorOrBackupRecordsThemAndNothingChangesOnRefusal() {
    Case c = agreedAndReflected();

    assertThatThrownBy(() -> c.agreeImprovements(BERT, 1, TWO, LATER))
        .isInstanceOf(Refusal.class)
        .hasMessage("refusal.reflection.only-coordinator");
    assertThat(c.agreements().currentVersion()).isEqualTo(1);
  }

  @Test
  void anAgreementListsAFewShortImprovementsOnly() {
    Draft draft = Draft.empty();

    assertThatThrownBy(() -> draft.withImprovements(List.of("1", "2", "3", "4", "5", "6")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> draft.withImprovements(List.of("x".repeat(Agreement.IMPROVEMENT_MAX + 1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> draft.withImprovements(List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(draft.withImprovements(List.of("x".repeat(500))).improvements()).hasSize(1);
  }

  @Test
  void theRoundKeepsTheVersionItsImprovementsBecamePartOf() {
    ReflectionRound round =
        agreedAndReflected()
            .agreeImprovements(ANNA, 1, TWO, LATER)
            .reflections()
            .round(1)
            .orElseThrow();

    assertThat(round.improvements()).allMatch(i -> i.agreementVersion() == 2);
  }
}
