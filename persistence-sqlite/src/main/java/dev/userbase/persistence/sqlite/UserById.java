package dev.userbase.persistence.sqlite;

import dev.userbase.domain.User;
import dev.userbase.persistence.jdbc.UserMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.sqlite.SQLiteConnection;

/**
 * {@code GET /users/{id}}'s query, the hottest read, in plain JDBC: each reader connection keeps
 * its statement prepared, and the row becomes a user directly. Through the repository interface it
 * cost about half of a GET's time in the store: a statement compiled per call, and column names
 * mapped by reflection for every row.
 */
final class UserById {

  private static final String SQL = "SELECT " + UserMapper.COLUMNS + " FROM users WHERE id = ?";

  private final DataSource readers;
  /** By the pool's physical connection; a statement goes with its connection when that closes. */
  private final Map<Connection, PreparedStatement> prepared = new ConcurrentHashMap<>();

  UserById(DataSource readers) {
    this.readers = readers;
  }

  Optional<User> find(long id) throws SQLException {
    try (Connection borrowed = readers.getConnection()) {
      PreparedStatement query = statement(borrowed.unwrap(SQLiteConnection.class));
      query.setLong(1, id);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        // Times are stored as epoch milliseconds.
        return Optional.of(UserMapper.restore(
            row.getLong(1),
            row.getString(2),
            row.getString(3),
            Instant.ofEpochMilli(row.getLong(4)),
            Instant.ofEpochMilli(row.getLong(5)),
            row.getLong(6)));
      }
    }
  }

  private PreparedStatement statement(Connection physical) throws SQLException {
    PreparedStatement kept = prepared.get(physical);
    if (kept == null || kept.isClosed()) {
      // Connections the pool let go of leave their closed statements behind: drop those.
      prepared.values().removeIf(UserById::isClosed);
      kept = physical.prepareStatement(SQL);
      prepared.put(physical, kept);
    }
    return kept;
  }

  private static boolean isClosed(PreparedStatement statement) {
    try {
      return statement.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
