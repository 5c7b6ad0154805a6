package dev.userbase.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.StoreUnavailableException;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The connection settings and the location checks, on real files. */
class SqliteDatabaseTest {

  @TempDir
  Path folder;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private SqliteSettings settings(Path file, SqliteSettings.Synchronous synchronous) {
    return new SqliteSettings(
        file.toString(), synchronous, 4, 5000, 16, 8, 0, 10000, 5000, 1000, "");
  }

  private SqliteDatabase open(SqliteSettings settings) {
    SqliteDatabase database = SqliteDatabase.open(settings);
    toClose.add(database);
    return database;
  }

  private Connection hold(DataSource dataSource) throws SQLException {
    Connection connection = dataSource.getConnection();
    toClose.add(connection);
    return connection;
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void everyPooledConnectionHeldAtOnceHasWalForeignKeysBusyTimeoutAndFullSync() throws Exception {
    SqliteDatabase database =
        open(settings(folder.resolve("users.db"), SqliteSettings.Synchronous.FULL));
    List<Connection> held = new ArrayList<>();
    held.add(hold(database.writer()));
    for (int i = 0; i < 4; i++) {
      held.add(hold(database.reader()));
    }

    assertThat(held).hasSize(5);
    for (Connection connection : held) {
      assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
      assertThat(Integer.parseInt(pragma(connection, "busy_timeout"))).isGreaterThanOrEqualTo(5000);
      assertThat(pragma(connection, "synchronous")).isEqualTo("2");
    }
  }

  @Test
  void synchronousNormalIsAppliedToEveryConnection() throws Exception {
    SqliteDatabase database =
        open(settings(folder.resolve("users.db"), SqliteSettings.Synchronous.NORMAL));

    assertThat(pragma(hold(database.writer()), "synchronous")).isEqualTo("1");
    assertThat(pragma(hold(database.reader()), "synchronous")).isEqualTo("1");
    assertThat(pragma(hold(database.reader()), "synchronous")).isEqualTo("1");
  }

  @Test
  void theWritersAutomaticCheckpointsCanBeLeftToAnotherProcess() throws Exception {
    SqliteDatabase defaults =
        open(settings(folder.resolve("users.db"), SqliteSettings.Synchronous.FULL));
    try (Connection writer = defaults.writer().getConnection()) {
      assertThat(pragma(writer, "wal_autocheckpoint")).isEqualTo("1000");
    }
    defaults.close();
    SqliteDatabase handedOver = open(new SqliteSettings(
        folder.resolve("users.db").toString(),
        SqliteSettings.Synchronous.FULL,
        4,
        5000,
        16,
        8,
        0,
        10000,
        5000,
        0,
        ""));
    try (Connection writer = handedOver.writer().getConnection()) {
      assertThat(pragma(writer, "wal_autocheckpoint")).isEqualTo("0");
    }
  }

  @Test
  void theWriterRefusesAMembershipOfAMissingUserOrGroup() throws Exception {
    SqliteDatabase database =
        open(settings(folder.resolve("users.db"), SqliteSettings.Synchronous.FULL));
    Connection writer = hold(database.writer());
    try (Statement s = writer.createStatement()) {
      s.execute("INSERT INTO user_groups (name, name_key, created_at, updated_at, version)"
          + " VALUES ('Admins', 'admins', 0, 0, 1)");
      s.execute("INSERT INTO users (name, name_key, created_at, updated_at, version)"
          + " VALUES ('Ada', 'ada', 0, 0, 1)");

      assertThatThrownBy(() -> s.execute("INSERT INTO memberships VALUES (1, 42)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("FOREIGN KEY constraint failed");
      assertThatThrownBy(() -> s.execute("INSERT INTO memberships VALUES (42, 1)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("FOREIGN KEY constraint failed");
      s.execute("INSERT INTO memberships VALUES (1, 1)");
      s.execute("DELETE FROM users WHERE id = 1");
      try (ResultSet left = s.executeQuery("SELECT COUNT(*) FROM memberships")) {
        left.next();
        assertThat(left.getInt(1)).as("the membership went with its user").isZero();
      }
    }
  }

  @Test
  void readerConnectionsCannotWrite() throws Exception {
    SqliteDatabase database =
        open(settings(folder.resolve("users.db"), SqliteSettings.Synchronous.FULL));
    try (Statement s = hold(database.reader()).createStatement()) {
      assertThatThrownBy(() -> s.execute("DELETE FROM users"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("readonly");
    }
  }

  @Test
  void migrationsCreateTheUsersTable() throws Exception {
    SqliteDatabase database =
        open(settings(folder.resolve("users.db"), SqliteSettings.Synchronous.FULL));
    try (Statement s = hold(database.reader()).createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM users")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void relativePathsAreResolvedAgainstTheWorkingDirectoryAndMissingFoldersCreated()
      throws Exception {
    // Relative, as a user writes it; the tests run in the module's folder, so it lands in target.
    String under = "target/relative-" + java.util.UUID.randomUUID();
    Path relative = Path.of(under, "a/b/../c/users.db");
    Path expected = Path.of("").toAbsolutePath().resolve(under).resolve("a/c/users.db");
    assertThat(relative).isRelative();

    try {
      SqliteDatabase database = open(settings(relative, SqliteSettings.Synchronous.FULL));

      assertThat(database.file()).isEqualTo(expected);
      assertThat(database.file()).isAbsolute().exists();
    } finally {
      try (var files = Files.walk(Path.of(under))) {
        files
            .sorted(java.util.Comparator.reverseOrder())
            .forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void aFileInThePlaceOfTheFolderFailsNamingTheAbsolutePath() throws Exception {
    Files.writeString(folder.resolve("blocker"), "not a folder");
    Path file = folder.resolve("blocker/users.db");

    assertThatThrownBy(() -> open(settings(file, SqliteSettings.Synchronous.FULL)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("Cannot use SQLite database "
            + file.toAbsolutePath()
            + ": cannot create folder "
            + folder.resolve("blocker")
            + ": a file of that name is in the way");
  }

  @Test
  void aFolderInThePlaceOfTheFileFails() throws Exception {
    Path file = Files.createDirectory(folder.resolve("users.db"));

    assertThatThrownBy(() -> open(settings(file, SqliteSettings.Synchronous.FULL)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageEndingWith(file + ": it is a folder, not a file");
  }

  @Test
  void aFileThatIsNotADatabaseFailsWithSQLitesReason() throws Exception {
    Path file = Files.writeString(folder.resolve("users.db"), "this is no database ".repeat(100));

    assertThatThrownBy(() -> open(settings(file, SqliteSettings.Synchronous.FULL)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith("Cannot use SQLite database " + file + ": ")
        .hasMessageContaining("not a database");
  }

  @Test
  void theStoreIsChosenByConfigurationAndSqliteIsTheDefault() {
    Map<String, Object> properties = SqliteTestContexts.properties(folder.resolve("users.db"));
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      assertThat(context.containsBean(SqliteDatabase.class)).isTrue();
      assertThat(context.getBean(dev.userbase.domain.UserRepository.class)).isNotNull();
    }
    Map<String, Object> postgres = new java.util.HashMap<>(properties);
    postgres.put("userbase.store", "postgres");
    try (ApplicationContext context = ApplicationContext.run(postgres)) {
      assertThat(context.containsBean(SqliteDatabase.class)).isFalse();
      assertThat(context.containsBean(GroupCommitWriter.class)).isFalse();
    }
  }

  @Test
  void theSchemaVersionThatRestoreAndStartCheckIsTheNewestMigration() throws Exception {
    // A migration added without raising SCHEMA_VERSION would never run on a current file (the
    // start skips Flyway when the versions match), and restore would refuse its backups.
    Path file = folder.resolve("users.db");
    SQLiteDataSource plain = new SQLiteDataSource();
    plain.setUrl("jdbc:sqlite:" + file);
    SqliteDatabase.migrate(file, plain);
    try (Connection connection = plain.getConnection();
        Statement sql = connection.createStatement();
        ResultSet newest = sql.executeQuery("SELECT MAX(CAST(version AS INTEGER)), COUNT(*)"
            + " FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")) {
      newest.next();
      assertThat(newest.getInt(1)).isEqualTo(SqliteBackup.SCHEMA_VERSION);
      assertThat(newest.getInt(2)).as("one row per migration").isEqualTo(newest.getInt(1));
    }
  }

  @Test
  void flywayRunsOnlyWhenTheSchemaIsBehindOrAMigrationFailed() throws Exception {
    Path file = folder.resolve("users.db");
    SQLiteDataSource plain = new SQLiteDataSource();
    plain.setUrl("jdbc:sqlite:" + file);
    assertThat(SqliteDatabase.isCurrent(plain)).as("a new file").isFalse();

    SqliteDatabase.migrate(file, plain);
    assertThat(SqliteDatabase.isCurrent(plain)).as("after the migrations").isTrue();

    try (Connection connection = plain.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '1'");
      assertThat(SqliteDatabase.isCurrent(plain)).as("a failed migration").isFalse();
      sql.execute("UPDATE flyway_schema_history SET success = 1 WHERE version = '1'");
      sql.execute("DELETE FROM flyway_schema_history WHERE version = '5'");
      sql.execute("DROP TABLE events");
      sql.execute("DROP TABLE feed_head");
      assertThat(SqliteDatabase.isCurrent(plain)).as("one migration behind").isFalse();
    }

    SqliteDatabase.migrate(file, plain);
    assertThat(SqliteDatabase.isCurrent(plain)).as("brought up to date").isTrue();
    try (Connection connection = plain.getConnection()) {
      assertThat(pragma(connection, "table_info(events)")).isNotNull();
    }
  }
}
