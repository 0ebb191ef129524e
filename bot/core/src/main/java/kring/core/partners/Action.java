package kring.core.partners;

import static kring.core.partners.Permission.ALLOWED;
import static kring.core.partners.Permission.DENIED;
import static kring.core.partners.Permission.PROPOSE;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a person can try to do in a case: the one permission matrix of Kring, shown to readers in
 * docs/PERMISSIONS.md (a test keeps the two equal). For each action, what a coordinator, backup,
 * partner, informed-only person and non-member may do.
 */
public enum Action {
  ADD_PARTNER(ALLOWED, ALLOWED, PROPOSE, DENIED, DENIED),
  ASK_TO_JOIN(DENIED, DENIED, DENIED, DENIED, ALLOWED),
  REMOVE_PARTNER(ALLOWED, ALLOWED, DENIED, DENIED, DENIED),
  REMOVE_SELF(DENIED, DENIED, ALLOWED, ALLOWED, DENIED),
  INTRODUCE_SELF(ALLOWED, ALLOWED, ALLOWED, ALLOWED, DENIED),
  PROPOSE_AGREEMENT(ALLOWED, ALLOWED, ALLOWED, DENIED, DENIED),
  CONFIRM_AGREEMENT(ALLOWED, ALLOWED, ALLOWED, DENIED, DENIED),
  HAND_OVER_COORDINATION(ALLOWED, DENIED, DENIED, DENIED, DENIED),
  CHANGE_CADENCE(ALLOWED, ALLOWED, PROPOSE, DENIED, DENIED),
  SNOOZE_OWN_PROMPTS(ALLOWED, ALLOWED, ALLOWED, DENIED, DENIED),
  START_REFLECTION(ALLOWED, ALLOWED, PROPOSE, DENIED, DENIED),
  ANSWER(ALLOWED, ALLOWED, ALLOWED, DENIED, DENIED),
  /** The roles table: a partner "posts updates"; informed-only people do not act. */
  POST_UPDATE(ALLOWED, ALLOWED, ALLOWED, DENIED, DENIED),
  RECORD_CONSENT(ALLOWED, ALLOWED, ALLOWED, DENIED, DENIED),
  /**
   * Recording or removing a known transition (exams, a change of school): like an update it is news
   * about the pupil, so every partner who acts may.
   */
  RECORD_TRANSITION(ALLOWED, ALLOWED, ALLOWED, DENIED, DENIED),
  /**
   * Closing a reflection round before its deadline, so that the final evaluation can start: it cuts
   * the others' time short, so only the coordination may.
   */
  CLOSE_REFLECTION(ALLOWED, ALLOWED, DENIED, DENIED, DENIED),
  READ_CASE(ALLOWED, ALLOWED, ALLOWED, ALLOWED, DENIED),
  CLOSE_CASE(ALLOWED, ALLOWED, DENIED, DENIED, DENIED),
  /** Issue "a case moves": the coordinator re-binds the case to a new channel (the backup too). */
  MOVE_CASE(ALLOWED, ALLOWED, DENIED, DENIED, DENIED),
  /** Proposing it; one other partner who acts confirms it. */
  ERASE_CASE(ALLOWED, ALLOWED, DENIED, DENIED, DENIED),
  FORGET_ME(ALLOWED, ALLOWED, ALLOWED, ALLOWED, DENIED),
  /**
   * Handing a represented pupil or parent a private link to give their own view and consent: only
   * the partner who represents them, and only someone who acts in the case.
   */
  GIVE_FAMILY_LINK(ALLOWED, ALLOWED, ALLOWED, DENIED, DENIED);

  private final Map<CaseRole, Permission> byRole = new EnumMap<>(CaseRole.class);

  Action(
      Permission coordinator,
      Permission backup,
      Permission partner,
      Permission informedOnly,
      Permission nonMember) {
    byRole.put(CaseRole.COORDINATOR, coordinator);
    byRole.put(CaseRole.BACKUP, backup);
    byRole.put(CaseRole.PARTNER, partner);
    byRole.put(CaseRole.INFORMED_ONLY, informedOnly);
    byRole.put(CaseRole.NON_MEMBER, nonMember);
  }

  /** What someone in {@code role} may do with this action. */
  public Permission forRole(CaseRole role) {
    return byRole.get(role);
  }
}
