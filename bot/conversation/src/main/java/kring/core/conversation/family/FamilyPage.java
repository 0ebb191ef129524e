package kring.core.conversation.family;

import java.time.LocalDate;
import java.util.List;
import kring.core.consent.InfoKind;
import kring.core.i18n.Language;
import kring.core.partners.Role;

/**
 * What the page of a link may show: nothing that names the case or a person.
 *
 * @param tokenHash the hash of the link's token, to bind the page's form to it
 * @param pupil whether the page is for the pupil rather than a parent
 * @param language the case's language
 * @param goal the goal in the plain words the representative wrote for the person, or empty: never
 *     the partners' own wording
 * @param roles the partners' roles, never their names
 * @param questions the consent questions, each one kind of information towards one partner
 * @param until the last day a consent given now holds
 */
public record FamilyPage(
    String tokenHash,
    boolean pupil,
    Language language,
    String goal,
    List<Role> roles,
    List<Question> questions,
    LocalDate until) {

  /**
   * One yes or no.
   *
   * @param id its name in the form
   * @param kind the kind of information
   * @param towardsSeq the partner it may go to
   * @param role that partner's role
   * @param before what the person answered to it before, on an earlier page: "yes" while a consent
   *     they gave holds, "no" when they said no, or empty
   */
  public record Question(String id, InfoKind kind, int towardsSeq, Role role, String before) {

    public Question {
      before = before == null ? "" : before;
    }
  }

  public FamilyPage {
    goal = goal == null ? "" : goal;
    roles = List.copyOf(roles);
    questions = List.copyOf(questions);
  }
}
