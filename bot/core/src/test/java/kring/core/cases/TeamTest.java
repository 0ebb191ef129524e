package kring.core.cases;

import static kring.testing.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import kring.core.identity.UserRef;
import kring.core.partners.CaseRole;
import kring.core.partners.JoinRequest;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

/** The team part: joining, representing, leaving, forgetting and the never-reused numbers. */
class TeamTest {

  private static final UserRef ANN = Samples.slackUser("U1");
  private static final UserRef BEN = Samples.slackUser("U2");
  private static final UserRef CAS = Samples.slackUser("U3");

  private static JoinRequest asks(UserRef user, Role role, boolean informedOnly) {
    return new JoinRequest(user, user.user(), null, role.usualSector(), role, informedOnly, at(1));
  }

  private static Team twoOfUs() {
    return Team.startedBy(ANN, "Ann", at(0)).asked(asks(BEN, Role.CLB, false)).accepted(BEN, at(2));
  }

  @Test
  void anAcceptedApplicantJoinsUnderTheNextNumberAndTheirRequestGoes() {
    Team team = twoOfUs();

    assertThat(team.joined().seq()).isEqualTo(2);
    assertThat(team.seqsGiven()).isEqualTo(2);
    assertThat(team.joinRequest(BEN)).isEmpty();
    assertThat(team.partner(BEN).map(Partner::membership)).contains(Membership.PARTNER);
    assertThatThrownBy(() -> team.accepted(CAS, at(3)))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("refusal.no-join-request");
  }

  @Test
  void askingTheSameAgainChangesNothingAndAPartnerCannotAsk() {
    Team asked = Team.startedBy(ANN, "Ann", at(0)).asked(asks(BEN, Role.CLB, false));

    assertThat(asked.asked(asks(BEN, Role.CLB, false))).isSameAs(asked);
    assertThatThrownBy(() -> asked.asked(asks(ANN, Role.TEACHER, false)))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("refusal.already-partner");
  }

  @Test
  void aForgottenPartnersNumberIsNeverGivenAgain() {
    Team forgotten = twoOfUs().forgotten(BEN, Set.of(2), "a former partner", at(3));

    assertThat(forgotten.partner(2).map(Partner::hasAccount)).contains(false);
    Team next = forgotten.asked(asks(CAS, Role.TEACHER, false)).accepted(CAS, at(4));
    assertThat(next.joined().seq()).isEqualTo(3);
    assertThatThrownBy(() -> new Team(forgotten.partners(), 1, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never gave out");
  }

  @Test
  void aRepresentedPersonIsSpokenForByAPartnerWhoActsAndPassesOnWhenTheyGo() {
    Team team = twoOfUs().represented("mother", Role.PARENT, 2, at(3));

    Partner mother = team.joined();
    assertThat(mother.membership()).isEqualTo(Membership.REPRESENTED);
    assertThat(mother.representedBy()).isEqualTo(BEN);
    assertThat(team.represented("Mother", Role.PARENT, 2, at(4))).isSameAs(team);
    assertThatThrownBy(() -> team.represented("uncle", Role.TEACHER, 2, at(4)))
        .hasMessageContaining("refusal.represent-role");
    assertThat(team.spokenForBy(BEN)).containsExactly(mother);
    Team passed = team.passed(team.spokenForBy(BEN), ANN, at(5));
    assertThat(passed.partner(mother.seq()).orElseThrow().representedBy()).isEqualTo(ANN);
  }

  @Test
  void theBackupCoordinatesWhenTheCoordinatorLeft() {
    Team team = twoOfUs();

    assertThat(team.roleOf(ANN, 1, 2)).isEqualTo(CaseRole.COORDINATOR);
    assertThat(team.roleOf(BEN, 1, 2)).isEqualTo(CaseRole.BACKUP);
    Team left = team.changed(1, p -> p.left(at(3)));
    assertThat(left.roleOf(BEN, 1, 2)).isEqualTo(CaseRole.COORDINATOR);
    assertThat(left.backup(1, 2)).isEmpty();
    assertThat(left.leftPartner(ANN)).isPresent();
    assertThat(left.roleOf(ANN, 1, 2)).isEqualTo(CaseRole.NON_MEMBER);
  }

  @Test
  void aTeamIsFullAtItsLimit() {
    Team team = Team.startedBy(ANN, "Ann", at(0));
    for (int i = 2; i <= Team.PARTNER_LIMIT; i++) {
      team = team.asked(asks(Samples.partnerUser(i), Role.TEACHER, false));
    }
    Team full = team;

    assertThatThrownBy(() -> full.asked(asks(CAS, Role.TEACHER, false)))
        .hasMessageContaining("refusal.case-full");
    assertThat(twoOfUs().youthCareOnly()).isFalse();
    assertThat(Team.startedBy(ANN, "Ann", at(0)).youthCareOnly()).isTrue();
  }
}
