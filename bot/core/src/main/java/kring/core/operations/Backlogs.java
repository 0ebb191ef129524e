package kring.core.operations;

import java.time.Instant;

/** Reads how much work is waiting; each read costs a few cheap store commands, never a scan. */
public interface Backlogs {

  /** How much is waiting at {@code now}. */
  Backlog read(Instant now);
}
