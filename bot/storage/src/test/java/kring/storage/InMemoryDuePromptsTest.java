package kring.storage;

import kring.scheduler.planning.DuePrompts;
import kring.testing.InMemoryDuePrompts;

class InMemoryDuePromptsTest extends DuePromptsContract {

  @Override
  DuePrompts newDuePrompts() {
    return new InMemoryDuePrompts();
  }
}
