package dev.userbase.persistence.mariadb;

import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserRepositoryContract;
import io.micronaut.context.ApplicationContext;

/** The repository contract, on a real MariaDB server, in a fresh database per test. */
class MariadbUserRepositoryTest extends UserRepositoryContract {

  private final MariadbTestServer server = MariadbTestServer.get();
  private String database;
  private ApplicationContext context;

  @Override
  protected UserRepository newRepository() {
    database = server.newDatabase();
    context = ApplicationContext.run(server.properties(database));
    return context.getBean(UserRepository.class);
  }

  @Override
  protected void closeRepository() {
    context.close();
    server.dropDatabase(database);
  }
}
