package kring.core.outbox;

import java.time.Duration;
import kring.core.identity.Platform;

/** Delivers outbox messages to one platform. Implementations never throw; they classify. */
public interface Messenger {

  /** The platform this messenger delivers to. */
  Platform platform();

  /** The shortest time between two messages in one conversation that the platform allows. */
  Duration pace();

  /** Sends one message and says what happened. */
  Delivery deliver(OutboundMessage message);
}
