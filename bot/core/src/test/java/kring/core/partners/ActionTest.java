package kring.core.partners;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionTest {

  @Test
  void followsTheMatrixOfThePermissionsDocument() {
    assertThat(Action.CLOSE_CASE.forRole(CaseRole.PARTNER)).isEqualTo(Permission.DENIED);
    assertThat(Action.CLOSE_CASE.forRole(CaseRole.BACKUP)).isEqualTo(Permission.ALLOWED);
    assertThat(Action.ADD_PARTNER.forRole(CaseRole.PARTNER)).isEqualTo(Permission.PROPOSE);
    assertThat(Action.START_REFLECTION.forRole(CaseRole.PARTNER)).isEqualTo(Permission.PROPOSE);
    assertThat(Action.CLOSE_REFLECTION.forRole(CaseRole.PARTNER)).isEqualTo(Permission.DENIED);
    assertThat(Action.CLOSE_REFLECTION.forRole(CaseRole.BACKUP)).isEqualTo(Permission.ALLOWED);
    assertThat(Action.READ_CASE.forRole(CaseRole.INFORMED_ONLY)).isEqualTo(Permission.ALLOWED);
    assertThat(Action.READ_CASE.forRole(CaseRole.NON_MEMBER)).isEqualTo(Permission.DENIED);
    assertThat(Action.CONFIRM_AGREEMENT.forRole(CaseRole.INFORMED_ONLY))
        .isEqualTo(Permission.DENIED);
    assertThat(Action.ASK_TO_JOIN.forRole(CaseRole.NON_MEMBER)).isEqualTo(Permission.ALLOWED);
    assertThat(Action.HAND_OVER_COORDINATION.forRole(CaseRole.BACKUP)).isEqualTo(Permission.DENIED);
  }

  @Test
  void everyActionAnswersForEveryRole() {
    for (Action action : Action.values()) {
      for (CaseRole role : CaseRole.values()) {
        assertThat(action.forRole(role)).as(action + " for " + role).isNotNull();
      }
    }
  }
}
