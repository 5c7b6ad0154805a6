package dev.userbase.persistence.postgres;

import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserRepositoryContract;
import io.micronaut.context.ApplicationContext;

/** The repository contract, on a real PostgreSQL server, in a fresh schema per test. */
class PostgresUserRepositoryTest extends UserRepositoryContract {

  private final PostgresTestServer server = PostgresTestServer.get();
  private String schema;
  private ApplicationContext context;

  @Override
  protected UserRepository newRepository() {
    schema = server.newDatabase();
    context = ApplicationContext.run(server.properties(schema));
    return context.getBean(UserRepository.class);
  }

  @Override
  protected void closeRepository() {
    context.close();
    server.dropDatabase(schema);
  }
}
