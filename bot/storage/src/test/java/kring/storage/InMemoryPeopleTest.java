package kring.storage;

import kring.core.identity.People;
import kring.testing.InMemoryPeople;

class InMemoryPeopleTest extends PeopleContract {

  @Override
  People newPeople() {
    return new InMemoryPeople();
  }
}
