package dev.userbase.persistence.jdbc;

import dev.userbase.domain.Email;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Bulk moves on any store, on connections it is given. Export reads one snapshot, a page of
 * users at a time by id; an import's checks ask which ids and emails are taken, a thousand at a
 * time; the import itself is batched inserts, committed every {@link #rowsPerCommit()} users (by
 * default all at once). A store overrides the hooks where its SQL or its needs differ.
 */
public abstract class JdbcTransfer implements UserTransfer {

  private static final int PAGE = 5_000;
  private static final int ASK = 1_000;
  private static final int FLUSH = 1_000;

  private final String where;
  private final Connection writer;
  private final Connection reader;
  private final StoreFaults faults;
  private final AutoCloseable release;
  private final Map<String, PreparedStatement> asking = new HashMap<>();

  /**
   * @param where the store, for messages: a file, or host:port/database
   * @param writer where the import writes
   * @param reader where export and the checks read; may be {@code writer}
   * @param release what else to close with the transfer (a pool of its own), or null
   */
  protected JdbcTransfer(
      String where,
      Connection writer,
      Connection reader,
      StoreFaults faults,
      AutoCloseable release) {
    this.where = where;
    this.writer = writer;
    this.reader = reader;
    this.faults = faults;
    this.release = release;
  }

  /** An SQL expression for a time column as epoch milliseconds, a BIGINT. */
  protected abstract String epochMillis(String column);

  /** Binds a time as the store keeps it. */
  protected void bindTime(PreparedStatement insert, int index, Instant time) throws SQLException {
    insert.setTimestamp(index, Timestamp.from(time));
  }

  /** Starts the read transaction whose snapshot export reads. */
  protected void beginSnapshot(Connection connection) throws SQLException {
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    connection.setAutoCommit(false);
  }

  /** Ends the snapshot, leaving the connection as it was. */
  protected void endSnapshot(Connection connection) throws SQLException {
    connection.rollback();
    connection.setAutoCommit(true);
  }

  /** Users per import transaction; a store beside which others write may take fewer. */
  protected int rowsPerCommit() {
    return Integer.MAX_VALUE;
  }

  /** Runs before each import COMMIT, in its transaction: a store moves its id sequence here. */
  protected void beforeCommit(Connection connection) throws SQLException {}

  protected final String where() {
    return where;
  }

  protected final Connection writer() {
    return writer;
  }

  @Override
  public long exportAll(Consumer<User> each) {
    long count = 0;
    try {
      beginSnapshot(reader);
      try (PreparedStatement page = reader.prepareStatement("SELECT id, name, email, "
          + epochMillis("created_at")
          + ", "
          + epochMillis("updated_at")
          + ", version FROM users WHERE id > ? ORDER BY id LIMIT "
          + PAGE)) {
        long after = 0;
        int seen;
        do {
          page.setLong(1, after);
          seen = 0;
          try (ResultSet rows = page.executeQuery()) {
            while (rows.next()) {
              after = rows.getLong(1);
              each.accept(UserMapper.restore(
                  after,
                  rows.getString(2),
                  rows.getString(3),
                  Instant.ofEpochMilli(rows.getLong(4)),
                  Instant.ofEpochMilli(rows.getLong(5)),
                  rows.getLong(6)));
              seen++;
            }
          }
          count += seen;
        } while (seen == PAGE);
      }
      endSnapshot(reader);
      return count;
    } catch (SQLException e) {
      throw unavailable("export from " + where + " failed", e);
    }
  }

  @Override
  public Set<Long> existingIds(Collection<Long> ids) {
    long[] range = idRange();
    if (range == null) {
      return Set.of();
    }
    // Ids outside the store's range cannot be in it: an import of new users asks nothing.
    List<Long> inRange =
        ids.stream().filter(id -> id >= range[0] && id <= range[1]).toList();
    Set<Long> found = new HashSet<>();
    existing("id", inRange, (query, i, id) -> query.setLong(i, id), rows -> {
      found.add(rows.getLong(1));
    });
    return found;
  }

  @Override
  public Set<String> existingEmails(Collection<String> emails) {
    if (idRange() == null) {
      return Set.of();
    }
    Set<String> found = new HashSet<>();
    existing(
        "email",
        new ArrayList<>(emails),
        (query, i, email) -> query.setString(i, email),
        rows -> found.add(rows.getString(1)));
    return found;
  }

  /** The lowest and highest id stored, or null when there are no users. */
  private long[] idRange() {
    try (Statement query = reader.createStatement();
        // Two subqueries: each reads one end of the primary key (one query for both ends may
        // scan the table on SQLite).
        ResultSet row =
            query.executeQuery("SELECT (SELECT MIN(id) FROM users), (SELECT MAX(id) FROM users)")) {
      row.next();
      long low = row.getLong(1);
      return row.wasNull() ? null : new long[] {low, row.getLong(2)};
    } catch (SQLException e) {
      throw unavailable("reading " + where + " failed", e);
    }
  }

  private interface Binder<T> {
    void bind(PreparedStatement statement, int index, T value) throws SQLException;
  }

  private interface Row {
    void read(ResultSet rows) throws SQLException;
  }

  private <T> void existing(String column, List<T> values, Binder<T> binder, Row each) {
    try {
      for (int from = 0; from < values.size(); from += ASK) {
        List<T> part = values.subList(from, Math.min(values.size(), from + ASK));
        PreparedStatement query = asking(column);
        // A short last part repeats its last value: one statement serves every part.
        for (int i = 0; i < ASK; i++) {
          binder.bind(query, i + 1, part.get(Math.min(i, part.size() - 1)));
        }
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            each.read(rows);
          }
        }
      }
    } catch (SQLException e) {
      throw unavailable("reading " + where + " failed", e);
    }
  }

  /** The query for which of {@link #ASK} values are in the column, prepared once. */
  private PreparedStatement asking(String column) throws SQLException {
    PreparedStatement kept = asking.get(column);
    if (kept == null) {
      String marks = String.join(",", Collections.nCopies(ASK, "?"));
      kept = reader.prepareStatement(
          "SELECT " + column + " FROM users WHERE " + column + " IN (" + marks + ")");
      asking.put(column, kept);
    }
    return kept;
  }

  @Override
  public long importAll(Iterator<User> users) {
    long committed = 0;
    long stored = 0;
    try {
      writer.setAutoCommit(false);
      try (Inserts inserts = new Inserts()) {
        int inTransaction = 0;
        while (users.hasNext()) {
          inserts.add(users.next());
          stored++;
          if (++inTransaction == rowsPerCommit()) {
            inserts.flush();
            beforeCommit(writer);
            writer.commit();
            committed = stored;
            inTransaction = 0;
          }
        }
        inserts.flush();
        beforeCommit(writer);
        writer.commit();
      }
      writer.setAutoCommit(true);
      return stored;
    } catch (SQLException e) {
      rollbackQuietly();
      throw faults.transferFailed(
          e,
          "import into "
              + where
              + " failed"
              + (committed == 0 ? ", nothing stored" : " after " + committed + " users"));
    }
  }

  /**
   * One transaction for the whole import, for a store that can hold it open; {@code release}
   * is closed with it.
   */
  protected final Staging stage(AutoCloseable release) {
    try {
      writer.setAutoCommit(false);
      return new Staged(new Inserts(), release);
    } catch (SQLException e) {
      closeQuietly(release);
      throw unavailable("import into " + where + " failed", e);
    }
  }

  private final class Staged implements Staging {
    private final Inserts inserts;
    private final AutoCloseable release;
    private boolean committed;

    Staged(Inserts inserts, AutoCloseable release) {
      this.inserts = inserts;
      this.release = release;
    }

    @Override
    public void add(List<User> users) {
      try {
        for (User user : users) {
          inserts.add(user);
        }
      } catch (SQLException e) {
        throw faults.transferFailed(e, "import into " + where + " failed, nothing stored");
      }
    }

    @Override
    public void commit() {
      try {
        inserts.flush();
        beforeCommit(writer);
        writer.commit();
        committed = true;
      } catch (SQLException e) {
        throw faults.transferFailed(e, "import into " + where + " failed, nothing stored");
      }
    }

    @Override
    public void close() {
      try {
        if (!committed) {
          rollbackQuietly();
        }
        inserts.close();
      } catch (SQLException ignored) {
        // the statements go with the connection
      } finally {
        closeQuietly(release);
      }
    }
  }

  /**
   * Batched inserts: users with an id keep it, users without get the store's next. Each flush
   * sends those with ids first, so a generated id never takes one an imported user asked for.
   */
  private final class Inserts implements AutoCloseable {
    private final PreparedStatement withId = writer.prepareStatement("INSERT INTO users"
        + " (id, name, name_key, email, created_at, updated_at, version)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    private final PreparedStatement withoutId = writer.prepareStatement("INSERT INTO users"
        + " (name, name_key, email, created_at, updated_at, version)"
        + " VALUES (?, ?, ?, ?, ?, ?)");
    private int pending;

    Inserts() throws SQLException {}

    void add(User user) throws SQLException {
      PreparedStatement insert = user.id() == null ? withoutId : withId;
      int i = 1;
      if (user.id() != null) {
        insert.setLong(i++, user.id().value());
      }
      insert.setString(i++, user.name().value());
      insert.setString(i++, user.name().searchKey());
      insert.setString(i++, user.email().map(Email::value).orElse(null));
      bindTime(insert, i++, user.createdAt());
      bindTime(insert, i++, user.updatedAt());
      insert.setLong(i, user.version());
      insert.addBatch();
      if (++pending == FLUSH) {
        flush();
      }
    }

    void flush() throws SQLException {
      withId.executeBatch();
      withoutId.executeBatch();
      pending = 0;
    }

    @Override
    public void close() throws SQLException {
      try (withoutId) {
        withId.close();
      }
    }
  }

  private StoreUnavailableException unavailable(String what, SQLException e) {
    return new StoreUnavailableException(
        faults.code(e), faults.product() + " " + what + ": " + faults.describe(e), e, false);
  }

  private void rollbackQuietly() {
    try {
      writer.rollback();
      writer.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is closing anyway
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // nothing left to release
    }
  }

  @Override
  public void close() {
    asking.values().forEach(JdbcTransfer::closeQuietly);
    closeQuietly(reader);
    if (writer != reader) {
      closeQuietly(writer);
    }
    closeQuietly(release);
  }
}
