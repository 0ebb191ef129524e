package kring.storage;

import kring.core.cases.Cases;
import kring.testing.InMemoryCases;

class InMemoryCasesTest extends CasesContract {

  @Override
  Cases newCases() {
    return new InMemoryCases();
  }
}
