package kring.core.conversation;

import java.util.List;
import kring.core.cases.Case;
import kring.core.outbox.OutboundMessage;

/**
 * What a step of the case's own schedule (a check-in or reflection round opening or closing) does
 * to the case as read, and what it says: committed together.
 *
 * @param after the case after the step; the same case when there was nothing to do
 * @param messages what the step says
 */
record Step(Case after, List<OutboundMessage> messages) {

  Step {
    messages = List.copyOf(messages);
  }

  /** Nothing to do: the case stays as read. */
  static Step none(Case read) {
    return new Step(read, List.of());
  }
}
