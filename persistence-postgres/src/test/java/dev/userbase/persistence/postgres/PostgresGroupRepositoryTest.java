package dev.userbase.persistence.postgres;

import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.GroupRepositoryContract;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;

/** The groups contract, on a real PostgreSQL server, in a fresh schema per test. */
class PostgresGroupRepositoryTest extends GroupRepositoryContract {

  private final PostgresTestServer server = PostgresTestServer.get();
  private String schema;
  private ApplicationContext context;

  @Override
  protected Store newStore() {
    schema = server.newDatabase();
    context = ApplicationContext.run(server.properties(schema));
    return new Store(context.getBean(UserRepository.class), context.getBean(GroupRepository.class));
  }

  @Override
  protected void closeStore() {
    context.close();
    server.dropDatabase(schema);
  }
}
