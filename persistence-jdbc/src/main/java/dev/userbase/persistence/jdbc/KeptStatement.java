package dev.userbase.persistence.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One statement kept prepared on the connection it was made on, for a store whose writes all run
 * on one thread and one connection for the process's life (SQLite's writer), where preparing a
 * statement costs as much as running it. Not for a pool's connections, nor for several threads.
 */
final class KeptStatement {

  /** What is done with the statement. */
  @FunctionalInterface
  interface Use<T> {
    T with(PreparedStatement statement) throws SQLException;
  }

  private final String sql;
  private Connection preparedOn;
  private PreparedStatement statement;

  KeptStatement(String sql) {
    this.sql = sql;
  }

  /**
   * Runs {@code use} with the statement, prepared again when {@code connection} is another one
   * (the pool hands out a new proxy each time: what counts is the connection under it) or the last
   * use failed. A failure is not kept: sqlite-jdbc finalizes a statement whose step fails with
   * anything but a constraint, busy or locked error (a full disk, say) while the statement still
   * says it is open, and every later use of it would fail.
   */
  <T> T run(Connection connection, Use<T> use) throws SQLException {
    Connection physical = connection.unwrap(Connection.class);
    if (physical != preparedOn || statement == null || statement.isClosed()) {
      statement = physical.prepareStatement(sql);
      preparedOn = physical;
    }
    try {
      return use.with(statement);
    } catch (SQLException | RuntimeException e) {
      PreparedStatement failed = statement;
      statement = null;
      try {
        failed.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }
}
