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
 * @param roles the partners' roles, never their names
 * @param questions the consent questions, each one kind of information towards one partner
 * @param until the last day a consent given now holds
 */
public record FamilyPage(
    String tokenHash,
    boolean pupil,
    Language language,
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
   */
  public record Question(String id, InfoKind kind, int towardsSeq, Role role) {}

  public FamilyPage {
    roles = List.copyOf(roles);
    questions = List.copyOf(questions);
  }
}
