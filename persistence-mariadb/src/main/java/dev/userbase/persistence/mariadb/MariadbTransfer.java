package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.JdbcTransfer;
import java.sql.Connection;

/**
 * Bulk moves on MariaDB, on one connection of the pool: export reads one REPEATABLE READ
 * snapshot; import is one transaction, and AUTO_INCREMENT moves past the ids it stored by itself.
 */
final class MariadbTransfer extends JdbcTransfer {

  MariadbTransfer(String where, Connection connection, AutoCloseable release) {
    super(where, connection, connection, MariadbFaults.INSTANCE, release);
  }

  /** The columns hold UTC: the distance from the epoch, with no time zone in the way. */
  @Override
  protected String epochMillis(String column) {
    return "FLOOR(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', " + column + ") / 1000)";
  }
}
