package dev.userbase.app;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** Reads a Userbase SQLite file directly, as a check from outside the server. */
final class SqliteFile {

  private SqliteFile() {}

  /** Every stored user's name by id. */
  static Map<Long, String> names(Path file) throws SQLException {
    Map<Long, String> names = new HashMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, name FROM users")) {
      while (rows.next()) {
        names.put(rows.getLong(1), rows.getString(2));
      }
    }
    return names;
  }

  /** What {@code PRAGMA integrity_check} says: "ok" for a sound file. */
  /**
   * The ids of the users whose {@code user.created} event the feed holds; and whether the feed's
   * positions run 1, 2, 3… with no gap (nothing has been pruned in these files).
   */
  static java.util.Set<Long> createdInFeed(Path file) throws SQLException {
    java.util.Set<Long> ids = new java.util.HashSet<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement sql = connection.createStatement()) {
      try (ResultSet bounds = sql.executeQuery(
          // On SQLite an event's id is its position.
          "SELECT COUNT(*), COALESCE(MIN(id), 1), COALESCE(MAX(id), 0) FROM events")) {
        bounds.next();
        if (bounds.getLong(2) != 1 || bounds.getLong(1) != bounds.getLong(3)) {
          throw new AssertionError("the feed's positions have a gap: " + bounds.getLong(1)
              + " events from " + bounds.getLong(2) + " to " + bounds.getLong(3));
        }
      }
      try (ResultSet rows =
          sql.executeQuery("SELECT resource_id FROM events WHERE kind = 'user.created'")) {
        while (rows.next()) {
          ids.add(Long.parseLong(rows.getString(1)));
        }
      }
    }
    return ids;
  }

  static String integrity(Path file) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
      result.next();
      return result.getString(1);
    }
  }

  /** The acknowledged users missing from the file, or stored under another name. */
  static Map<Long, String> missing(Map<Long, String> acknowledged, Map<Long, String> stored) {
    Map<Long, String> missing = new HashMap<>();
    acknowledged.forEach((id, name) -> {
      if (!name.equals(stored.get(id))) {
        missing.put(id, name);
      }
    });
    return missing;
  }
}
