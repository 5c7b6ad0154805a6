package dev.userbase.persistence.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.userbase.domain.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file and its two pools: one writer connection (every write transaction starts with
 * BEGIN IMMEDIATE, so writers queue instead of failing) and a pool of read-only connections that
 * read in parallel under WAL.
 */
final class SqliteDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

  private final Path file;
  private final HikariDataSource writer;
  private final HikariDataSource reader;
  private final ProcessLock lock;
  private final OpenedFile opened;

  private SqliteDatabase(
      Path file,
      HikariDataSource writer,
      HikariDataSource reader,
      ProcessLock lock,
      OpenedFile opened) {
    this.lock = lock;
    this.opened = opened;
    this.file = file;
    this.writer = writer;
    this.reader = reader;
  }

  /**
   * Checks the location, applies the migrations and opens both pools.
   *
   * @throws StoreUnavailableException naming the absolute path and the reason, when the file cannot
   *     be created, written or read as a database
   */
  static SqliteDatabase open(SqliteSettings settings) {
    return open(settings, null);
  }

  /**
   * As {@link #open(SqliteSettings)}, with the pools reporting to {@code poolMetrics} when given.
   */
  static SqliteDatabase open(SqliteSettings settings, MetricsTrackerFactory poolMetrics) {
    Path file = Path.of(settings.path()).toAbsolutePath().normalize();
    prepareLocation(file);
    ProcessLock lock;
    try {
      lock = ProcessLock.tryAcquire(file);
    } catch (IOException e) {
      throw unavailable(file, "cannot lock " + ProcessLock.lockFile(file) + ": " + e, e);
    }
    if (lock == null) {
      throw unavailable(
          file,
          "another Userbase process has it open (" + ProcessLock.lockFile(file) + " is locked)",
          null);
    }
    try {
      return open(file, settings, poolMetrics, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static SqliteDatabase open(
      Path file, SqliteSettings settings, MetricsTrackerFactory poolMetrics, ProcessLock lock) {
    NativeLibrary.useFolder(settings.nativeDir());
    SQLiteDataSource unpooledWriter = new SQLiteDataSource(connectionConfig(settings, false));
    unpooledWriter.setUrl("jdbc:sqlite:" + file);
    String journalMode;
    String synchronous;
    try (Connection connection = unpooledWriter.getConnection();
        Statement statement = connection.createStatement()) {
      journalMode = pragma(statement, "journal_mode");
      synchronous = synchronousName(pragma(statement, "synchronous"));
    } catch (SQLException e) {
      throw unavailable(file, reason(e), e);
    }
    migrate(file, unpooledWriter);
    OpenedFile opened;
    try {
      opened = OpenedFile.of(file);
    } catch (IOException e) {
      throw unavailable(file, "cannot read its attributes: " + e, e);
    }

    HikariDataSource writer = pool(
        "userbase-sqlite-writer", unpooledWriter, 1, settings.connectionTimeoutMs(), poolMetrics);
    SQLiteDataSource unpooledReader = new SQLiteDataSource(connectionConfig(settings, true));
    unpooledReader.setUrl("jdbc:sqlite:" + file);
    HikariDataSource reader = pool(
        "userbase-sqlite-reader",
        unpooledReader,
        settings.readerPoolSize(),
        settings.connectionTimeoutMs(),
        poolMetrics);
    LOG.info(
        "SQLite database {} (journal_mode={}, synchronous={}, readers={})",
        file,
        journalMode,
        synchronous,
        settings.readerPoolSize());
    return new SqliteDatabase(file, writer, reader, lock, opened);
  }

  Path file() {
    return file;
  }

  /**
   * Null while the path still leads to the file this opened; otherwise what became of it (deleted,
   * moved or replaced), since writes would then go to a file nobody reads again.
   */
  String fileProblem() {
    return opened.problem();
  }

  DataSource writer() {
    return writer;
  }

  DataSource reader() {
    return reader;
  }

  /**
   * Closes the readers, folds the WAL back into the database file (so the file alone is a
   * complete copy), then closes the writer.
   */
  @Override
  public void close() {
    reader.close();
    try (Connection connection = writer.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      LOG.warn("SQLite checkpoint at close failed: {}", SqliteFaults.INSTANCE.describe(e));
    }
    writer.close();
    lock.close();
    LOG.info("SQLite database {} closed", file);
  }

  private static void prepareLocation(Path file) {
    Path folder = file.getParent();
    try {
      Files.createDirectories(folder);
    } catch (FileAlreadyExistsException e) {
      throw unavailable(
          file, "cannot create folder " + folder + ": a file of that name is in the way", e);
    } catch (IOException | SecurityException e) {
      throw unavailable(file, "cannot create folder " + folder + ": " + e, e);
    }
    if (Files.isDirectory(file)) {
      throw unavailable(file, "it is a folder, not a file", null);
    }
    if (!Files.isWritable(folder)) {
      throw unavailable(file, "folder " + folder + " is not writable", null);
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw unavailable(file, "the file is not writable", null);
    }
  }

  private static SQLiteConfig connectionConfig(SqliteSettings settings, boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(settings.busyTimeoutMs());
    config.setSynchronous(
        SQLiteConfig.SynchronousMode.valueOf(settings.synchronous().name()));
    if (readOnly) {
      config.setReadOnly(true);
    } else {
      // A deferred transaction that reads, then writes, cannot wait for the lock: it fails busy.
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      config.setWalAutocheckpoint(settings.walAutocheckpoint());
    }
    return config;
  }

  /**
   * Brings the schema up to date with Flyway, which is loaded only when the file is behind (or new,
   * or has a failed migration): loading and validating it cost about 0.4 s of every start.
   */
  static void migrate(Path file, DataSource dataSource) {
    if (isCurrent(dataSource)) {
      return;
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/sqlite")
          .javaMigrations(new V3__name_search_key())
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw unavailable(file, "migration failed: " + reason(e), e);
    }
  }

  /** Whether every migration of this build has run on the database, and none failed. */
  static boolean isCurrent(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return schemaVersion(connection) == SqliteBackup.SCHEMA_VERSION
          && !hasFailedMigration(connection);
    } catch (SQLException e) {
      return false;
    }
  }

  /** The highest migration that ran, or 0 when none did (or there is no history). */
  static int schemaVersion(Connection connection) {
    try (Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("SELECT COALESCE(MAX(CAST(version AS INTEGER)), 0)"
            + " FROM flyway_schema_history WHERE success = 1")) {
      return row.next() ? row.getInt(1) : 0;
    } catch (SQLException e) {
      return 0;
    }
  }

  private static boolean hasFailedMigration(Connection connection) throws SQLException {
    try (Statement sql = connection.createStatement();
        ResultSet row =
            sql.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 0")) {
      return row.next() && row.getInt(1) > 0;
    }
  }

  private static HikariDataSource pool(
      String name,
      DataSource connections,
      int size,
      long connectionTimeoutMs,
      MetricsTrackerFactory poolMetrics) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    // Both Hikari and Micronaut Data call setReadOnly, which sqlite-jdbc refuses on open
    // connections.
    config.setDataSource(new PoolableDataSource(connections));
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setConnectionTimeout(connectionTimeoutMs);
    if (poolMetrics != null) {
      config.setMetricsTrackerFactory(poolMetrics);
    }
    // A SQLite connection does not go stale: keep them for the life of the process.
    config.setMaxLifetime(0);
    config.setIdleTimeout(0);
    return new HikariDataSource(config);
  }

  private static String pragma(Statement statement, String name) throws SQLException {
    try (ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String synchronousName(String level) {
    return switch (level) {
      case "0" -> "OFF";
      case "1" -> "NORMAL";
      case "2" -> "FULL";
      case "3" -> "EXTRA";
      default -> level;
    };
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null
        ? root.getClass().getSimpleName()
        : message.lines().findFirst().orElse(message);
  }

  private static StoreUnavailableException unavailable(Path file, String reason, Throwable cause) {
    return new StoreUnavailableException(
        "Cannot use SQLite database " + file + ": " + reason, cause);
  }
}
