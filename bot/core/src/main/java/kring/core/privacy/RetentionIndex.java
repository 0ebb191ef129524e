package kring.core.privacy;

import java.time.Instant;
import java.util.List;
import kring.core.cases.CaseCode;

/**
 * When each case was last touched by its people, when it was closed, and when its erasure is due:
 * what the retention clock needs to find the few cases that are due without reading them all.
 */
public interface RetentionIndex {

  /** People acted in an open case; an open question to close it is answered by that. */
  void active(CaseCode code, Instant at);

  /**
   * The case was closed; its retention period starts. Recording it again keeps the first time.
   *
   * @return whether this call recorded it (of several nodes closing the same case, one does)
   */
  boolean closed(CaseCode code, Instant at);

  /** The case is to be erased at {@code at}, before its retention period ends. */
  void eraseAt(CaseCode code, Instant at);

  /** Open cases nobody acted in since {@code cutoff} and whose coordinator was not yet asked. */
  List<CaseCode> quietSince(Instant cutoff, int max);

  /**
   * The coordinator is asked whether to close this quiet case.
   *
   * @return whether this call took the case from the quiet ones (of several nodes, one does)
   */
  boolean asked(CaseCode code, Instant at);

  /** Quiet cases whose coordinator was asked before {@code cutoff} and nobody acted since. */
  List<CaseCode> askedBefore(Instant cutoff, int max);

  /** Closed cases closed before {@code cutoff}. */
  List<CaseCode> closedBefore(Instant cutoff, int max);

  /** Cases whose erasure was asked for and is due at {@code now}. */
  List<CaseCode> erasuresDue(Instant now, int max);

  /** Forgets the case: it is erased. */
  void forget(CaseCode code);

  /** No index: nothing is ever due. */
  RetentionIndex NONE =
      new RetentionIndex() {
        @Override
        public void active(CaseCode code, Instant at) {}

        @Override
        public boolean closed(CaseCode code, Instant at) {
          return false;
        }

        @Override
        public void eraseAt(CaseCode code, Instant at) {}

        @Override
        public List<CaseCode> quietSince(Instant cutoff, int max) {
          return List.of();
        }

        @Override
        public boolean asked(CaseCode code, Instant at) {
          return false;
        }

        @Override
        public List<CaseCode> askedBefore(Instant cutoff, int max) {
          return List.of();
        }

        @Override
        public List<CaseCode> closedBefore(Instant cutoff, int max) {
          return List.of();
        }

        @Override
        public List<CaseCode> erasuresDue(Instant now, int max) {
          return List.of();
        }

        @Override
        public void forget(CaseCode code) {}
      };
}
