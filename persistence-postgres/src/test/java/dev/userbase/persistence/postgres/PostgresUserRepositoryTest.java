package dev.userbase.persistence.postgres;

import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserRepositoryContract;
import io.micronaut.context.ApplicationContext;
import java.util.Map;

/** The repository contract, on a real PostgreSQL server, in a fresh schema per test. */
class PostgresUserRepositoryTest extends UserRepositoryContract {

  private final PostgresTestServer server = PostgresTestServer.get();
  private String schema;
  private ApplicationContext context;

  @Override
  protected UserRepository newRepository() {
    schema = server.newDatabase();
    context = ApplicationContext.run(settings(server.properties(schema)));
    return context.getBean(UserRepository.class);
  }

  /** The settings of the application under test, beside the store's. */
  Map<String, Object> settings(Map<String, Object> store) {
    return store;
  }

  @Override
  protected void closeRepository() {
    context.close();
    server.dropDatabase(schema);
  }
}
