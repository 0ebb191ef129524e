package kring.core.cases;

import java.time.Instant;
import java.util.List;

/**
 * One line of a case's audit trail: who did what, when. Holds no free text people wrote.
 *
 * @param at when
 * @param actorSeq the partner who acted, or 0 for Kring itself or a non-member
 * @param event what happened, a text key under {@code audit.}
 * @param args short values for the text (partner handles, version numbers)
 */
public record AuditEntry(Instant at, int actorSeq, String event, List<String> args) {

  public AuditEntry {
    args = List.copyOf(args);
  }
}
