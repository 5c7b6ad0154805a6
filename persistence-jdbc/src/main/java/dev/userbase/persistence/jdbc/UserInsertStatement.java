package dev.userbase.persistence.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A store's own insert of users ({@link JdbcUserRepository.Insert}) as one prepared statement on
 * the write's connection: the user's six values first, then, where the store writes the event in
 * the same statement and the feed is on, the event's changed_at, version and resource. A store
 * gives the statements, and says how it binds a time and how it gets the new id back.
 */
public abstract class UserInsertStatement implements JdbcUserRepository.Insert {

  /** The user's INSERT, its six values in the order they are bound. */
  protected static final String USER =
      "INSERT INTO users (name, name_key, email, created_at, updated_at, version)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  private final Supplier<Connection> connection;
  private final String alone;
  private final String withEvent;
  private final KeptStatement keptAlone;

  /**
   * A store whose driver keeps what it prepared (a server's): each insert prepares its statement.
   *
   * @param alone the statement that inserts the user alone
   * @param withEvent the statement that inserts the user and its event
   */
  protected UserInsertStatement(Supplier<Connection> connection, String alone, String withEvent) {
    this.connection = connection;
    this.alone = alone;
    this.withEvent = withEvent;
    this.keptAlone = null;
  }

  /**
   * A store with one writer on one connection ({@link KeptStatement}) and no statement that
   * inserts into two tables: the statement is kept prepared, and the event is the outbox's own
   * statement after it ({@link #writesEvent()} is false).
   *
   * @param alone the statement that inserts the user
   */
  protected UserInsertStatement(Supplier<Connection> connection, String alone) {
    this.connection = connection;
    this.alone = alone;
    this.withEvent = null;
    this.keptAlone = new KeptStatement(alone);
  }

  /** Binds a time to a {@code users} column. */
  protected abstract void bindTime(PreparedStatement sql, int index, Instant time)
      throws SQLException;

  /** Runs the bound statement and returns the new user's id. */
  protected abstract long run(PreparedStatement sql, boolean withEvent) throws SQLException;

  @Override
  public final boolean writesEvent() {
    return withEvent != null;
  }

  @Override
  public final long insert(UserRow row, String event) throws SQLException {
    boolean together = event != null && withEvent != null;
    if (keptAlone != null) {
      return keptAlone.run(connection.get(), sql -> bindAndRun(sql, row, null));
    }
    try (PreparedStatement sql = connection.get().prepareStatement(together ? withEvent : alone)) {
      return bindAndRun(sql, row, together ? event : null);
    }
  }

  private long bindAndRun(PreparedStatement sql, UserRow row, String event) throws SQLException {
    sql.setString(1, row.name());
    sql.setString(2, row.nameKey());
    sql.setString(3, row.email());
    bindTime(sql, 4, row.createdAt());
    bindTime(sql, 5, row.updatedAt());
    sql.setLong(6, row.version());
    if (event != null) {
      sql.setLong(7, row.updatedAt().toEpochMilli());
      sql.setLong(8, row.version());
      sql.setString(9, event);
    }
    return run(sql, event != null);
  }
}
