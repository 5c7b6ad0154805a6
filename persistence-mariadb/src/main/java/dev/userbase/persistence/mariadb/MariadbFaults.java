package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.StoreFaults;
import java.sql.SQLException;
import java.util.Map;

/**
 * MariaDB's faults: an integrity violation (SQLState class 23) names its key ({@code Duplicate
 * entry '…' for key 'users_email_key'}) or its check ({@code CONSTRAINT `users_name_length`
 * failed}).
 */
final class MariadbFaults extends StoreFaults {

  static final MariadbFaults INSTANCE = new MariadbFaults();

  private static final int DUPLICATE_KEY = 1062;
  private static final int CHECK_FAILED = 4025;

  private MariadbFaults() {
    // The names the V1 migration gives; MariaDB calls every primary key PRIMARY.
    super(
        "MariaDB",
        Map.of(
            "users_email_key", Conflict.EMAIL_TAKEN,
            "PRIMARY", Conflict.ID_TAKEN,
            "user_groups_name_key", Conflict.GROUP_NAME_TAKEN));
  }

  @Override
  protected String violatedConstraint(Throwable e) {
    for (Throwable t : chain(e)) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        String message = sql.getMessage() == null ? "" : sql.getMessage();
        if (sql.getErrorCode() == DUPLICATE_KEY) {
          // The key comes last: the duplicate value before it may hold anything.
          return between(message, message.lastIndexOf("for key '") + "for key '".length(), '\'');
        }
        if (sql.getErrorCode() == CHECK_FAILED) {
          return between(message, message.indexOf("CONSTRAINT `") + "CONSTRAINT `".length(), '`');
        }
        return "";
      }
    }
    return null;
  }

  private static String between(String message, int start, char end) {
    int stop = message.indexOf(end, Math.max(start, 0));
    return start < 0 || stop < 0 ? "" : message.substring(start, stop);
  }
}
