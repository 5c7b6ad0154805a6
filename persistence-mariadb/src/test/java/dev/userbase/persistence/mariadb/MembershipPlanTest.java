package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.MembershipPlanContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** A page of members and a page of a user's groups are index ranges with no sort. */
class MembershipPlanTest extends MembershipPlanContract {

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
  protected String explain() {
    return "EXPLAIN";
  }

  @Override
  protected String membersRange() {
    return "key=PRIMARY";
  }

  @Override
  protected String groupsRange() {
    return "key=memberships_user";
  }

  @Override
  protected String sortStep() {
    return "filesort";
  }
}
