package kring.storage;

import kring.core.outbox.Outbox;
import kring.testing.InMemoryOutbox;

class InMemoryOutboxTest extends OutboxContract {

  private InMemoryOutbox fake;

  @Override
  Outbox newOutbox() {
    fake = new InMemoryOutbox();
    return fake;
  }

  @Override
  boolean stores(String id) {
    return fake.stores(id);
  }
}
