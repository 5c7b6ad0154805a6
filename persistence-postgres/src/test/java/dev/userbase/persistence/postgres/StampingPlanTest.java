package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.StampingPlanContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** PostgreSQL finds the events to stamp on events_unstamped, a partial index of them alone. */
class StampingPlanTest extends StampingPlanContract {

  private final PostgresTestServer server = PostgresTestServer.get();
  private final String schema = server.newDatabase();

  @Override
  protected Map<String, Object> newStore() {
    return server.properties(schema);
  }

  @Override
  protected void dropStore() {
    server.dropDatabase(schema);
  }

  @Override
  protected Connection connect(Map<String, Object> store) throws SQLException {
    Connection connection = server.connect();
    try (Statement settings = connection.createStatement()) {
      settings.execute("SET search_path TO " + schema);
    }
    return connection;
  }

  @Override
  protected String unstampedRange() {
    return "events_unstamped";
  }

  @Override
  protected String walkOverStamped() {
    return "events_pkey";
  }
}
