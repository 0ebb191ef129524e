package kring.storage;

import kring.scheduler.planning.PromptBudget;
import kring.testing.InMemoryPromptBudget;

class InMemoryPromptBudgetTest extends PromptBudgetContract {

  @Override
  PromptBudget newBudget() {
    return new InMemoryPromptBudget();
  }
}
