package dev.userbase.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's gotcha, met by the product: SQLite enforces foreign keys only on a connection that
 * turns them on. Every way Userbase opens the file (the writer, each reader, a backup's source, a
 * bulk transfer) turns them on, and each refuses a membership of a missing user.
 */
class SqliteForeignKeysTest {

  @TempDir
  Path folder;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  /** A file with group 1 and user 1, and no other. */
  private SqliteDatabase database() throws SQLException {
    SqliteDatabase database = keep(SqliteDatabase.open(new SqliteSettings(
        folder.resolve("users.db").toString(),
        SqliteSettings.Synchronous.FULL,
        3,
        5000,
        16,
        8,
        0,
        10000,
        5000,
        1000,
        "")));
    try (Connection writer = database.writer().getConnection();
        Statement sql = writer.createStatement()) {
      sql.execute("INSERT INTO user_groups (name, name_key, created_at, updated_at, version)"
          + " VALUES ('Admins', 'admins', 0, 0, 1)");
      sql.execute("INSERT INTO users (name, name_key, created_at, updated_at, version)"
          + " VALUES ('Ada', 'ada', 0, 0, 1)");
    }
    return database;
  }

  private static String foreignKeys(Connection connection) throws SQLException {
    try (Statement sql = connection.createStatement();
        ResultSet on = sql.executeQuery("PRAGMA foreign_keys")) {
      on.next();
      return on.getString(1);
    }
  }

  /** The connection turns foreign keys on, and refuses a membership of user 42. */
  private static void refusesAnOrphan(Connection connection, String which) throws SQLException {
    assertThat(foreignKeys(connection)).as(which + ": PRAGMA foreign_keys").isEqualTo("1");
    try (Statement sql = connection.createStatement()) {
      assertThatThrownBy(() -> sql.execute("INSERT INTO memberships VALUES (1, 42)"))
          .as(which)
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void theWriterRefusesAMembershipOfAMissingUserByItsForeignKey() throws SQLException {
    SqliteDatabase database = database();
    try (Connection writer = database.writer().getConnection()) {
      refusesAnOrphan(writer, "the writer");
      try (Statement sql = writer.createStatement()) {
        assertThatThrownBy(() -> sql.execute("INSERT INTO memberships VALUES (1, 42)"))
            .hasMessageContaining("FOREIGN KEY constraint failed");
      }
    }
  }

  @Test
  void everyReaderHasForeignKeysOnAndWritesNothing() throws SQLException {
    SqliteDatabase database = database();
    List<Connection> readers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      readers.add(keep(database.reader().getConnection()));
    }
    for (Connection reader : readers) {
      refusesAnOrphan(reader, "a reader");
    }
  }

  @Test
  void aBackupsSourceConnectionRefusesAMembershipOfAMissingUser() throws SQLException {
    database();
    try (Connection source = SqliteBackup.source(folder.resolve("users.db"))) {
      refusesAnOrphan(source, "a backup's source");
      try (Statement sql = source.createStatement()) {
        assertThatThrownBy(() -> sql.execute("INSERT INTO memberships VALUES (1, 42)"))
            .hasMessageContaining("FOREIGN KEY constraint failed");
      }
    }
  }

  @Test
  void aTransfersConnectionRefusesAMembershipOfAMissingUser() throws SQLException {
    database().close();
    toClose.clear();
    try (SqliteTransfer transfer = SqliteTransfer.open(folder.resolve("users.db"))) {
      Connection connection = transfer.connection();
      refusesAnOrphan(connection, "a transfer");
      try (Statement sql = connection.createStatement()) {
        assertThatThrownBy(() -> sql.execute("INSERT INTO memberships VALUES (1, 42)"))
            .hasMessageContaining("FOREIGN KEY constraint failed");
      }
    }
  }
}
