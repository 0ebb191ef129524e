package kring.core.store;

import java.util.List;
import kring.core.cases.Case;
import kring.core.outbox.OutboundMessage;

/**
 * What a change does to a case as read, and what it says: committed together.
 *
 * @param after the case after the change; the same case when there was nothing to do
 * @param messages what the change says
 */
public record Change(Case after, List<OutboundMessage> messages) {

  public Change {
    if (after == null) {
      throw new IllegalArgumentException("A change leaves a case");
    }
    messages = List.copyOf(messages);
  }

  /** Nothing to do: the case stays as read. */
  public static Change none(Case read) {
    return new Change(read, List.of());
  }
}
