package kring.core.privacy;

import java.time.Instant;
import java.util.List;
import kring.core.cases.CaseCode;
import kring.core.identity.UserRef;

/**
 * Removes what Kring keeps, for good: everything of one case, or one person's traces in a case.
 * After either, the store's own files are rewritten so that overwritten values do not survive in
 * them.
 */
public interface Erasure {

  /**
   * Erases every record of a case: the case itself, its channel binding, its planned prompts, its
   * messages waiting or given up, the platform addresses of its channel, and the people who were
   * only in this case. What Kring posted for the case is queued for deletion on the platforms (by
   * the platforms' ids only, see {@link kring.core.outbox.Retractor}). The code goes on the list of
   * erased cases (ids only), so that the erasure can be repeated after an older backup is restored.
   * Erasing an erased case again is harmless.
   */
  void erase(CaseCode code);

  /**
   * Removes a person's traces around a case they left by asking Kring to forget them: their entry
   * in the case's indexes, their planned and handed-out prompts, messages given up on their way to
   * them. The case document itself is changed by the core before this is called. The forgetting is
   * recorded (the case code, a digest of the account and when, never the account), so that it can
   * be repeated after an older backup is restored.
   *
   * @param at when the person was forgotten in the case
   * @param inNoOtherCase whether no case names the person any more, so that what Kring keeps about
   *     them across cases (language, hours, platform address) goes too
   */
  void forget(CaseCode code, UserRef person, Instant at, boolean inNoOtherCase);

  /**
   * A person Kring forgot in a case whom the case names again, typically because an older backup
   * was restored.
   *
   * @param code the case
   * @param person the account the restored case names
   * @param at when they were forgotten; what the case recorded of them later is not undone
   */
  record Forgotten(CaseCode code, UserRef person, Instant at) {}

  /**
   * The people Kring forgot in a case whom the case names again, from before they were forgotten.
   */
  List<Forgotten> forgottenBack();

  /**
   * Removes what Kring keeps about a person across cases (language, hours, share of prompts,
   * platform address), for a person who asked to be forgotten everywhere; recorded like {@link
   * #forget}, so that it can be repeated after an older backup is restored.
   */
  void forgetPerson(UserRef person);

  /**
   * Removes again what Kring keeps across cases about people forgotten everywhere whom no case
   * names, typically because an older backup brought it back.
   *
   * @return how many people's records were removed again
   */
  int forgetPeopleBack();

  /** Whether this code is on the list of erased cases. */
  boolean erased(CaseCode code);

  /** The erased cases whose records are back, typically because an older backup was restored. */
  List<CaseCode> reappeared();

  /**
   * Asks the store again to rewrite its files if an earlier request could not start (a rewrite was
   * already running, which would have kept the erased values).
   */
  void finishRewrites();

  /** No erasure beyond the case document: for tests and tools whose store holds nothing else. */
  Erasure NONE =
      new Erasure() {
        @Override
        public void erase(CaseCode code) {}

        @Override
        public void forget(CaseCode code, UserRef person, Instant at, boolean inNoOtherCase) {}

        @Override
        public List<Forgotten> forgottenBack() {
          return List.of();
        }

        @Override
        public void forgetPerson(UserRef person) {}

        @Override
        public int forgetPeopleBack() {
          return 0;
        }

        @Override
        public boolean erased(CaseCode code) {
          return false;
        }

        @Override
        public List<CaseCode> reappeared() {
          return List.of();
        }

        @Override
        public void finishRewrites() {}
      };
}
