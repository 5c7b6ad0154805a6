package dev.userbase.persistence.mariadb;

import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.GroupRepositoryContract;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;

/** The groups contract, on a real MariaDB server, in a fresh database per test. */
class MariadbGroupRepositoryTest extends GroupRepositoryContract {

  private final MariadbTestServer server = MariadbTestServer.get();
  private String database;
  private ApplicationContext context;

  @Override
  protected Store newStore() {
    database = server.newDatabase();
    context = ApplicationContext.run(server.properties(database));
    return new Store(context.getBean(UserRepository.class), context.getBean(GroupRepository.class));
  }

  @Override
  protected void closeStore() {
    context.close();
    server.dropDatabase(database);
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
