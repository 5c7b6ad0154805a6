package dev.userbase.persistence.sqlite;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands out connections on which {@code setReadOnly} does nothing.
 *
 * <p>Micronaut Data marks read operations with {@code Connection.setReadOnly(true)}, and Hikari
 * resets the flag on every connection, but sqlite-jdbc refuses it once a connection is open
 * (micronaut-data #3560). Whether a connection may write is decided when it is opened instead: the
 * reader pool opens its files read-only.
 */
final class IgnoreReadOnlyFlagDataSource implements DataSource {

  private final DataSource target;

  IgnoreReadOnlyFlagDataSource(DataSource target) {
    this.target = target;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return ignoringReadOnlyFlag(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return ignoringReadOnlyFlag(target.getConnection(username, password));
  }

  private static Connection ignoringReadOnlyFlag(Connection connection) {
    return (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("setReadOnly")) {
            return null;
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
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
