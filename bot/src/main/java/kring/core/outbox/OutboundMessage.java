package kring.core.outbox;

import java.time.Instant;
import kring.core.cases.CaseCode;
import kring.core.reply.Reply;

/**
 * A message waiting in the outbox.
 *
 * @param id unique id, also what a platform sender may use to recognise a repeat
 * @param to where it goes
 * @param reply what it says
 * @param kind why it is sent, which sets its delivery policy
 * @param caseCode the case it belongs to, or null
 * @param createdAt when it was written
 */
public record OutboundMessage(
    String id, Recipient to, Reply reply, MessageKind kind, CaseCode caseCode, Instant createdAt) {

  public OutboundMessage {
    if (id == null || id.isBlank() || to == null || reply == null || kind == null) {
      throw new IllegalArgumentException("A message needs an id, a recipient, words and a kind");
    }
  }

  public DeliveryPolicy policy() {
    return kind.policy();
  }
}
