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

  /**
   * One line that names the real cause: the deepest JDBC error with its SQLState, and what lay
   * under it, such as {@code [08001] Connection to 127.0.0.1:5432 refused (ConnectException:
   * Connection refused)}; a pool's own "connection is closed" says little without it.
   */
  static String describe(Throwable e) {
    SQLException deepest = null;
    Throwable root = e;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && (deepest == null || sql.getSQLState() != null)) {
        deepest = sql;
      }
      root = t;
    }
    Throwable shown = deepest != null ? deepest : root;
    StringBuilder line = new StringBuilder();
    if (deepest != null && deepest.getSQLState() != null) {
      line.append('[').append(deepest.getSQLState()).append("] ");
    }
    line.append(firstLine(shown));
    if (root != shown && !(root instanceof SQLException)) {
      line.append(" (")
          .append(root.getClass().getSimpleName())
          .append(": ")
          .append(firstLine(root))
          .append(')');
    }
    return line.toString();
  }

  private static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }

  static StoreUnavailableException unavailable(
      String what, Throwable cause, boolean mayHaveWritten) {
    return new StoreUnavailableException(
        code(cause), "PostgreSQL " + what + " failed: " + describe(cause), cause, mayHaveWritten);
  }

  /** The kind of failure, for counting: from the SQLState's class, or the pool's timeout. */
  static String code(Throwable e) {
    if (isNoConnection(e)) {
      return "pool-timeout";
    }
    String state = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        state = sql.getSQLState();
      }
    }
    if (state == null || state.startsWith("08")) {
      return "connection";
    }
    if (state.startsWith("57P")) {
      return "server-shutdown";
    }
    if (state.startsWith("53")) {
      return "server-resources";
    }
    return "sqlstate-" + state;
  }
}
