package dev.userbase.persistence.mariadb;

import dev.userbase.domain.ChangeType;
import dev.userbase.persistence.jdbc.UserInsertStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A user's INSERT, and with the feed on its {@code user.created} event sent with it: MariaDB has
 * no data-modifying WITH, so the two INSERTs go as one request (the pool allows several
 * statements in one), the event taking the new id from {@code LAST_INSERT_ID()}. The server runs
 * them in order and stops at the first that fails, so a user refused (an email taken) writes no
 * event. With the feed off it is the first INSERT alone, so that the two differ only by the event.
 */
final class MariadbUserInsert extends UserInsertStatement {

  private static final String ALONE = USER + " RETURNING id";

  private static final String WITH_EVENT = ALONE
      + "; INSERT INTO events (kind, changed_at, resource_id, version, payload) VALUES ('"
      + ChangeType.USER_CREATED.wireName() + "', ?, LAST_INSERT_ID(), ?, ?)";

  MariadbUserInsert(Supplier<Connection> connection) {
    super(connection, ALONE, WITH_EVENT);
  }

  /** The pool's session is UTC and keeps instants ({@code preserveInstants}). */
  @Override
  protected void bindTime(PreparedStatement sql, int index, Instant time) throws SQLException {
    sql.setTimestamp(index, Timestamp.from(time));
  }

  @Override
  protected long run(PreparedStatement sql, boolean withEvent) throws SQLException {
    sql.execute();
    long id;
    try (ResultSet inserted = sql.getResultSet()) {
      inserted.next();
      id = inserted.getLong(1);
    }
    if (withEvent && (sql.getMoreResults() || sql.getUpdateCount() != 1)) {
      throw new SQLException("the user's event was not written with it");
    }
    return id;
  }
}
