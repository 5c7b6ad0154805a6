package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.NameSearchPlanContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * A name search can run as a range on the name_key index (shown with the index forced, since the
 * optimizer rightly scans a table this small).
 */
class NameSearchPlanTest extends NameSearchPlanContract {

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
  protected String users() {
    return "users FORCE INDEX (users_name_key)";
  }

  @Override
  protected String indexRange() {
    return "type=range possible_keys=users_name_key key=users_name_key";
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
  protected String groupNameRange() {
    return "type=range possible_keys=user_groups_name_key key=user_groups_name_key";
  }

  @Override
  protected String groups() {
    return "user_groups FORCE INDEX (user_groups_name_key)";
  }

  @Override
  protected String sortStep() {
    return "filesort";
  }
}
