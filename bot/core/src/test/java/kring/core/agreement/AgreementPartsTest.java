package kring.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.Agreement.Part;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import org.junit.jupiter.api.Test;

/** A version that cannot yet make a case active knows, and can say, what it still lacks. */
class AgreementPartsTest {

  static final Instant AT = Instant.parse("2026-03-02T08:15:00Z");

  static List<String> named(Agreement a, Language language) {
    return a.missing().stream().map(part -> Texts.get(language, part.textKey())).toList();
  }

  @Test
  void anEmptyVersionLacksAllThreeAndSaysSoInOneList() {
    Agreement empty = Agreement.first(Draft.empty(), 1, AT);

    assertThat(empty.missing()).containsExactly(Part.GOAL, Part.ROLES, Part.COORDINATOR);
    assertThat(empty.complete()).isFalse();
    assertThat(Texts.list(Language.NL, named(empty, Language.NL)))
        .isEqualTo("een gezamenlijk doel, een taakverdeling en een regiehouder");
    assertThat(Texts.list(Language.EN, named(empty, Language.EN)))
        .isEqualTo("a shared goal, a role split and a coordinator");
  }

  @Test
  void aVersionWithAGoalAndACoordinatorLacksOnlyTheRoleSplit() {
    Draft draft = Draft.empty();
    Draft goal =
        draft.withGoal(
            "Back in class by Easter",
            draft.perspective(),
            1,
            0,
            draft.communication(),
            draft.evaluation());
    Agreement a = Agreement.first(goal, 1, AT);

    assertThat(a.missing()).containsExactly(Part.ROLES);
    assertThat(Texts.list(Language.NL, named(a, Language.NL))).isEqualTo("een taakverdeling");

    Agreement complete =
        Agreement.first(goal.withTasks(List.of(new Task(1, "runs the meetings", ""))), 1, AT);
    assertThat(complete.missing()).isEmpty();
    assertThat(complete.complete()).isTrue();
  }

  @Test
  void twoMissingPartsReadWithAnd() {
    assertThat(Texts.list(Language.NL, List.of("een doel", "een regiehouder")))
        .isEqualTo("een doel en een regiehouder");
    assertThat(Texts.list(Language.EN, List.of())).isEmpty();
  }
}
