package kring.core.cases;

import static kring.testing.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kring.core.reflection.Anonymity;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import org.junit.jupiter.api.Test;

/** The reflection rounds part: at most one open, numbered on, closed to an anonymous result. */
class ReflectionsTest {

  private static Reflections opened(Reflections rounds, int at) {
    return rounds.opened(
        1,
        RoundKind.REGULAR,
        QuestionBank.FINAL,
        Anonymity.DEFAULT,
        List.of(1, 2, 3),
        at(at),
        at(at + 60),
        at(at));
  }

  @Test
  void oneRoundIsOpenAtATimeAndTooFewPartnersCannotReflect() {
    Reflections one = opened(Reflections.NONE, 0);

    assertThat(one.open().map(ReflectionRound::number)).contains(1);
    assertThatThrownBy(() -> opened(one, 1))
        .hasMessageContaining("refusal.reflection.already-open");
    assertThatThrownBy(
            () ->
                Reflections.NONE.opened(
                    0,
                    RoundKind.REGULAR,
                    QuestionBank.FINAL,
                    Anonymity.DEFAULT,
                    List.of(1),
                    at(0),
                    at(60),
                    at(0)))
        .hasMessageContaining("refusal.reflection.too-few");
  }

  @Test
  void aRoundThatOpensLaterCanBeWithdrawnAndTheKeptRoundsAreCapped() {
    Reflections later =
        Reflections.NONE.opened(
            1,
            RoundKind.REGULAR,
            QuestionBank.FINAL,
            Anonymity.DEFAULT,
            List.of(1, 2, 3),
            at(100),
            at(200),
            at(0));

    assertThat(later.open().orElseThrow().opensAfter(at(0))).isTrue();
    assertThat(later.withdrawn(1).rounds()).isEmpty();
    Reflections many = Reflections.NONE;
    for (int i = 0; i < Reflections.KEPT + 2; i++) {
      many = opened(many, i * 100);
      many = many.replaced(many.open().orElseThrow().close(new SplittableRandom(i)));
    }
    assertThat(many.rounds()).hasSize(Reflections.KEPT);
    assertThat(many.newest()).isEqualTo(Reflections.KEPT + 2);
    assertThat(many.closed()).hasSize(Reflections.KEPT);
  }

  @Test
  void forgettingTakesAPartnerOutOfTheOpenRound() {
    Reflections without = opened(Reflections.NONE, 0).without(Set.of(2));

    assertThat(without.open().orElseThrow().invited()).containsExactly(1, 3);
  }
}
