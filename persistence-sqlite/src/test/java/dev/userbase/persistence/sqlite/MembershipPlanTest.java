package dev.userbase.persistence.sqlite;

import dev.userbase.persistence.jdbc.MembershipPlanContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** A page of members and a page of a user's groups are index ranges with no sort. */
class MembershipPlanTest extends MembershipPlanContract {

  @TempDir
  Path folder;

  @Override
  protected Map<String, Object> newStore() {
    return SqliteTestContexts.properties(folder.resolve("users.db"));
  }

  @Override
  protected Connection connect(Map<String, Object> store) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("users.db"));
  }

  @Override
  protected String explain() {
    return "EXPLAIN QUERY PLAN";
  }

  @Override
  protected String membersRange() {
    return "SEARCH m USING PRIMARY KEY (group_id=? AND user_id>?)";
  }

  @Override
  protected String groupsRange() {
    return "SEARCH m USING COVERING INDEX memberships_user (user_id=? AND group_id>?)";
  }

  @Override
  protected String sortStep() {
    return "USE TEMP B-TREE";
  }
}
