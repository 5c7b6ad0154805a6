package dev.userbase.persistence.sqlite;

import dev.userbase.domain.StoreUnavailableException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Sorts what SQLite (or the pool in front of it) throws: a constraint is about the request; any
 * other database error (a full disk, an I/O error, a lock held too long, a file gone read-only, a
 * pool that hands out no connection in time) is about the store, and the client gets 503.
 */
final class SqliteFaults {

  private static final int SQLITE_CONSTRAINT = 19;

  private SqliteFaults() {}

  /** The first SQLite error in the chain, or null. */
  static SQLiteException sqliteCause(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        return sqlite;
      }
    }
    return null;
  }

  /** Whether a constraint refused the statement: the request's fault, not the store's. */
  static boolean isConstraint(Throwable e) {
    SQLiteException sqlite = sqliteCause(e);
    return sqlite != null && (sqlite.getResultCode().code & 0xff) == SQLITE_CONSTRAINT;
  }

  /** Whether the failure is the database's (a JDBC error anywhere in the chain). */
  static boolean isDatabaseFailure(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The unique constraint that refused a statement, as SQLite names it ({@code users.email}), or
   * null when the failure was no unique violation.
   */
  static String uniqueConstraint(Throwable e) {
    SQLiteException sqlite = sqliteCause(e);
    if (sqlite == null
        || (sqlite.getResultCode() != SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
            && sqlite.getResultCode() != SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
      return null;
    }
    String message = sqlite.getMessage();
    String marker = "constraint failed: ";
    int at = message == null ? -1 : message.indexOf(marker);
    if (at < 0) {
      return "";
    }
    String rest = message.substring(at + marker.length());
    int end = rest.indexOf(')');
    return (end < 0 ? rest : rest.substring(0, end)).strip();
  }

  /** One line that names the real cause: {@code [SQLITE_FULL] database or disk is full}. */
  static String describe(Throwable e) {
    SQLiteException sqlite = sqliteCause(e);
    if (sqlite != null) {
      String message = sqlite.getMessage() == null ? "" : sqlite.getMessage();
      String code = "[" + sqlite.getResultCode().name() + "]";
      return (message.startsWith(code) ? message : code + " " + message)
          .lines()
          .findFirst()
          .orElse(code);
    }
    Throwable root = e;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      root = t;
      if (t instanceof SQLException) {
        break;
      }
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  static StoreUnavailableException unavailable(String what, Throwable cause) {
    return new StoreUnavailableException(
        code(cause), "SQLite " + what + " failed: " + describe(cause), cause, false);
  }

  /** The kind of failure, for counting: SQLite's result code, or what the pool or writer said. */
  static String code(Throwable e) {
    SQLiteException sqlite = sqliteCause(e);
    if (sqlite != null) {
      return sqlite.getResultCode().name();
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException) {
        return "pool-timeout";
      }
    }
    return isDatabaseFailure(e) ? "database-error" : "writer-error";
  }
}
