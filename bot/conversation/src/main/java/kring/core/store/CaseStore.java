package kring.core.store;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.Cases;
import kring.core.cases.ChannelTaken;
import kring.core.cases.ConcurrentChange;
import kring.core.identity.ChannelRef;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.core.outbox.Outbox;

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
   * Stores what a turn that changed no case did: the languages people chose in it and the prompt
   * put off in it, then its messages, so that an answer that confirms either is only written once
   * it stands. A store that can writes them at once; this one writes one after the other, the
   * put-off through {@code plans}.
   */
  default void send(TurnMessages sent, Outbox outbox, People people, PlanWriter plans) {
    sent.languages().forEach(people::setLanguage);
    Runnable told = sent.putOff().map(plans::putOff).orElse(() -> {});
    outbox.enqueueAll(sent.messages());
    told.run();
  }

  /**
   * A turn that read with {@link TurnRead.Extra#bindHere} committed no case with that code in
   * {@code channel} (it was refused, changed nothing, or is done again): a store that bound the
   * channel with the read gives it back as it was, so that the channel stays free for its next
   * case. Nothing happens where the read did not bind it.
   */
  default void unclaimed(ChannelRef channel, CaseCode code) {}

  /**
   * Whether the case committed a turn of this platform delivery ({@link CaseCommit#delivery}).
   *
   * @param delivery the delivery's digest
   */
  boolean delivered(CaseCode code, String delivery);

  /**
   * Whether the platform sent a delivery before ({@link Sighting}), remembering the marks it did
   * not find from now on; atomic, so of two nodes handling the same delivery at once exactly one
   * finds it new. For a turn whose read did not decide it ({@link TurnRead.Extra#firstSight}).
   *
   * @param speaker the person whose turn handles the delivery: a store may keep the marks with them
   */
  Sighting.Found sight(UserRef speaker, Sighting sighting);

  /**
   * What a turn in {@code channel} reads before it decides: the case that lives there, and the
   * languages its speaker and the case's people chose. A store that can reads them at once; this
   * one reads the case, then the languages.
   */
  default TurnRead read(ChannelRef channel, UserRef speaker, Cases cases, People people) {
    Optional<Case> here = cases.findByChannel(channel);
    Set<UserRef> asked = new LinkedHashSet<>();
    asked.add(speaker);
    here.ifPresent(c -> asked.addAll(c.team().namedPeople()));
    return new TurnRead(here, asked, people.languages(asked));
  }

  /**
   * What a turn in {@code channel} reads before it decides, with what else it asked for where the
   * store can read that at once (what it did not read, the turn reads when it needs it).
   */
  default TurnRead read(
      ChannelRef channel, UserRef speaker, Cases cases, People people, Set<TurnRead.Extra> extra) {
    return read(channel, speaker, cases, people);
  }
}
