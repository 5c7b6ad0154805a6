package dev.userbase.persistence.postgres;

import dev.userbase.domain.ChangeFeed;
import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.UserRepository;
import dev.userbase.persistence.jdbc.PooledDatabase;
import dev.userbase.persistence.jdbc.ServerChangeFeedContract;
import io.micronaut.context.ApplicationContext;
import javax.sql.DataSource;

/** The change feed's contract on a real server, in a database of its own per test. */
class PostgresChangeFeedTest extends ServerChangeFeedContract {

  private final PostgresTestServer server = PostgresTestServer.get();
  private String database;
  private ApplicationContext context;

  @Override
  protected Store newStore() {
    database = server.newDatabase();
    context = ApplicationContext.run(server.properties(database));
    return new Store(
        context.getBean(UserRepository.class),
        context.getBean(GroupRepository.class),
        context.getBean(ChangeFeed.class));
  }

  @Override
  protected DataSource dataSource() {
    return context.getBean(PooledDatabase.class).dataSource();
  }

  @Override
  protected void closeStore() {
    context.close();
    server.dropDatabase(database);
  }
}
