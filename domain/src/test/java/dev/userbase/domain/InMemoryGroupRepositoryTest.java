package dev.userbase.domain;

/** Holds the in-memory fake to the same contract as the real adapters. */
class InMemoryGroupRepositoryTest extends GroupRepositoryContract {

  private InMemoryGroupRepository groups;

  @Override
  protected Store newStore() {
    InMemoryUserRepository users = new InMemoryUserRepository();
    groups = new InMemoryGroupRepository(users);
    return new Store(users, groups);
  }

  @Override
  protected long orphanedMemberships() {
    return groups.orphans();
  }
}
