package dev.userbase.persistence.sqlite;

import dev.userbase.domain.StoreBackups.Backup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.sqlite.SQLiteConfig;

/**
 * Backups of a Userbase SQLite file, and their restore.
 *
 * <p>A backup is {@code VACUUM INTO} from a connection of its own: one read transaction over a
 * consistent snapshot, which under WAL never blocks the writer. It is written under a temporary
 * name and renamed only once {@code PRAGMA integrity_check} passed, so a file at the backup's name
 * is always a whole, sound copy. A restore checks the file first (SQLite, sound, a Userbase
 * database at a schema version this build knows), keeps the current database aside, then puts the
 * backup in place.
 */
public final class SqliteBackup {

  /** The newest schema version this build's migrations create. */
  static final int SCHEMA_VERSION = 5;

  private static final byte[] SQLITE_HEADER =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private SqliteBackup() {}

  /** The database file a configured path names, as the server resolves it. */
  public static Path resolve(String configuredPath) {
    return Path.of(configuredPath).toAbsolutePath().normalize();
  }

  /**
   * Copies {@code database} into {@code target} while the server may keep writing.
   *
   * @param progress told the bytes written so far, now and then, while the copy is made
   * @throws BackupException when the source is missing, the target exists and {@code overwrite}
   *     is false, or the copy fails its check
   */
  public static Backup backup(
      Path database, Path target, boolean overwrite, LongConsumer progress) {
    long started = System.nanoTime();
    if (!Files.isRegularFile(database)) {
      throw new BackupException("no database at " + database);
    }
    Path copy = target.toAbsolutePath().normalize();
    if (Files.exists(copy) && !overwrite) {
      throw new BackupException(copy + " exists; give --force to overwrite it");
    }
    Path partial = copy.resolveSibling(copy.getFileName() + ".partial");
    try {
      Files.createDirectories(copy.getParent());
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      throw new BackupException("cannot write " + copy + ": " + e.getMessage());
    }
    Thread watcher = watch(partial, progress);
    try (Connection connection = source(database);
        Statement statement = connection.createStatement()) {
      statement.execute("VACUUM INTO '" + partial.toString().replace("'", "''") + "'");
    } catch (SQLException e) {
      throw new BackupException(
          "the copy of " + database + " failed: " + SqliteFaults.INSTANCE.describe(e));
    } finally {
      watcher.interrupt();
    }
    String integrity = integrity(partial);
    if (!"ok".equals(integrity)) {
      throw new BackupException("the copy failed its integrity check: " + integrity);
    }
    long orphans = orphans(partial);
    if (orphans > 0) {
      throw new BackupException(
          "the copy holds " + orphans + " rows whose parent is missing (PRAGMA foreign_key_check)");
    }
    long users = users(partial);
    try {
      Files.move(
          partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Backup(
          copy.toString(), Files.size(copy), users, Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException e) {
      throw new BackupException("cannot put the copy at " + copy + ": " + e.getMessage());
    }
  }

  /** A name for a backup made now: {@code userbase-20261129-140512-042.db}. */
  static String timestampedName(Clock clock) {
    return "userbase-" + STAMP.format(clock.instant()) + ".db";
  }

  /**
   * Puts {@code backup} in place of {@code database}, which must not be in use; the database that
   * was there is kept aside.
   *
   * @return where the former database was kept, or null when there was none
   * @throws BackupException when the file is no sound Userbase backup; nothing is changed then
   */
  public static Path restore(Path database, Path backup) {
    check(backup);
    try (ProcessLock lock = lockForRestore(database)) {
      return replace(database, backup);
    }
  }

  private static ProcessLock lockForRestore(Path database) {
    try {
      Files.createDirectories(database.getParent());
      ProcessLock lock = ProcessLock.tryAcquire(database);
      if (lock == null) {
        throw new BackupException(
            database + " is open in a running Userbase server; stop it first");
      }
      return lock;
    } catch (IOException e) {
      throw new BackupException("cannot lock " + database + ": " + e.getMessage());
    }
  }

  private static Path replace(Path database, Path backup) {
    Path aside = null;
    try {
      Files.createDirectories(database.getParent());
      if (Files.exists(database)) {
        aside = database.resolveSibling(database.getFileName() + ".before-restore-"
            + STAMP.format(Clock.systemUTC().instant()));
        Files.move(database, aside);
        for (String suffix : new String[] {"-wal", "-shm"}) {
          Path companion = database.resolveSibling(database.getFileName() + suffix);
          if (Files.exists(companion)) {
            Files.move(companion, aside.resolveSibling(aside.getFileName() + suffix));
          }
        }
      }
      Path incoming = database.resolveSibling(database.getFileName() + ".restoring");
      Files.copy(backup, incoming, StandardCopyOption.REPLACE_EXISTING);
      Files.move(incoming, database, StandardCopyOption.ATOMIC_MOVE);
      return aside;
    } catch (FileAlreadyExistsException e) {
      throw new BackupException(
          "cannot keep the current database aside: " + e.getFile() + " exists");
    } catch (IOException e) {
      throw new BackupException("the restore failed: " + e
          + (aside == null ? "" : "; the former database is at " + aside));
    }
  }

  /**
   * Checks that a file is a sound Userbase database at a schema version this build knows.
   *
   * @throws BackupException saying what it is not
   */
  static void check(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BackupException("no file at " + file);
    }
    byte[] header = new byte[SQLITE_HEADER.length];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(header, 0, header.length) != header.length
          || !Arrays.equals(header, SQLITE_HEADER)) {
        throw new BackupException(file + " is not an SQLite database");
      }
    } catch (IOException e) {
      throw new BackupException("cannot read " + file + ": " + e.getMessage());
    }
    String integrity = integrity(file);
    if (!"ok".equals(integrity)) {
      throw new BackupException(file + " is damaged: integrity_check says " + integrity);
    }
    int version = schemaVersion(file);
    if (version > SCHEMA_VERSION) {
      throw new BackupException(
          file + " has schema version " + version + ", newer than this build knows ("
              + SCHEMA_VERSION + "); restore it with a newer Userbase");
    }
  }

  private static int schemaVersion(Path file) {
    try (Connection connection = readOnly(file);
        Statement statement = connection.createStatement()) {
      try (ResultSet tables = statement.executeQuery(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'flyway_schema_history')")) {
        tables.next();
        if (tables.getInt(1) != 2) {
          throw new BackupException(file + " is an SQLite database, but not a Userbase one");
        }
      }
      try (ResultSet version = statement.executeQuery(
          "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")) {
        version.next();
        return version.getInt(1);
      }
    } catch (SQLException e) {
      throw new BackupException("cannot read " + file + ": " + SqliteFaults.INSTANCE.describe(e));
    }
  }

  private static String integrity(Path file) {
    try {
      return firstValue(file, "PRAGMA integrity_check");
    } catch (SQLException e) {
      return SqliteFaults.INSTANCE.describe(e);
    }
  }

  private static long users(Path file) {
    try {
      return Long.parseLong(firstValue(file, "SELECT count(*) FROM users"));
    } catch (SQLException e) {
      throw new BackupException(
          "cannot count the users in " + file + ": " + SqliteFaults.INSTANCE.describe(e));
    }
  }

  /** The first column of the first row a query answers, read on a read-only connection. */
  private static String firstValue(Path file, String query) throws SQLException {
    try (Connection connection = readOnly(file);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getString(1);
    }
  }

  /**
   * The connection a backup reads its source through: foreign keys on, as on every connection
   * Userbase opens, and a busy timeout that waits out a group commit.
   */
  static Connection source(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setBusyTimeout(5000);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  private static Connection readOnly(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.enforceForeignKeys(true);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  /** The rows of a copy whose parent row is missing: none in a sound Userbase database. */
  private static long orphans(Path file) {
    try (Connection connection = readOnly(file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
      long orphans = 0;
      while (rows.next()) {
        orphans++;
      }
      return orphans;
    } catch (SQLException e) {
      throw new BackupException("cannot check the copy " + file + ": " + e.getMessage());
    }
  }

  /** Reports the growing size of the file being written, twice a second. */
  private static Thread watch(Path partial, LongConsumer progress) {
    Thread watcher = new Thread(
        () -> {
          try {
            while (!Thread.currentThread().isInterrupted()) {
              TimeUnit.MILLISECONDS.sleep(500);
              if (Files.exists(partial)) {
                progress.accept(Files.size(partial));
              }
            }
          } catch (InterruptedException | IOException e) {
            // the copy is done, or the file is gone
          }
        },
        "userbase-backup-progress");
    watcher.setDaemon(true);
    watcher.start();
    return watcher;
  }

  /** A backup or restore that cannot be done; the message says why, in one line. */
  public static final class BackupException extends RuntimeException {
    BackupException(String message) {
      super(message);
    }
  }
}
