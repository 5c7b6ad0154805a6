package dev.userbase.persistence.postgres;

import dev.userbase.domain.ChangeType;
import dev.userbase.persistence.jdbc.UserInsertStatement;
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
final class PostgresUserInsert extends UserInsertStatement {

  private static final String ALONE = USER + " RETURNING id";

  private static final String WITH_EVENT = "WITH saved AS (" + ALONE + ")"
      + " INSERT INTO events (kind, changed_at, resource_id, version, payload)"
      + " SELECT '" + ChangeType.USER_CREATED.wireName() + "', ?, saved.id::text, ?, ? FROM saved"
      + " RETURNING resource_id";

  PostgresUserInsert(Supplier<Connection> connection) {
    super(connection, ALONE, WITH_EVENT);
  }

  @Override
  protected void bindTime(PreparedStatement sql, int index, Instant time) throws SQLException {
    sql.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
  }

  @Override
  protected long run(PreparedStatement sql, boolean withEvent) throws SQLException {
    try (ResultSet inserted = sql.executeQuery()) {
      inserted.next();
      return withEvent ? Long.parseLong(inserted.getString(1)) : inserted.getLong(1);
    }
  }
}
