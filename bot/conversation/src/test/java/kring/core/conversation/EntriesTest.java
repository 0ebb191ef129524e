package kring.core.conversation;

import static kring.core.conversation.Entries.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kring.testing.EntryPoints;
import org.junit.jupiter.api.Test;

/**
 * The registry of Kring's entry points: two features that declare the same command word, button
 * action or form id stop Kring at its start instead of one silently taking the other's.
 */
class EntriesTest {

  static final Entries.Handler NOTHING = step((turn, input) -> {});

  @Test
  void aWordTwoFeaturesDeclareFailsTheStart() {
    Feature first = e -> e.command("FIRST", List.of("eerste"), List.of("first"), NOTHING);
    Feature second = e -> e.command("SECOND", List.of("tweede"), List.of("First"), NOTHING);

    assertThatThrownBy(() -> Entries.of(List.of(first, second)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'first'");
  }

  @Test
  void aWordInBothLanguagesOfOneCommandIsFine() {
    Entries entries =
        Entries.of(
            List.of(e -> e.command("STATUS", List.of("status"), List.of("status"), NOTHING)));

    assertThat(entries.command("Status")).map(Command::name).contains("STATUS");
  }

  @Test
  void aCommandNameTwoFeaturesDeclareFailsTheStart() {
    Feature first = e -> e.command("SAME", List.of("een"), List.of("one"), NOTHING);
    Feature second = e -> e.command("SAME", List.of("twee"), List.of("two"), NOTHING);

    assertThatThrownBy(() -> Entries.of(List.of(first, second)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'SAME'");
  }

  @Test
  void aButtonActionTwoFeaturesDeclareFailsTheStart() {
    Feature first = e -> e.button("case.pause", NOTHING);
    Feature second = e -> e.button("case.pause", NOTHING);

    assertThatThrownBy(() -> Entries.of(List.of(first, second)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'case.pause'");
  }

  @Test
  void theActionThatOpensFormsIsTheConversationsOwn() {
    Feature taking = e -> e.button(Entries.OPEN_FORM, NOTHING);

    assertThatThrownBy(() -> Entries.of(List.of(taking)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Entries.OPEN_FORM);
  }

  @Test
  void aFormIdTwoFeaturesDeclareFailsTheStart() {
    Feature first = e -> e.form("update.post", null, (turn, values) -> Outcome.NOTHING);
    Feature second = e -> e.form("update.post", null, (turn, values) -> Outcome.NOTHING);

    assertThatThrownBy(() -> Entries.of(List.of(first, second)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'update.post'");
  }

  @Test
  void kringsOwnFeaturesKeepTheWordsActionsAndFormsPeopleAndOldButtonsUse() {
    assertThat(EntryPoints.commands()).hasSize(33);
    assertThat(EntryPoints.commands().stream().map(Command::name))
        .contains("START", "FREE_DAY", "FORGET_ME");
    assertThat(EntryPoints.commands().stream().flatMap(Command::words))
        .contains(
            "vrije dag",
            "free day",
            "vergeet mij",
            "forget me",
            "?",
            "mijn casussen",
            "stemlink",
            "gezinsdoel");
    assertThat(EntryPoints.actions())
        .hasSize(35)
        .contains(
            "form.open",
            "agreement.confirm",
            "case.quiet-close",
            "consent.withdraw",
            "check-in.pick");
    assertThat(EntryPoints.forms())
        .contains("partner.join", "partner.handover", "round.improvements", "update.check");
  }
}
