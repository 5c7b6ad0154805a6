package dev.userbase.persistence.sqlite;

import dev.userbase.persistence.jdbc.UserInsertStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A user's INSERT on the writer's one connection, kept prepared, the new id read back from its
 * RETURNING: on the single writer, whose time every write waits for, it takes a fraction of
 * Micronaut Data's {@code save}. SQLite has no statement that inserts into two tables, so with
 * the feed on the outbox writes the event after it, in the same transaction.
 */
final class SqliteUserInsert extends UserInsertStatement {

  SqliteUserInsert(Supplier<Connection> connection) {
    super(connection, USER + " RETURNING id");
  }

  /** Times are stored as epoch milliseconds. */
  @Override
  protected void bindTime(PreparedStatement sql, int index, Instant time) throws SQLException {
    sql.setLong(index, time.toEpochMilli());
  }

  @Override
  protected long run(PreparedStatement sql, boolean withEvent) throws SQLException {
    try (ResultSet inserted = sql.executeQuery()) {
      inserted.next();
      return inserted.getLong(1);
    }
  }
}
