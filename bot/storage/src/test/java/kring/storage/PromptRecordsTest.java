package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.PromptKind;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptRecordsTest {

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  static final UserRef ANN = Samples.slackUser("U01ANN");
  static final UserRef TEAMS =
      new UserRef(Platform.TEAMS, "tenant-1", "29:1AbC-dEf_gHiJkLmNoPqRsTuV:wxyz");
  static final Instant DUE = Instant.parse("2026-09-29T08:00:00Z");

  @Test
  void aPromptWithItsKindsWindowIsStoredAsTheSecondItIsDue() {
    DuePrompt invite =
        DuePrompt.of(
            CODE,
            PromptKind.CHECK_IN_INVITE,
            ANN,
            3,
            1,
            DUE,
            DUE.plus(PromptKind.CHECK_IN_INVITE.validFor()));

    String stored = PromptRecords.write(invite);

    assertThat(stored).isEqualTo(String.valueOf(DUE.getEpochSecond()));
    assertThat(PromptRecords.read(invite.id(), stored)).isEqualTo(invite);
  }

  @Test
  void aPromptWithAnotherWindowOrMillisecondsKeepsThemExactly() {
    DuePrompt moved =
        DuePrompt.of(CODE, PromptKind.KICKOFF_REMINDER, TEAMS, 2, DUE, DUE.plusSeconds(3600))
            .movedTo(DUE.plusMillis(1_234));

    String stored = PromptRecords.write(moved);

    assertThat(stored)
        .isEqualTo((DUE.getEpochSecond() + 1) + ".234 " + (DUE.getEpochSecond() + 3600));
    assertThat(PromptRecords.read(moved.id(), stored)).isEqualTo(moved);
  }

  @Test
  void everyKindInBothKindsOfIdRoundTrips() {
    for (PromptKind kind : PromptKind.values()) {
      DuePrompt single = DuePrompt.of(CODE, kind, TEAMS, 1, DUE, DUE.plus(kind.validFor()));
      DuePrompt series =
          DuePrompt.of(CODE, kind, ANN, 20_725, 2, DUE, DUE.plus(Duration.ofDays(40)));
      for (DuePrompt prompt : new DuePrompt[] {single, series}) {
        String stored = PromptRecords.write(prompt);
        assertThat(stored).matches("[0-9 .]+");
        assertThat(PromptRecords.read(prompt.id(), stored)).isEqualTo(prompt);
      }
    }
  }

  @Test
  void aPromptAnOlderKringStoredAsJsonIsRead() {
    // As every Kring before the compact form stored a planned prompt.
    String id = "K-7F3Q/check_in_invite/3.1/slack:T9:U01ANN";
    String stored =
        "{\"id\":\"K-7F3Q/check_in_invite/3.1/slack:T9:U01ANN\",\"caseCode\":\"K-7F3Q\","
            + "\"kind\":\"CHECK_IN_INVITE\",\"person\":{\"platform\":\"SLACK\",\"space\":\"T9\","
            + "\"user\":\"U01ANN\"},\"step\":1,\"dueAt\":\"2026-09-29T08:00:00Z\","
            + "\"validUntil\":\"2026-10-02T08:00:00Z\"}";

    DuePrompt read = PromptRecords.read(id, stored);

    assertThat(read)
        .isEqualTo(
            DuePrompt.of(
                CODE,
                PromptKind.CHECK_IN_INVITE,
                ANN,
                3,
                1,
                DUE,
                Instant.parse("2026-10-02T08:00:00Z")));
    assertThat(PromptRecords.write(read)).isEqualTo(String.valueOf(DUE.getEpochSecond()));
  }

  @Test
  void aPromptWhoseIdSaysLessThanItHoldsOrWithNanosecondsIsStoredWhole() {
    DuePrompt madeUp =
        new DuePrompt(
            "p-1", CODE, PromptKind.UPDATE_DUE, ANN, 1, DUE, DUE.plus(Duration.ofDays(3)));
    DuePrompt padded =
        new DuePrompt(
            "K-7F3Q/update_due/01/slack:T9:U01ANN",
            CODE,
            PromptKind.UPDATE_DUE,
            ANN,
            1,
            DUE,
            DUE.plus(Duration.ofDays(3)));
    DuePrompt fine =
        DuePrompt.of(CODE, PromptKind.UPDATE_DUE, ANN, 1, DUE.plusNanos(5), DUE.plusSeconds(9));

    for (DuePrompt prompt : new DuePrompt[] {madeUp, padded, fine}) {
      String stored = PromptRecords.write(prompt);
      assertThat(stored).startsWith("{");
      assertThat(PromptRecords.read(prompt.id(), stored)).isEqualTo(prompt);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "1788249600 1788249700 1788249800", "1788249600.5", "{"})
  void aValueThatIsNeitherFormIsRefusedWithoutNamingThePerson(String stored) {
    String id = "K-7F3Q/update_due/1/slack:T9:U01ANN";

    assertThatThrownBy(() -> PromptRecords.read(id, stored))
        .isInstanceOf(UnreadableRecord.class)
        .hasMessageContaining("K-7F3Q")
        .hasMessageNotContaining("U01ANN");
  }

  @Test
  void aCompactValueUnderAnIdThatNamesNoPromptIsRefused() {
    assertThatThrownBy(() -> PromptRecords.read("K-7F3Q/no_such_kind/1/slack:T9:U1", "1788249600"))
        .isInstanceOf(UnreadableRecord.class);
    assertThatThrownBy(() -> PromptRecords.read("p-1", "1788249600"))
        .isInstanceOf(UnreadableRecord.class);
  }
}
