package kring.storage;

import kring.core.schedule.DuePrompts;
import kring.testing.InMemoryDuePrompts;

class InMemoryDuePromptsTest extends DuePromptsContract {

  @Override
  DuePrompts newDuePrompts() {
    return new InMemoryDuePrompts();
  }
}
