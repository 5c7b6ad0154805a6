package dev.userbase.persistence.postgres;

import dev.userbase.domain.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Sorts what PostgreSQL (or the pool in front of it) throws: an integrity violation (SQLState class
 * 23) is about the request; any other database error (connection refused or lost, a server
 * restarting, a pool that hands out no connection in time) is about the store, and the client gets
 * 503.
 */
final class PostgresFaults {

  private PostgresFaults() {}

  /** The first JDBC error in the chain, or null. */
  static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  static boolean isDatabaseFailure(Throwable e) {
    return sqlCause(e) != null;
  }

  /** Whether an integrity constraint refused the statement: the request's fault. */
  static boolean isIntegrityViolation(Throwable e) {
    SQLException sql = sqlCause(e);
    return sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("23");
  }

  /** Whether no connection was had: the statement never reached the server. */
  static boolean isNoConnection(Throwable e) {
    return sqlCause(e) instanceof SQLTransientConnectionException;
  }

  /** The unique constraint that refused a statement ({@code users_email_key}), or null. */
  static String uniqueConstraint(Throwable e) {
    SQLException sql = sqlCause(e);
    if (sql == null || !"23505".equals(sql.getSQLState())) {
      return null;
    }
    ServerErrorMessage server =
        sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    return server == null || server.getConstraint() == null ? "" : server.getConstraint();
  }

  /** One line that names the real cause: {@code [08001] Connection to … refused}. */
  static String describe(Throwable e) {
    SQLException sql = sqlCause(e);
    Throwable shown = sql != null ? sql : e;
    String message =
        shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    String line = message.lines().findFirst().orElse(message).strip();
    return sql != null && sql.getSQLState() != null ? "[" + sql.getSQLState() + "] " + line : line;
  }

  static StoreUnavailableException unavailable(
      String what, Throwable cause, boolean mayHaveWritten) {
    return new StoreUnavailableException(
        "PostgreSQL " + what + " failed: " + describe(cause), cause, mayHaveWritten);
  }
}
