package kring.core.cases;

import java.time.Instant;
import java.util.List;

/**
 * One line of a case's audit trail: who did what, when. Holds no free text people wrote.
 *
 * @param at when
 * @param actorSeq the partner who acted, or 0 for Kring itself or a non-member
 * @param event what happened
 * @param args short values for the text (partner handles, version numbers)
 */
public record AuditEntry(Instant at, int actorSeq, AuditEvent event, List<String> args) {

  public AuditEntry {
    if (event == null) {
      throw new IllegalArgumentException("An audit line needs an event");
    }
    args = List.copyOf(args);
  }
}
