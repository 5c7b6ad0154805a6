package dev.userbase.persistence.sqlite;

import dev.userbase.domain.UserName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Adds {@code name_key}, the name's search key, with an index for prefix search. The key is
 * computed in Java for the rows already there, because SQLite's lower() folds ASCII only.
 */
final class V3__name_search_key extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("ALTER TABLE users ADD COLUMN name_key TEXT NOT NULL DEFAULT ''");
    }
    try (Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT id, name FROM users");
        PreparedStatement update =
            connection.prepareStatement("UPDATE users SET name_key = ? WHERE id = ?")) {
      int pending = 0;
      while (rows.next()) {
        update.setString(1, UserName.searchKey(rows.getString(2)));
        update.setLong(2, rows.getLong(1));
        update.addBatch();
        if (++pending == 1_000) {
          update.executeBatch();
          pending = 0;
        }
      }
      update.executeBatch();
    }
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE INDEX users_name_key ON users (name_key, id)");
    }
  }
}
