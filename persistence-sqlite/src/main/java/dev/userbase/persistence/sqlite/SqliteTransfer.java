package dev.userbase.persistence.sqlite;

import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.persistence.jdbc.JdbcTransfer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * Bulk moves on the SQLite file, from a connection of its own beside a running server or without
 * one. Export reads one snapshot in a read transaction (under WAL it never blocks the writer).
 * Import with no server on the file is one transaction ({@link #stageAll}), under the process lock
 * that keeps a server from starting meanwhile. Beside a running server it takes the file's write
 * lock one large transaction at a time ({@link #BATCH} rows): the server's writes wait for at
 * most one of them, then go on between them.
 */
public final class SqliteTransfer extends JdbcTransfer {

  /** Rows per import transaction: long enough to be fast, short enough for a server to wait. */
  static final int BATCH = 50_000;

  private final Path file;

  /** The connection the transfer writes on, for the check that it enforces foreign keys. */
  Connection connection() {
    return writer();
  }

  private SqliteTransfer(Path file, Connection connection, Connection reader) {
    super(file.toString(), connection, reader, SqliteFaults.INSTANCE, null);
    this.file = file;
  }

  /**
   * Opens the database, creating it or bringing its schema up to date as the server would: the
   * target of a move need not have been served first.
   */
  public static SqliteTransfer open(Path file) {
    return open(file, SqliteSettings.Synchronous.FULL, true);
  }

  /**
   * Opens the file a running server serves: the server migrated it at start, and the import
   * commits with the server's durability.
   */
  static SqliteTransfer beside(SqliteDatabase database, SqliteSettings settings) {
    return open(database.file(), settings.synchronous(), false);
  }

  private static SqliteTransfer open(
      Path file, SqliteSettings.Synchronous synchronous, boolean migrate) {
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
    config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous.name()));
    // Long enough to wait out a server's group commit, and a backup's snapshot.
    config.setBusyTimeout(30_000);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // No "SELECT last_insert_rowid()" after every insert: the import needs no generated keys.
    config.setGetGeneratedKeys(false);
    if (migrate) {
      org.sqlite.SQLiteDataSource migrations = new org.sqlite.SQLiteDataSource(config);
      migrations.setUrl("jdbc:sqlite:" + file);
      SqliteDatabase.migrate(file, migrations);
    }
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

  /** Times are stored as epoch milliseconds already. */
  @Override
  protected String epochMillis(String column) {
    return column;
  }

  @Override
  protected void bindTime(PreparedStatement insert, int index, Instant time) throws SQLException {
    insert.setLong(index, time.toEpochMilli());
  }

  /** A read transaction: its first read fixes the snapshot every later page sees. */
  @Override
  protected void beginSnapshot(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
  }

  @Override
  protected int rowsPerCommit() {
    return BATCH;
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
    return lock == null ? Optional.empty() : Optional.of(stage(lock));
  }
}
