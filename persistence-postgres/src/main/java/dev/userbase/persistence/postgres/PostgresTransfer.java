package dev.userbase.persistence.postgres;

import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserTransfer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Bulk moves on PostgreSQL, from a connection of its own. Export reads one REPEATABLE READ
 * snapshot through a cursor; import is one transaction of batched inserts, so it is all or
 * nothing even against a server writing meanwhile, and it moves the id sequence past what it
 * stored.
 */
public final class PostgresTransfer implements UserTransfer {

  private static final int BATCH = 5_000;
  private static final String COLUMNS = "id, name, email, created_at, updated_at, version";

  private final String where;
  private final Connection connection;

  private PostgresTransfer(String where, Connection connection) {
    this.where = where;
    this.connection = connection;
  }

  /** Connects as the server would, to a schema the server made. */
  public static PostgresTransfer open(String url, String username, String password, String schema) {
    String where = PostgresDatabase.describe(url);
    Properties properties = new Properties();
    if (username != null) {
      properties.setProperty("user", username);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("reWriteBatchedInserts", "true");
    properties.setProperty("connectTimeout", "5");
    if (schema != null && !schema.isBlank()) {
      properties.setProperty("currentSchema", schema);
    }
    try {
      // The schema as the server would make it: the target of a move need not have been served.
      org.postgresql.ds.PGSimpleDataSource migrations = new org.postgresql.ds.PGSimpleDataSource();
      migrations.setURL(url);
      if (username != null) {
        migrations.setUser(username);
      }
      if (password != null) {
        migrations.setPassword(password);
      }
      PostgresDatabase.migrate(migrations, schema == null || schema.isBlank() ? null : schema);
      return new PostgresTransfer(where, DriverManager.getConnection(url, properties));
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "cannot reach PostgreSQL at " + where + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long exportAll(Consumer<User> each) {
    long count = 0;
    try {
      connection.setAutoCommit(false);
      try (Statement snapshot = connection.createStatement()) {
        snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      try (Statement query = connection.createStatement()) {
        // With autocommit off, the driver reads through a cursor this many rows at a time.
        query.setFetchSize(10_000);
        // The times as epoch milliseconds: a long is read many times faster than a timestamp.
        try (ResultSet rows = query.executeQuery("SELECT id, name, email,"
            + " (EXTRACT(EPOCH FROM created_at) * 1000)::int8,"
            + " (EXTRACT(EPOCH FROM updated_at) * 1000)::int8, version FROM users ORDER BY id")) {
          while (rows.next()) {
            String email = rows.getString(3);
            each.accept(User.restore(
                new UserId(rows.getLong(1)),
                UserName.restore(rows.getString(2)),
                email == null ? null : Email.restore(email),
                Instant.ofEpochMilli(rows.getLong(4)),
                Instant.ofEpochMilli(rows.getLong(5)),
                rows.getLong(6)));
            count++;
          }
        }
      }
      connection.rollback();
      return count;
    } catch (SQLException e) {
      throw new StoreUnavailableException("export from " + where + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Set<Long> existingIds(Collection<Long> ids) {
    long[] range = idRange();
    if (range == null) {
      return Set.of();
    }
    // Ids outside the store's range cannot be in it: an import of new users asks nothing.
    Object[] inRange =
        ids.stream().filter(id -> id >= range[0] && id <= range[1]).toArray();
    Set<Long> found = new HashSet<>();
    if (inRange.length > 0) {
      query(
          "SELECT id FROM users WHERE id = ANY(?)",
          "bigint",
          inRange,
          rows -> found.add(rows.getLong(1)));
    }
    return found;
  }

  /** The lowest and highest id stored, or null when there are no users. */
  private long[] idRange() {
    try {
      connection.setAutoCommit(true);
      try (Statement query = connection.createStatement();
          ResultSet row = query.executeQuery("SELECT MIN(id), MAX(id) FROM users")) {
        row.next();
        long low = row.getLong(1);
        return row.wasNull() ? null : new long[] {low, row.getLong(2)};
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("reading " + where + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> existingEmails(Collection<String> emails) {
    if (idRange() == null) {
      return Set.of();
    }
    Set<String> found = new HashSet<>();
    query(
        "SELECT email FROM users WHERE email = ANY(?)",
        "text",
        emails.toArray(),
        rows -> found.add(rows.getString(1)));
    return found;
  }

  private interface Row {
    void read(ResultSet rows) throws SQLException;
  }

  private void query(String sql, String type, Object[] values, Row each) {
    try {
      connection.setAutoCommit(true);
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        Array array = connection.createArrayOf(type, values);
        query.setArray(1, array);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            each.read(rows);
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("reading " + where + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long importAll(Iterator<User> users) {
    long stored = 0;
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement withId = connection.prepareStatement("INSERT INTO users"
              + " (id, name, name_key, email, created_at, updated_at, version)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement withoutId = connection.prepareStatement("INSERT INTO users"
              + " (name, name_key, email, created_at, updated_at, version)"
              + " VALUES (?, ?, ?, ?, ?, ?)")) {
        int pending = 0;
        while (users.hasNext()) {
          User user = users.next();
          PreparedStatement insert = user.id() == null ? withoutId : withId;
          int i = 1;
          if (user.id() != null) {
            insert.setLong(i++, user.id().value());
          }
          insert.setString(i++, user.name().value());
          insert.setString(i++, user.name().searchKey());
          insert.setString(i++, user.email().map(Email::value).orElse(null));
          insert.setTimestamp(i++, Timestamp.from(user.createdAt()));
          insert.setTimestamp(i++, Timestamp.from(user.updatedAt()));
          insert.setLong(i, user.version());
          insert.addBatch();
          stored++;
          if (++pending == BATCH) {
            withId.executeBatch();
            withoutId.executeBatch();
            pending = 0;
          }
        }
        withId.executeBatch();
        withoutId.executeBatch();
      }
      try (Statement sequence = connection.createStatement()) {
        // Past every imported id, and never back: ids of deleted users are not handed out again.
        sequence.execute("SELECT setval(pg_get_serial_sequence('users', 'id'),"
            + " GREATEST((SELECT COALESCE(MAX(id), 1) FROM users),"
            + " (SELECT last_value FROM " + sequenceName() + ")))");
      }
      connection.commit();
      return stored;
    } catch (SQLException e) {
      rollbackQuietly();
      if ("23505".equals(e.getSQLState())
          || (e.getNextException() != null
              && "23505".equals(e.getNextException().getSQLState()))) {
        throw new EmailAlreadyTakenException(null);
      }
      throw new StoreUnavailableException(
          "import into " + where + " failed, nothing stored: " + e.getMessage(), e);
    }
  }

  private String sequenceName() throws SQLException {
    try (Statement name = connection.createStatement();
        ResultSet row = name.executeQuery("SELECT pg_get_serial_sequence('users', 'id')")) {
      row.next();
      return row.getString(1);
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing left to release
    }
  }
}
