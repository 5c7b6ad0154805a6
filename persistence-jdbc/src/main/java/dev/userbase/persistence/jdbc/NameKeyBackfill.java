package dev.userbase.persistence.jdbc;

import dev.userbase.domain.UserName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Adds {@code name_key} to a store made before it, filled for the rows there, a thousand updates
 * a batch. The key is
 * computed in Java ({@link UserName#searchKey}), as every store computes it on write, so every
 * store finds the same users: a database's own lower() folds other characters, or only ASCII.
 */
public final class NameKeyBackfill {

  private static final int BATCH = 1_000;

  private NameKeyBackfill() {}

  /**
   * Adds the column with {@code addColumn} (an ALTER TABLE in the store's SQL), fills the key of
   * every row, then indexes it as {@code users_name_key (name_key, id)}.
   */
  public static void addColumn(Connection connection, String addColumn) throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(addColumn);
    }
    fill(connection);
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE INDEX users_name_key ON users (name_key, id)");
    }
  }

  /** Fills the key of every row; a driver that streams reads the rows a batch at a time. */
  private static void fill(Connection connection) throws SQLException {
    try (Statement select = connection.createStatement()) {
      select.setFetchSize(BATCH);
      try (ResultSet rows = select.executeQuery("SELECT id, name FROM users");
          PreparedStatement update =
              connection.prepareStatement("UPDATE users SET name_key = ? WHERE id = ?")) {
        int pending = 0;
        while (rows.next()) {
          update.setString(1, UserName.searchKey(rows.getString(2)));
          update.setLong(2, rows.getLong(1));
          update.addBatch();
          if (++pending == BATCH) {
            update.executeBatch();
            pending = 0;
          }
        }
        update.executeBatch();
      }
    }
  }
}
