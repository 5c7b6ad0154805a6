package dev.userbase.persistence.sqlite;

import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Bulk moves on the SQLite file, from a connection of its own beside a running server or without
 * one. Export reads one snapshot in a read transaction (under WAL it never blocks the writer).
 * Import with no server on the file is one transaction ({@link #stageAll}), under the process lock
 * that keeps a server from starting meanwhile. Beside a running server it takes the file's write
 * lock one large transaction at a time ({@link #BATCH} rows): the server's writes wait for at
 * most one of them, then go on between them.
 */
public final class SqliteTransfer implements UserTransfer {

  /** Rows per import transaction: long enough to be fast, short enough for a server to wait. */
  static final int BATCH = 50_000;

  private static final int FETCH = 1_000;
  private static final int ASK = 1_000;

  private final Path file;
  private final Connection connection;
  private final Connection reader;
  private final java.util.Map<String, PreparedStatement> asking = new java.util.HashMap<>();

  private SqliteTransfer(Path file, Connection connection, Connection reader) {
    this.file = file;
    this.connection = connection;
    this.reader = reader;
  }

  /**
   * Opens the database, creating it or bringing its schema up to date as the server would: the
   * target of a move need not have been served first.
   */
  public static SqliteTransfer open(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (java.io.IOException e) {
      throw new StoreUnavailableException("cannot create the folder of " + file, e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.enforceForeignKeys(true);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    // Long enough to wait out a server's group commit, and a backup's snapshot.
    config.setBusyTimeout(30_000);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // No "SELECT last_insert_rowid()" after every insert: the import needs no generated keys.
    config.setGetGeneratedKeys(false);
    org.sqlite.SQLiteDataSource migrations = new org.sqlite.SQLiteDataSource(config);
    migrations.setUrl("jdbc:sqlite:" + file);
    SqliteDatabase.migrate(file, migrations);
    SQLiteConfig read = new SQLiteConfig();
    read.setReadOnly(true);
    read.setBusyTimeout(30_000);
    try {
      Connection connection = config.createConnection("jdbc:sqlite:" + file);
      Connection reader = read.createConnection("jdbc:sqlite:" + file);
      if (SqliteDatabase.schemaVersion(reader) < SqliteBackup.SCHEMA_VERSION) {
        connection.close();
        reader.close();
        throw new StoreUnavailableException(
            file + " has an older schema: start the server once on it to bring it up to date",
            null);
      }
      return new SqliteTransfer(file, connection, reader);
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long exportAll(Consumer<User> each) {
    long count = 0;
    try {
      // One read transaction: its first read fixes the snapshot every later page sees.
      reader.setAutoCommit(false);
      try (PreparedStatement page = reader.prepareStatement(
          "SELECT " + UserMapper.COLUMNS + " FROM users WHERE id > ? ORDER BY id LIMIT " + FETCH)) {
        long after = 0;
        while (true) {
          page.setLong(1, after);
          int seen = 0;
          try (ResultSet rows = page.executeQuery()) {
            while (rows.next()) {
              User user = UserMapper.read(rows);
              each.accept(user);
              after = user.id().value();
              seen++;
            }
          }
          count += seen;
          if (seen < FETCH) {
            break;
          }
        }
      }
      reader.rollback();
      return count;
    } catch (SQLException e) {
      throw new StoreUnavailableException("export from " + file + " failed: " + e.getMessage(), e);
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
    existing("id", inRange, (statement, i, id) -> statement.setLong(i, id), rows -> {
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
        (statement, i, email) -> statement.setString(i, email),
        rows -> found.add(rows.getString(1)));
    return found;
  }

  /** The lowest and highest id stored, or null when there are no users. */
  private long[] idRange() {
    try (Statement query = reader.createStatement();
        // Two subqueries: SQLite reads one end of the index for each, where MIN(id), MAX(id) in
        // one query would scan the table.
        ResultSet row =
            query.executeQuery("SELECT (SELECT MIN(id) FROM users), (SELECT MAX(id) FROM users)")) {
      long low = row.getLong(1);
      return row.wasNull() ? null : new long[] {low, row.getLong(2)};
    } catch (SQLException e) {
      throw new StoreUnavailableException("reading " + file + " failed: " + e.getMessage(), e);
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
      throw new StoreUnavailableException("reading " + file + " failed: " + e.getMessage(), e);
    }
  }

  /** The query for which of {@link #ASK} values are in the column, prepared once. */
  private PreparedStatement asking(String column) throws SQLException {
    PreparedStatement kept = asking.get(column);
    if (kept == null) {
      String marks = String.join(",", java.util.Collections.nCopies(ASK, "?"));
      kept = reader.prepareStatement(
          "SELECT " + column + " FROM users WHERE " + column + " IN (" + marks + ")");
      asking.put(column, kept);
    }
    return kept;
  }

  @Override
  public long importAll(Iterator<User> users) {
    long stored = 0;
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        int inBatch = 0;
        while (users.hasNext()) {
          bind(insert, users.next());
          stored++;
          if (++inBatch % 1_000 == 0) {
            insert.executeBatch();
          }
          if (inBatch == BATCH) {
            connection.commit();
            inBatch = 0;
          }
        }
        insert.executeBatch();
        connection.commit();
      }
      // AUTOINCREMENT keeps sqlite_sequence at the highest id ever inserted, given ids included.
      return stored;
    } catch (SQLException e) {
      rollbackQuietly();
      throw failed(e, "import into " + file + " failed after " + stored + " users: ");
    }
  }

  /**
   * The whole import in one transaction, when no server has the file open: its process lock is
   * taken for as long as the transaction lasts, so that none starts meanwhile. A server's writers
   * could not wait that long, so with one running, {@link #importAll} it is.
   */
  @Override
  public Optional<Staging> stageAll() {
    ProcessLock lock;
    try {
      lock = ProcessLock.tryAcquire(file);
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
    if (lock == null) {
      return Optional.empty();
    }
    try {
      connection.setAutoCommit(false);
      return Optional.of(new Staged(connection.prepareStatement(INSERT), lock));
    } catch (SQLException e) {
      lock.close();
      throw new StoreUnavailableException("import into " + file + " failed: " + e.getMessage(), e);
    }
  }

  private final class Staged implements Staging {
    private final PreparedStatement insert;
    private final ProcessLock lock;
    private long added;
    private boolean committed;

    Staged(PreparedStatement insert, ProcessLock lock) {
      this.insert = insert;
      this.lock = lock;
    }

    @Override
    public void add(List<User> users) {
      try {
        for (User user : users) {
          bind(insert, user);
          if (++added % 1_000 == 0) {
            insert.executeBatch();
          }
        }
      } catch (SQLException e) {
        throw failed(e, "import into " + file + " failed, nothing stored: ");
      }
    }

    @Override
    public void commit() {
      try {
        insert.executeBatch();
        connection.commit();
        committed = true;
      } catch (SQLException e) {
        throw failed(e, "import into " + file + " failed, nothing stored: ");
      }
    }

    @Override
    public void close() {
      try (lock) {
        if (!committed) {
          rollbackQuietly();
        }
        insert.close();
      } catch (SQLException ignored) {
        // the statement goes with the connection
      }
    }
  }

  private static final String INSERT = "INSERT INTO users"
      + " (id, name, name_key, email, created_at, updated_at, version)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  private static void bind(PreparedStatement insert, User user) throws SQLException {
    if (user.id() == null) {
      insert.setNull(1, Types.INTEGER);
    } else {
      insert.setLong(1, user.id().value());
    }
    insert.setString(2, user.name().value());
    insert.setString(3, user.name().searchKey());
    insert.setString(4, user.email().map(Email::value).orElse(null));
    insert.setLong(5, user.createdAt().toEpochMilli());
    insert.setLong(6, user.updatedAt().toEpochMilli());
    insert.setLong(7, user.version());
    insert.addBatch();
  }

  /** A taken id or email as such; anything else as the store failing. */
  private static RuntimeException failed(SQLException e, String what) {
    if (e instanceof SQLiteException sqlite
        && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
            || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
      return new EmailAlreadyTakenException(null);
    }
    return new StoreUnavailableException(what + e.getMessage(), e);
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is closing anyway
    }
  }

  @Override
  public void close() {
    try (reader) {
      connection.close();
    } catch (SQLException ignored) {
      // nothing left to release
    }
  }
}
