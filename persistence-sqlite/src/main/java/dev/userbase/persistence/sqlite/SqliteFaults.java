package dev.userbase.persistence.sqlite;

import dev.userbase.persistence.jdbc.StoreFaults;
import java.sql.SQLException;
import java.util.Map;
import org.sqlite.SQLiteException;

/**
 * SQLite's faults, told by its result codes (its driver gives no SQLState): a constraint names
 * itself in the message ({@code UNIQUE constraint failed: users.email}); a full disk, an I/O
 * error, a lock held too long or a file gone read-only is counted by its code.
 */
final class SqliteFaults extends StoreFaults {

  static final SqliteFaults INSTANCE = new SqliteFaults();

  private static final int SQLITE_CONSTRAINT = 19;

  private SqliteFaults() {
    // SQLite names a unique constraint by its table and column(s).
    super(
        "SQLite",
        Map.of(
            "users.email", Conflict.EMAIL_TAKEN,
            "users.id", Conflict.ID_TAKEN,
            "user_groups.name_key", Conflict.GROUP_NAME_TAKEN));
  }

  @Override
  protected String violatedConstraint(Throwable e) {
    SQLiteException sqlite = find(e, SQLiteException.class);
    if (sqlite == null || (sqlite.getResultCode().code & 0xff) != SQLITE_CONSTRAINT) {
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
  @Override
  public String describe(Throwable e) {
    SQLiteException sqlite = find(e, SQLiteException.class);
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

  /** The kind of failure, for counting: SQLite's result code, or what the pool or writer said. */
  @Override
  public String code(Throwable e) {
    SQLiteException sqlite = find(e, SQLiteException.class);
    if (sqlite != null) {
      return sqlite.getResultCode().name();
    }
    if (isNoConnection(e)) {
      return "pool-timeout";
    }
    return isDatabaseFailure(e) ? "database-error" : "writer-error";
  }
}
