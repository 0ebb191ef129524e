package kring.core.cases;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;

/** All cases, each bound to one channel; the one system of record for them. */
public interface Cases {

  /** The case with this code, if any. */
  Optional<Case> find(CaseCode code);

  /** The cases with these codes that exist; a store may read them in one round trip. */
  default Map<CaseCode, Case> findAll(Collection<CaseCode> codes) {
    Map<CaseCode, Case> found = new HashMap<>();
    for (CaseCode code : codes) {
      find(code).ifPresent(c -> found.put(code, c));
    }
    return found;
  }

  /** The case bound to this channel, if any. */
  Optional<Case> findByChannel(ChannelRef channel);

  /**
   * The cases this person takes part in or asked to join, for their personal overview; in no
   * particular order.
   */
  List<Case> findByPerson(UserRef person);

  /**
   * Every case that records anything about this person ({@link Case#names}): also those they left
   * and those where they speak for someone; in no particular order. Data-subject requests use it.
   */
  List<Case> findNaming(UserRef person);

  /**
   * Stores a new case and binds its channel, atomically.
   *
   * @throws ChannelTaken when the channel already holds a case
   * @throws IllegalStateException when the code is already in use (pick another)
   */
  void create(Case newCase);

  /**
   * Replaces a case if nobody changed it since it was read ({@code changed.revision()} is the
   * revision that was read); the stored revision goes up by one.
   *
   * @return the case as stored, with its new revision
   * @throws ConcurrentChange when someone else wrote in between
   */
  Case update(Case changed);

  /**
   * Replaces a case that moved to another channel, and binds that channel in place of {@code from},
   * atomically.
   *
   * @return the case as stored, with its new revision
   * @throws ChannelTaken when the new channel already holds a case
   * @throws ConcurrentChange when someone else wrote in between
   */
  Case move(Case moved, ChannelRef from);
}
