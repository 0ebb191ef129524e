package kring.core.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kring.core.cases.CaseCode;
import kring.core.identity.Platform;

/**
 * What Kring posted for each case, and the queue of what it is to delete because its case was
 * erased. Only the platforms' opaque ids are kept, never what a message said; the queue does not
 * say which case an item came from.
 */
public interface Retractions {

  /**
   * Kring posted these for a case. They are kept until the case is erased; for a case already
   * erased (a message delivered while its case was being erased) they go straight to the queue.
   */
  void posted(CaseCode code, List<Posted> posted);

  /**
   * Takes up to {@code max} items due for deletion at {@code now}, for this node: no other node
   * takes them until {@code lease} is over, after which an item not finished is due again.
   */
  List<Retracting> claim(Instant now, int max, Duration lease);

  /** The item is deleted, was gone already, or is given up: it leaves the queue. */
  void finished(Retracting item);

  /**
   * The item is to be tried again at {@code at}.
   *
   * @param counted whether this try counts towards the item's attempts (a wait a platform asked for
   *     before Kring even tried does not)
   */
  void retry(Retracting item, Instant at, boolean counted);

  /** How many items wait to be deleted, taken or not. */
  long waiting();

  /**
   * The account {@code origin} on {@code platform} lets Kring in again (a workspace installed Kring
   * again): what waits to be deleted there is due now.
   */
  void resume(Platform platform, String origin);

  /**
   * One item taken from the queue.
   *
   * @param posted what to delete
   * @param attempt 1 for the first try, 2 for the first retry …
   * @param handle the store's own name for the item
   */
  record Retracting(Posted posted, int attempt, String handle) {}

  /** Keeps nothing: nothing Kring posts is ever deleted. For tests and tools without a store. */
  Retractions NONE =
      new Retractions() {
        @Override
        public void posted(CaseCode code, List<Posted> posted) {}

        @Override
        public List<Retracting> claim(Instant now, int max, Duration lease) {
          return List.of();
        }

        @Override
        public void finished(Retracting item) {}

        @Override
        public void retry(Retracting item, Instant at, boolean counted) {}

        @Override
        public long waiting() {
          return 0;
        }

        @Override
        public void resume(Platform platform, String origin) {}
      };
}
