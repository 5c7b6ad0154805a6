package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.MembershipPlanContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A page of members and a page of a user's groups are index ranges with no sort (shown with scans
 * of the whole table and bitmaps priced out, since the planner rightly picks them for a table this
 * small).
 */
class MembershipPlanTest extends MembershipPlanContract {

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
      settings.execute("ANALYZE memberships");
      // A table this small is rightly read whole or by bitmap and sorted; with those priced out,
      // the plan shows the ordered index range a long list gets.
      settings.execute("SET enable_seqscan = off");
      settings.execute("SET enable_bitmapscan = off");
    }
    return connection;
  }

  @Override
  protected String explain() {
    return "EXPLAIN";
  }

  @Override
  protected String membersRange() {
    return "Index Only Scan using memberships_pkey on memberships m";
  }

  @Override
  protected String groupsRange() {
    return "Index Only Scan using memberships_user on memberships m";
  }

  @Override
  protected String sortStep() {
    return "Sort";
  }
}
