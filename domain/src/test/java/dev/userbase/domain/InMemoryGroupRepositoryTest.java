package dev.userbase.domain;

/** Holds the in-memory fake to the same contract as the real adapters. */
class InMemoryGroupRepositoryTest extends GroupRepositoryContract {

  @Override
  protected Store newStore() {
    InMemoryUserRepository users = new InMemoryUserRepository();
    return new Store(users, new InMemoryGroupRepository(users));
  }
}
