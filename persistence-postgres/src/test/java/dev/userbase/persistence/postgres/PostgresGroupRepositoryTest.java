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

  @Override
  protected long orphanedMemberships() throws java.sql.SQLException {
    try (java.sql.Connection connection = context
            .getBean(dev.userbase.persistence.jdbc.PooledDatabase.class)
            .dataSource()
            .getConnection();
        java.sql.Statement sql = connection.createStatement();
        java.sql.ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM memberships m"
            + " LEFT JOIN users u ON u.id = m.user_id LEFT JOIN user_groups g ON g.id = m.group_id"
            + " WHERE u.id IS NULL OR g.id IS NULL")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
