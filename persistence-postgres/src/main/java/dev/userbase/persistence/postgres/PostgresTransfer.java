package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.JdbcTransfer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Bulk moves on PostgreSQL, on one connection of the pool: export reads one REPEATABLE READ
 * snapshot; import is one transaction, all or nothing even against a server writing meanwhile,
 * and it moves the id sequence past what it stored.
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
    try (Statement sequence = connection.createStatement()) {
      // Past every imported id, and never back: ids of deleted users are not handed out again.
      sequence.execute("SELECT setval(pg_get_serial_sequence('users', 'id'),"
          + " GREATEST((SELECT COALESCE(MAX(id), 1) FROM users),"
          + " (SELECT last_value FROM " + sequenceName(connection) + ")))");
    }
  }

  private static String sequenceName(Connection connection) throws SQLException {
    try (Statement name = connection.createStatement();
        var row = name.executeQuery("SELECT pg_get_serial_sequence('users', 'id')")) {
      row.next();
      return row.getString(1);
    }
  }
}
