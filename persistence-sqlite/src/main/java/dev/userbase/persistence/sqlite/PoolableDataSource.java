package dev.userbase.persistence.sqlite;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteConnection;

/**
 * Hands out sqlite-jdbc connections that behave as a pool and a transaction manager expect.
 *
 * <ul>
 *   <li>{@code setReadOnly} does nothing. Micronaut Data marks read operations with {@code
 *       Connection.setReadOnly(true)}, and Hikari resets the flag on every connection, but
 *       sqlite-jdbc refuses it once a connection is open (micronaut-data #3560). Whether a
 *       connection may write is decided when it is opened instead: the reader pool opens its files
 *       read-only.
 *   <li>A transaction that ends, by {@code commit} or {@code rollback}, leaves the connection in
 *       auto-commit mode with no transaction open. sqlite-jdbc would BEGIN the next transaction at
 *       once, inside the same call: when that BEGIN waits past the busy timeout (another process
 *       holds the write lock), the call fails although its COMMIT succeeded, and the connection is
 *       left marked as in a transaction that SQLite does not have, so each later statement commits
 *       on its own. The transaction manager turns auto-commit back on after each transaction
 *       anyway.
 *   <li>A {@code setAutoCommit(false)} whose BEGIN fails leaves the connection in auto-commit mode,
 *       as it was; sqlite-jdbc would leave it marked as in a transaction.
 * </ul>
 */
final class PoolableDataSource implements DataSource {

  private final DataSource target;

  PoolableDataSource(DataSource target) {
    this.target = target;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return poolable(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return poolable(target.getConnection(username, password));
  }

  private static Connection poolable(Connection connection) {
    SQLiteConnection sqlite = (SQLiteConnection) connection;
    return (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "setReadOnly" -> null;
          case "commit" -> commit(sqlite);
          case "rollback" -> args == null ? rollback(sqlite) : invoke(connection, method, args);
          case "setAutoCommit" -> setAutoCommit(sqlite, (Boolean) args[0]);
          default -> invoke(connection, method, args);
        });
  }

  private static Object invoke(Connection connection, Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(connection, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** COMMIT, leaving auto-commit on; a COMMIT that fails is rolled back, so nothing stays open. */
  private static Object commit(SQLiteConnection sqlite) throws SQLException {
    if (sqlite.getAutoCommit()) {
      throw new SQLException("database in auto-commit mode");
    }
    try {
      sqlite.getDatabase().exec("commit;", false);
    } catch (SQLException e) {
      rollbackQuietly(sqlite, e);
      throw e;
    } finally {
      sqlite.getConnectionConfig().setAutoCommit(true);
    }
    return null;
  }

  /**
   * ROLLBACK, leaving auto-commit on. With no transaction open (SQLite rolls back by itself on some
   * errors, such as a full disk) there is nothing to do.
   */
  private static Object rollback(SQLiteConnection sqlite) throws SQLException {
    if (sqlite.getAutoCommit()) {
      return null;
    }
    try {
      sqlite.getDatabase().exec("rollback;", false);
    } catch (SQLException e) {
      if (!noTransaction(e)) {
        throw e;
      }
    } finally {
      sqlite.getConnectionConfig().setAutoCommit(true);
    }
    return null;
  }

  private static void rollbackQuietly(SQLiteConnection sqlite, SQLException cause) {
    try {
      sqlite.getDatabase().exec("rollback;", false);
    } catch (SQLException e) {
      if (!noTransaction(e)) {
        cause.addSuppressed(e);
      }
    }
  }

  private static boolean noTransaction(SQLException e) {
    return e.getMessage() != null && e.getMessage().contains("no transaction is active");
  }

  private static Object setAutoCommit(SQLiteConnection sqlite, boolean on) throws SQLException {
    try {
      sqlite.setAutoCommit(on);
    } catch (SQLException e) {
      if (!on) {
        // The BEGIN failed: no transaction was opened.
        sqlite.getConnectionConfig().setAutoCommit(true);
      }
      throw e;
    }
    return null;
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || target.isWrapperFor(type);
  }
}
