package kring.core.partners;

import java.time.Instant;
import java.util.List;
import kring.core.identity.UserRef;

/**
 * A person in a case.
 *
 * @param seq the partner's number within the case (P1, P2 …), never reused
 * @param user the person's account, or null for a represented person without one
 * @param displayName how the partners know this person; for a represented person a label such as
 *     "mother", never required to be a full name
 * @param organisation where the person works, or null
 * @param sector the sector, or null until the person introduced themselves
 * @param role the role from the catalogue, or null until the person introduced themselves
 * @param membership partner, informed-only or represented
 * @param representedBy for a represented person, the partner who speaks for them
 * @param since when the person became part of the case
 * @param unreachableSince when the platform said this person's account can no longer be reached
 *     (deactivated), or null
 * @param leftAt when the person left the case (left the channel, said so, or was removed), or null;
 *     a partner who left stays listed so that the agreements that name them still read
 * @param voice for a represented person, their perspective as their representative recorded it, or
 *     null
 * @param familyGoal for a represented person, the goal in the plain words their representative
 *     wrote for them, at most {@link #FAMILY_GOAL_MAX} characters, shown on their private page; or
 *     null
 * @param familyNo for a represented person, the consents they said no to themselves on their page,
 *     so that their next page shows that choice again; empty for everyone else
 */
public record Partner(
    int seq,
    UserRef user,
    String displayName,
    String organisation,
    Sector sector,
    Role role,
    Membership membership,
    UserRef representedBy,
    Instant since,
    Instant unreachableSince,
    Instant leftAt,
    Voice voice,
    String familyGoal,
    List<Declined> familyNo) {

  /** The longest goal a representative writes for the person they represent. */
  public static final int FAMILY_GOAL_MAX = 300;

  /** A partner who can be reached and has not left. */
  public Partner(
      int seq,
      UserRef user,
      String displayName,
      String organisation,
      Sector sector,
      Role role,
      Membership membership,
      UserRef representedBy,
      Instant since) {
    this(
        seq,
        user,
        displayName,
        organisation,
        sector,
        role,
        membership,
        representedBy,
        since,
        null,
        null,
        null,
        null,
        List.of());
  }

  public Partner {
    if (seq < 1) {
      throw new IllegalArgumentException("A partner number starts at 1");
    }
    if (membership == null) {
      throw new IllegalArgumentException("A partner needs a membership");
    }
    if (user == null && membership != Membership.REPRESENTED && leftAt == null) {
      throw new IllegalArgumentException("Only a represented or a forgotten person has no account");
    }
    if (user != null && membership == Membership.REPRESENTED) {
      throw new IllegalArgumentException("A represented person has no account");
    }
    if (membership == Membership.REPRESENTED && representedBy == null && leftAt == null) {
      throw new IllegalArgumentException("A represented person needs a representative");
    }
    if (voice != null && membership != Membership.REPRESENTED) {
      throw new IllegalArgumentException("Only a represented person's voice is recorded");
    }
    if (familyGoal != null
        && (membership != Membership.REPRESENTED
            || familyGoal.isBlank()
            || familyGoal.length() > FAMILY_GOAL_MAX)) {
      throw new IllegalArgumentException("A family goal is a short text for a represented person");
    }
    familyNo = familyNo == null ? List.of() : List.copyOf(familyNo);
    if (!familyNo.isEmpty() && membership != Membership.REPRESENTED) {
      throw new IllegalArgumentException("Only a represented person says no on their page");
    }
  }

  /** The short handle shown on buttons and in forms: P1, P2 … */
  public String handle() {
    return "P" + seq;
  }

  public boolean hasAccount() {
    return user != null;
  }

  public boolean introduced() {
    return role != null;
  }

  /** Whether this person must confirm agreements: an account holder who acts in the case. */
  public boolean confirms() {
    return membership == Membership.PARTNER && active();
  }

  /** Whether this person is still part of the case: they have not left it. */
  public boolean active() {
    return leftAt == null;
  }

  /** This represented person with their perspective recorded. */
  public Partner withVoice(Voice value) {
    return changed(representedBy, leftAt, value, familyGoal, familyNo);
  }

  /** This represented person with the goal written for them, or none (null). */
  public Partner withFamilyGoal(String goal) {
    return changed(representedBy, leftAt, voice, goal, familyNo);
  }

  /** This represented person with the consents they said no to on their page. */
  public Partner withFamilyNo(List<Declined> declined) {
    return changed(representedBy, leftAt, voice, familyGoal, declined);
  }

  /**
   * This partner as having left the case at {@code at}; the goal written for a represented person
   * goes with them, and so do their own choices on it, since no page shows them any more.
   */
  public Partner left(Instant at) {
    return changed(representedBy, at, voice, null, List.of());
  }

  /**
   * This partner once they asked to be forgotten: they left (if they had not yet), and nothing
   * names them any more. Their number and role stay, so that the agreements and the audit trail
   * still read and the role split shows the gap, under a neutral name.
   *
   * @param neutralName "a former partner" in the case's language
   */
  public Partner forgotten(String neutralName, Instant at) {
    return new Partner(
        seq,
        null,
        neutralName,
        null,
        sector,
        role,
        membership,
        null,
        since,
        null,
        leftAt == null ? at : leftAt,
        null,
        null,
        List.of());
  }

  /** Whether this entry was a person Kring was asked to forget: it has left and names nobody. */
  public boolean forgotten() {
    return user == null && membership != Membership.REPRESENTED;
  }

  /** This represented person, now spoken for by {@code representative}, or by nobody (null). */
  public Partner representedBy(UserRef representative, Instant at) {
    return changed(
        representative,
        representative == null && leftAt == null ? at : leftAt,
        voice,
        representative == null ? null : familyGoal,
        representative == null ? List.of() : familyNo);
  }

  private Partner changed(
      UserRef newRepresentedBy,
      Instant newLeftAt,
      Voice newVoice,
      String newGoal,
      List<Declined> newNo) {
    return new Partner(
        seq,
        user,
        displayName,
        organisation,
        sector,
        role,
        membership,
        newRepresentedBy,
        since,
        unreachableSince,
        newLeftAt,
        newVoice,
        newGoal,
        newNo);
  }

  public boolean is(UserRef person) {
    return user != null && user.equals(person);
  }

  public Partner introduce(String name, String organisation, Sector sector, Role role) {
    return new Partner(
        seq,
        user,
        name,
        organisation,
        sector,
        role,
        membership,
        representedBy,
        since,
        unreachableSince,
        leftAt,
        voice,
        familyGoal,
        familyNo);
  }

  /** Whether the platform said this person's account can no longer be reached. */
  public boolean unreachable() {
    return unreachableSince != null;
  }

  /** This partner marked unreachable since {@code at}, or reachable again with null. */
  public Partner unreachableSince(Instant at) {
    return new Partner(
        seq,
        user,
        displayName,
        organisation,
        sector,
        role,
        membership,
        representedBy,
        since,
        at,
        leftAt,
        voice,
        familyGoal,
        familyNo);
  }
}
