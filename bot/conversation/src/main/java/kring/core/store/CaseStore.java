package kring.core.store;

import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.ChannelTaken;
import kring.core.cases.ConcurrentChange;

/**
 * Stores what one turn did to its case in one commit: the case (if nobody changed it since the turn
 * read it), the messages it sends, its planned prompts and the due prompts it finished. A crash
 * before the commit leaves nothing of the turn; after it, everything, and the messages are
 * delivered.
 */
public interface CaseStore {

  /**
   * Commits a turn.
   *
   * @return the case as stored, with its new revision
   * @throws ConcurrentChange when someone else changed the case since the turn read it (the turn is
   *     then done again on what they stored), or when the case is gone
   * @throws ChannelTaken when the case was to live in a channel that holds another case
   * @throws IllegalStateException when a case the turn created has a code already in use
   */
  Case commit(CaseCommit commit);

  /**
   * Whether the case committed a turn of this platform delivery ({@link CaseCommit#delivery}).
   *
   * @param delivery the delivery's digest
   */
  boolean delivered(CaseCode code, String delivery);
}
