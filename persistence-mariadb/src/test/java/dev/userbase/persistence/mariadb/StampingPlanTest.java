package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.StampingPlanContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** MariaDB finds the events to stamp on events_position, whose NULL entries are just those. */
class StampingPlanTest extends StampingPlanContract {

  private final MariadbTestServer server = MariadbTestServer.get();
  private final String database = server.newDatabase();

  @Override
  protected Map<String, Object> newStore() {
    return server.properties(database);
  }

  @Override
  protected void dropStore() {
    server.dropDatabase(database);
  }

  @Override
  protected Connection connect(Map<String, Object> store) throws SQLException {
    return DriverManager.getConnection(
        server.urlOf(database), server.username(), server.password());
  }

  @Override
  protected String unstampedRange() {
    return "key=events_position";
  }

  @Override
  protected String walkOverStamped() {
    return "key=PRIMARY";
  }
}
