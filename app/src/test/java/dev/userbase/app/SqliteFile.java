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
