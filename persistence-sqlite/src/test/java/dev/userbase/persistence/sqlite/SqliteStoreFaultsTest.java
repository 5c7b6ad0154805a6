package dev.userbase.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.StoreHealth;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store faults that are not a full disk (see {@link GroupCommitWriterTest}), each made real on
 * a real file: the file deleted or replaced under the running server, a database that refuses
 * writes, a lock held by another process past the busy timeout, and a reader pool with no
 * connection to spare. Each is a {@link StoreUnavailableException} (503) that names its cause,
 * and nothing is stored.
 */
class SqliteStoreFaultsTest {

  @TempDir
  Path folder;

  private ApplicationContext context;
  private UserRepository users;
  private StoreHealth health;

  @AfterEach
  void tearDown() {
    if (context != null) {
      context.close();
    }
  }

  private Path start(Map<String, Object> extra) {
    Path file = folder.resolve("users.db");
    Map<String, Object> properties = new HashMap<>(SqliteTestContexts.properties(file));
    properties.putAll(extra);
    context = ApplicationContext.run(properties);
    users = context.getBean(UserRepository.class);
    health = context.getBean(StoreHealth.class);
    return file;
  }

  private static User newUser(String name) {
    return User.create(UserName.of(name), null, Clock.systemUTC());
  }

  private static int rows(Path file) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM users")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void aDeletedFileRefusesEveryWriteAndTurnsHealthDown() throws Exception {
    Path file = start(Map.of());
    users.insert(newUser("Before"));
    assertThat(health.check().up()).isTrue();

    Files.delete(file);

    // SQLite in WAL mode would commit into the deleted file, lost to every later start.
    assertThatThrownBy(() -> users.insert(newUser("Into the void")))
        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
          assertThat(e.code()).isEqualTo("file-gone");
          assertThat(e.getMessage()).contains(file.toString(), "deleted or moved");
          assertThat(e.mayHaveWritten()).isFalse();
        });
    StoreHealth.Status status = health.check();
    assertThat(status.up()).isFalse();
    assertThat(status.problem()).contains("deleted or moved");
    assertThat(status.details()).containsKey("fileProblem");
  }

  @Test
  void aFileReplacedUnderTheServerRefusesWritesAndTheNewFileIsLeftAlone() throws Exception {
    Path file = start(Map.of());
    users.insert(newUser("Kept"));
    Path elsewhere = folder.resolve("copy.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("VACUUM INTO '" + elsewhere + "'");
    }
    Files.move(elsewhere, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> users.insert(newUser("Lost")))
        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
          assertThat(e.code()).isEqualTo("file-gone");
          assertThat(e.getMessage()).contains("replaced");
        });
    assertThat(health.check().up()).isFalse();
    context.close();
    context = null;
    assertThat(rows(file)).isEqualTo(1);
  }

  @Test
  void aDatabaseThatRefusesWritesIs503WithSqlitesCodeAndRecoversWithoutARestart() throws Exception {
    Path file = start(Map.of());
    users.insert(newUser("Before"));
    onWriter("PRAGMA query_only = 1");

    assertThatThrownBy(() -> users.insert(newUser("Refused")))
        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
          assertThat(e.code()).startsWith("SQLITE_READONLY");
          assertThat(e.getMessage()).contains("SQLITE_READONLY");
        });
    assertThat(health.check().up()).isFalse();

    onWriter("PRAGMA query_only = 0");
    assertThat(health.check().up()).isTrue();
    users.insert(newUser("After"));
    assertThat(users.list(0, Optional.empty(), 10))
        .extracting(user -> user.name().value())
        .containsExactly("Before", "After");
    assertThat(rows(file)).isEqualTo(2);
  }

  @Test
  void aLockHeldByAnotherProcessPastTheBusyTimeoutIs503Busy() throws Exception {
    Path file = start(Map.of("userbase.sqlite.busy-timeout-ms", 5000));
    users.insert(newUser("Before"));
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      long started = System.nanoTime();
      assertThatThrownBy(() -> users.insert(newUser("Blocked")))
          .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
            assertThat(e.code()).startsWith("SQLITE_BUSY");
            assertThat(e.getMessage()).contains("SQLITE_BUSY");
          });
      // It waited for the lock first, as long as the busy timeout says.
      assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(4_000_000_000L);
      statement.execute("ROLLBACK");
    }
    users.insert(newUser("After"));
    assertThat(rows(file)).isEqualTo(2);
  }

  @Test
  void aReadThatGetsNoPooledConnectionInTimeIs503PoolTimeout() throws Exception {
    start(Map.of(
        "userbase.sqlite.reader-pool-size", 1, "userbase.sqlite.connection-timeout-ms", 250));
    User stored = users.insert(newUser("Stored"));
    SqliteDatabase database = context.getBean(SqliteDatabase.class);
    try (Connection held = database.reader().getConnection()) {
      assertThat(held.isValid(1)).isTrue();
      assertThatThrownBy(() -> users.findById(stored.id()))
          .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
            assertThat(e.code()).isEqualTo("pool-timeout");
            assertThat(e.getMessage()).contains("userbase-sqlite-reader");
          });
    }
    assertThat(users.findById(stored.id())).isPresent();
  }

  /**
   * Runs one statement on the writer's own connection, outside any transaction (the writer is idle
   * and its pool holds that one connection).
   */
  private void onWriter(String sql) throws SQLException {
    DataSource writerPool = context.getBean(SqliteDatabase.class).writer();
    try (Connection connection = writerPool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
