package dev.userbase.domain;

/** Holds the in-memory fake to the same contract as the real adapters. */
class InMemoryUserRepositoryTest extends UserRepositoryContract {

  @Override
  protected UserRepository newRepository() {
    return new InMemoryUserRepository();
  }
}
