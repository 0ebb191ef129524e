package kring.core.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import kring.core.identity.UserRef;
import kring.core.partners.CaseRole;
import kring.core.partners.JoinRequest;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.partners.Voice;

/**
 * The people of a case: its partners (also those who left), the people waiting to join, and how
 * many partner numbers the case gave out. It owns who joins, who speaks for whom, who leaves and
 * who coordinates, given the numbers the agreed version names.
 *
 * @param partners everyone in the case, in the order they joined; a forgotten partner is gone
 * @param seqsGiven how many partner numbers the case gave out: P1 up to this one. It never goes
 *     down, so a number is never given to a second person, not even after the first was forgotten
 *     and nothing else names them; a consent recorded towards a number stays with that person
 * @param joinRequests channel members waiting to be accepted
 */
public record Team(List<Partner> partners, int seqsGiven, List<JoinRequest> joinRequests) {

  /** How many people a case may hold; a support network is small. */
  public static final int PARTNER_LIMIT = 40;

  /** The longest label for a represented person ("mother", "pupil"); never required a name. */
  public static final int LABEL_MAX = 40;

  public Team {
    partners = List.copyOf(partners);
    joinRequests = List.copyOf(joinRequests);
    int given = seqsGiven;
    if (partners.stream().anyMatch(p -> p.seq() > given)) {
      throw new IllegalArgumentException("A partner holds a number the case never gave out");
    }
  }

  /** A new team: the person who started the case, as P1. */
  static Team startedBy(UserRef starter, String starterName, Instant now) {
    Partner first =
        new Partner(1, starter, starterName, null, null, null, Membership.PARTNER, null, now);
    return new Team(List.of(first), 1, List.of());
  }

  // ---- reading

  /** The person's place in the case while they take part; someone who left has none. */
  public Optional<Partner> partner(UserRef user) {
    return partners.stream().filter(p -> p.is(user) && p.active()).findFirst();
  }

  /** The person as a partner who left the case, most recently, if they did. */
  public Optional<Partner> leftPartner(UserRef user) {
    return partners.stream()
        .filter(p -> p.is(user) && !p.active())
        .reduce((earlier, later) -> later);
  }

  public Optional<Partner> partner(int seq) {
    return partners.stream().filter(p -> p.seq() == seq).findFirst();
  }

  public Optional<JoinRequest> joinRequest(UserRef user) {
    return joinRequests.stream().filter(r -> r.user().equals(user)).findFirst();
  }

  /** The partner's number while they take part, or 0 for anyone else. */
  int seqOf(UserRef user) {
    return partner(user).map(Partner::seq).orElse(0);
  }

  /** Whether this partner acts in the case: an account holder who confirms agreements. */
  boolean acts(int seq) {
    return partner(seq).filter(Partner::confirms).isPresent();
  }

  /**
   * The coordinating partner: the one with number {@code coordinatorSeq} while they take part; when
   * they left, the backup ({@code backupSeq}, 0 for none) takes over their powers.
   */
  Optional<Partner> coordinator(int coordinatorSeq, int backupSeq) {
    Optional<Partner> named = partner(coordinatorSeq).filter(Partner::active);
    return named.isPresent() ? named : backupNamed(backupSeq);
  }

  /** The backup, while they are not standing in for a coordinator who left. */
  Optional<Partner> backup(int coordinatorSeq, int backupSeq) {
    return partner(coordinatorSeq).filter(Partner::active).flatMap(c -> backupNamed(backupSeq));
  }

  private Optional<Partner> backupNamed(int backupSeq) {
    return backupSeq > 0 ? partner(backupSeq).filter(Partner::active) : Optional.empty();
  }

  /** The role of a person, given the numbers of the coordinator and the backup. */
  CaseRole roleOf(UserRef user, int coordinatorSeq, int backupSeq) {
    Optional<Partner> partner = partner(user);
    if (partner.isEmpty()) {
      return CaseRole.NON_MEMBER;
    }
    if (coordinator(coordinatorSeq, backupSeq).filter(c -> c.is(user)).isPresent()) {
      return CaseRole.COORDINATOR;
    }
    if (backup(coordinatorSeq, backupSeq).filter(b -> b.is(user)).isPresent()) {
      return CaseRole.BACKUP;
    }
    return partner.get().membership() == Membership.INFORMED_ONLY
        ? CaseRole.INFORMED_ONLY
        : CaseRole.PARTNER;
  }

  /** Whether this person takes part in the case or is waiting to be accepted. */
  public boolean involves(UserRef user) {
    return partner(user).isPresent() || joinRequest(user).isPresent();
  }

  /** Everyone with an account the case knows: partners and people waiting to join. */
  public List<UserRef> people() {
    List<UserRef> people = new ArrayList<>();
    partners.stream().filter(p -> p.hasAccount() && p.active()).forEach(p -> people.add(p.user()));
    joinRequests.forEach(r -> people.add(r.user()));
    return people;
  }

  /** The partners who must confirm agreements: account holders who act in the case. */
  public List<Partner> confirmingPartners() {
    return partners.stream().filter(Partner::confirms).toList();
  }

  /** Whether no partner comes from a school or the CLB, so the case may work through holidays. */
  public boolean youthCareOnly() {
    return partners.stream()
        .noneMatch(p -> p.sector() == Sector.EDUCATION || p.sector() == Sector.CLB);
  }

  /**
   * Whether the case records anything about this person: as a partner (also after they left), as
   * the representative of someone without an account, or as someone waiting to join.
   */
  public boolean names(UserRef person) {
    return partners.stream().anyMatch(p -> p.is(person) || person.equals(p.representedBy()))
        || joinRequest(person).isPresent();
  }

  /** Everyone with an account the case names: partners, also those who left, and applicants. */
  public List<UserRef> namedPeople() {
    List<UserRef> named = new ArrayList<>();
    partners.stream().filter(Partner::hasAccount).forEach(p -> named.add(p.user()));
    joinRequests.forEach(r -> named.add(r.user()));
    return named.stream().distinct().toList();
  }

  /** The people without an account this person speaks for, while both take part. */
  List<Partner> spokenForBy(UserRef representative) {
    return partners.stream()
        .filter(p -> p.active() && representative.equals(p.representedBy()))
        .toList();
  }

  /** Whether an acting partner has a school partner's place, so may set the school's free days. */
  boolean fromSchool(UserRef user) {
    return partner(user).filter(p -> p.sector() == Sector.EDUCATION).isPresent();
  }

  // ---- changing

  /** A channel member asks to join; asking again replaces the earlier request. */
  Team asked(JoinRequest request) {
    if (partner(request.user()).isPresent()) {
      throw new Refusal(RefusalReason.ALREADY_PARTNER);
    }
    requireRoom();
    Optional<JoinRequest> earlier = joinRequest(request.user());
    if (earlier.isPresent() && earlier.get().sameAs(request)) {
      return this;
    }
    List<JoinRequest> requests = withoutRequestOf(request.user());
    requests.add(request);
    return new Team(partners, seqsGiven, requests);
  }

  /** The applicant's request is accepted: they join under the next number (see {@link #joined}). */
  Team accepted(UserRef applicant, Instant now) {
    JoinRequest request =
        joinRequest(applicant).orElseThrow(() -> new Refusal(RefusalReason.NO_JOIN_REQUEST));
    Membership membership = request.informedOnly() ? Membership.INFORMED_ONLY : Membership.PARTNER;
    Partner joined =
        new Partner(
            seqsGiven + 1,
            applicant,
            request.displayName(),
            request.organisation(),
            request.sector(),
            request.role(),
            membership,
            null,
            now);
    return new Team(with(joined), joined.seq(), withoutRequestOf(applicant));
  }

  /** The partner who joined or was added last. */
  Partner joined() {
    return partners.get(partners.size() - 1);
  }

  Team declined(UserRef applicant) {
    return new Team(partners, seqsGiven, withoutRequestOf(applicant));
  }

  /**
   * A person without an account (the pupil, a parent) is added, spoken for by an acting partner.
   * Adding the same label twice has one effect.
   */
  Team represented(String label, Role role, int representativeSeq, Instant now) {
    String name = label == null ? "" : label.strip();
    if (name.isEmpty() || name.length() > LABEL_MAX) {
      throw new Refusal(RefusalReason.REPRESENT_LABEL, LABEL_MAX);
    }
    if (role != Role.PUPIL && role != Role.PARENT) {
      throw new Refusal(RefusalReason.REPRESENT_ROLE);
    }
    Partner voice =
        partner(representativeSeq)
            .filter(Partner::confirms)
            .orElseThrow(() -> new Refusal(RefusalReason.UNKNOWN_PARTNER, "P" + representativeSeq));
    boolean known =
        partners.stream()
            .anyMatch(
                p ->
                    p.active()
                        && p.membership() == Membership.REPRESENTED
                        && p.displayName().equalsIgnoreCase(name));
    if (known) {
      return this;
    }
    requireRoom();
    Partner added =
        new Partner(
            seqsGiven + 1,
            null,
            name,
            null,
            Sector.FAMILY,
            role,
            Membership.REPRESENTED,
            voice.user(),
            now);
    return new Team(with(added), added.seq(), joinRequests);
  }

  /** A partner tells the others who they are; saying the same again changes nothing. */
  Team introduced(int seq, String name, String organisation, Sector sector, Role role) {
    Partner before = partner(seq).orElseThrow();
    Partner after = before.introduce(name, organisation, sector, role);
    return after.equals(before) ? this : changed(seq, p -> after);
  }

  /** The represented person with this number, while they take part. */
  Partner representedPerson(int seq) {
    return partner(seq)
        .filter(p -> p.active() && p.membership() == Membership.REPRESENTED)
        .orElseThrow(() -> new Refusal(RefusalReason.UNKNOWN_PARTNER, "P" + seq));
  }

  Team voiced(int seq, Voice heard) {
    return changed(seq, p -> p.withVoice(heard));
  }

  /** The partner with this number, changed. */
  Team changed(int seq, UnaryOperator<Partner> change) {
    return new Team(
        partners.stream().map(p -> p.seq() == seq ? change.apply(p) : p).toList(),
        seqsGiven,
        joinRequests);
  }

  /** The people {@code spokenFor} now have {@code to} (null: nobody) speaking for them. */
  Team passed(List<Partner> spokenFor, UserRef to, Instant now) {
    return new Team(
        partners.stream().map(p -> spokenFor.contains(p) ? p.representedBy(to, now) : p).toList(),
        seqsGiven,
        joinRequests);
  }

  /**
   * Every entry of {@code seqs} becomes {@code former} without account, organisation or voice, and
   * the person's join request goes; their numbers are never given again.
   */
  Team forgotten(UserRef person, Set<Integer> seqs, String former, Instant now) {
    return new Team(
        partners.stream().map(p -> seqs.contains(p.seq()) ? p.forgotten(former, now) : p).toList(),
        seqsGiven,
        withoutRequestOf(person));
  }

  /** Whether anyone with an account still takes part, so could act in the case. */
  boolean anyoneActs() {
    return partners.stream().anyMatch(p -> p.hasAccount() && p.active());
  }

  private void requireRoom() {
    if (partners.stream().filter(Partner::active).count() + joinRequests.size() >= PARTNER_LIMIT) {
      throw new Refusal(RefusalReason.CASE_FULL, PARTNER_LIMIT);
    }
  }

  private List<Partner> with(Partner added) {
    List<Partner> more = new ArrayList<>(partners);
    more.add(added);
    return more;
  }

  private List<JoinRequest> withoutRequestOf(UserRef user) {
    List<JoinRequest> kept = new ArrayList<>(joinRequests);
    kept.removeIf(r -> r.user().equals(user));
    return kept;
  }
}
