package kring.storage;

import kring.core.schedule.PromptBudget;
import kring.testing.InMemoryPromptBudget;

class InMemoryPromptBudgetTest extends PromptBudgetContract {

  @Override
  PromptBudget newBudget() {
    return new InMemoryPromptBudget();
  }
}
