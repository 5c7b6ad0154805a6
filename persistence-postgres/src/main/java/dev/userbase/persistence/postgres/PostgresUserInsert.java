package dev.userbase.persistence.postgres;

import dev.userbase.domain.ChangeType;
import dev.userbase.persistence.jdbc.JdbcUserRepository;
import dev.userbase.persistence.jdbc.UserRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * A user's INSERT, and with the feed on its {@code user.created} event in the same statement: the
 * user's INSERT is a data-modifying WITH, and the event's INSERT takes the new id from it. The
 * event is then a row more in a statement the write runs anyway, not a statement of its own, its
 * round trip and its parse; with the feed off it is the plain INSERT, so that the two differ only
 * by the event. (The changed_at and payload are the outbox's, made before the write.)
 */
final class PostgresUserInsert implements JdbcUserRepository.Insert {

  private static final String USER =
      "INSERT INTO users (name, name_key, email, created_at, updated_at, version)"
          + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";

  private static final String USER_AND_EVENT = "WITH saved AS (" + USER + ")"
      + " INSERT INTO events (kind, changed_at, resource_id, version, payload)"
      + " SELECT '" + ChangeType.USER_CREATED.wireName() + "', ?, saved.id::text, ?, ? FROM saved"
      + " RETURNING resource_id";

  private final Supplier<Connection> connection;

  PostgresUserInsert(Supplier<Connection> connection) {
    this.connection = connection;
  }

  @Override
  public long insert(UserRow row, String event) throws SQLException {
    try (PreparedStatement sql =
        connection.get().prepareStatement(event == null ? USER : USER_AND_EVENT)) {
      sql.setString(1, row.name());
      sql.setString(2, row.nameKey());
      sql.setString(3, row.email());
      sql.setObject(4, utc(row.createdAt()));
      sql.setObject(5, utc(row.updatedAt()));
      sql.setLong(6, row.version());
      if (event != null) {
        sql.setLong(7, row.updatedAt().toEpochMilli());
        sql.setLong(8, row.version());
        sql.setString(9, event);
      }
      try (ResultSet inserted = sql.executeQuery()) {
        inserted.next();
        return event == null ? inserted.getLong(1) : Long.parseLong(inserted.getString(1));
      }
    }
  }

  private static OffsetDateTime utc(Instant time) {
    return OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
  }
}
