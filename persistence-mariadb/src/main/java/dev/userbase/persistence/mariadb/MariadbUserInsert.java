package dev.userbase.persistence.mariadb;

import dev.userbase.domain.ChangeType;
import dev.userbase.persistence.jdbc.JdbcUserRepository;
import dev.userbase.persistence.jdbc.UserRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.function.Supplier;

/**
 * A user's INSERT, and with the feed on its {@code user.created} event sent with it: MariaDB has
 * no data-modifying WITH, so the two INSERTs go as one request (the pool allows several
 * statements in one), the event taking the new id from {@code LAST_INSERT_ID()}. The server runs
 * them in order and stops at the first that fails, so a user refused (an email taken) writes no
 * event. With the feed off it is the first INSERT alone, so that the two differ only by the event.
 */
final class MariadbUserInsert implements JdbcUserRepository.Insert {

  private static final String USER =
      "INSERT INTO users (name, name_key, email, created_at, updated_at, version)"
          + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";

  private static final String USER_AND_EVENT = USER
      + "; INSERT INTO events (kind, changed_at, resource_id, version, payload) VALUES ('"
      + ChangeType.USER_CREATED.wireName() + "', ?, LAST_INSERT_ID(), ?, ?)";

  private final Supplier<Connection> connection;

  MariadbUserInsert(Supplier<Connection> connection) {
    this.connection = connection;
  }

  @Override
  public long insert(UserRow row, String event) throws SQLException {
    try (PreparedStatement sql =
        connection.get().prepareStatement(event == null ? USER : USER_AND_EVENT)) {
      sql.setString(1, row.name());
      sql.setString(2, row.nameKey());
      sql.setString(3, row.email());
      sql.setTimestamp(4, Timestamp.from(row.createdAt()));
      sql.setTimestamp(5, Timestamp.from(row.updatedAt()));
      sql.setLong(6, row.version());
      if (event != null) {
        sql.setLong(7, row.updatedAt().toEpochMilli());
        sql.setLong(8, row.version());
        sql.setString(9, event);
      }
      sql.execute();
      long id;
      try (ResultSet inserted = sql.getResultSet()) {
        inserted.next();
        id = inserted.getLong(1);
      }
      if (event != null && (sql.getMoreResults() || sql.getUpdateCount() != 1)) {
        throw new SQLException("the user's event was not written with it");
      }
      return id;
    }
  }
}
