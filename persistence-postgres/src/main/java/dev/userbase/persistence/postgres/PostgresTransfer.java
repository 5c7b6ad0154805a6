package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.JdbcTransfer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Bulk moves on PostgreSQL, on one connection of the pool: export reads one REPEATABLE READ
 * snapshot; import is one transaction, all or nothing even against a server writing meanwhile,
 * and it moves the id sequences past what it stored.
 */
final class PostgresTransfer extends JdbcTransfer {

  PostgresTransfer(String where, Connection connection, AutoCloseable release) {
    super(where, connection, connection, PostgresFaults.INSTANCE, release);
  }

  @Override
  protected String epochMillis(String column) {
    // A long is read many times faster than a timestamp.
    return "(EXTRACT(EPOCH FROM " + column + ") * 1000)::int8";
  }

  @Override
  protected void beforeCommit(Connection connection) throws SQLException {
    moveSequence(connection, "users");
    moveSequence(connection, "user_groups");
  }

  /**
   * Past every imported id, and never back: ids of deleted rows are not handed out again.
   */
  private static void moveSequence(Connection connection, String table) throws SQLException {
    String sequence;
    try (Statement name = connection.createStatement();
        var row = name.executeQuery("SELECT pg_get_serial_sequence('" + table + "', 'id')")) {
      row.next();
      sequence = row.getString(1);
    }
    try (Statement move = connection.createStatement()) {
      move.execute("SELECT setval('" + sequence + "', GREATEST((SELECT COALESCE(MAX(id), 1) FROM "
          + table + "), (SELECT last_value FROM " + sequence + ")))");
    }
  }
}
