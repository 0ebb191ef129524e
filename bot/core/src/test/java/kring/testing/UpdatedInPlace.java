package kring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import kring.core.outbox.Delivery;
import kring.core.outbox.Posted;
import kring.core.reply.Reply;

/**
 * A join request as its coordinator sees it before and after it was handled, for the tests of a
 * platform's messages that are updated in place.
 */
public final class UpdatedInPlace {

  private UpdatedInPlace() {}

  /** The request, with the buttons to handle it. */
  public static Reply asked() {
    return Reply.builder()
        .text("Bert asks to join")
        .primary("Accept", "join.accept", "4")
        .button("Decline", "join.decline", "4")
        .build();
  }

  /** The same request once handled: what happened, and no buttons. */
  public static Reply handled() {
    return Reply.builder().text("Accepted by Anna").build();
  }

  /** The post that shows a delivered message, or null. */
  public static Posted shown(Delivery delivery) {
    assertThat(delivery).isInstanceOf(Delivery.Delivered.class);
    return ((Delivery.Delivered) delivery).shown();
  }
}
