package dev.userbase.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.Email;
import dev.userbase.domain.ImportConflictException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserTransfer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-import transaction on a real file: taken only when no server holds the file, kept
 * only when committed, and holding the process lock while it lasts.
 */
class SqliteTransferTest {

  private static final Instant T = Instant.parse("2026-11-29T10:00:00.000Z");

  @TempDir
  Path folder;

  private static List<User> users(int from, int to) {
    List<User> users = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      users.add(User.restore(
          new UserId(i),
          UserName.restore("User " + i),
          Email.restore("user" + i + "@example.com"),
          T,
          T,
          1));
    }
    return users;
  }

  private static long count(Path file, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement query = connection.createStatement();
        ResultSet row = query.executeQuery(sql)) {
      return row.next() ? row.getLong(1) : -1;
    }
  }

  @Test
  void aCommittedStagingStoresEverythingAndMovesTheSequencePastIt() throws Exception {
    Path file = folder.resolve("users.db");
    try (SqliteTransfer transfer = SqliteTransfer.open(file);
        UserTransfer.Staging staging = transfer.stageAll().orElseThrow()) {
      staging.add(UserTransfer.Batch.of(users(1, 2_500)));
      staging.add(UserTransfer.Batch.of(users(2_501, 3_000)));
      assertThat(ProcessLock.tryAcquire(file))
          .as("a server cannot start meanwhile")
          .isNull();
      staging.commit();
    }
    assertThat(count(file, "SELECT COUNT(*) FROM users")).isEqualTo(3_000);
    assertThat(count(file, "SELECT seq FROM sqlite_sequence WHERE name = 'users'"))
        .isEqualTo(3_000);
    try (ProcessLock free = ProcessLock.tryAcquire(file)) {
      assertThat(free).as("the lock goes with the staging").isNotNull();
    }
  }

  @Test
  void aStagingClosedBeforeItsCommitStoresNothing() throws SQLException {
    Path file = folder.resolve("users.db");
    try (SqliteTransfer transfer = SqliteTransfer.open(file)) {
      try (UserTransfer.Staging staging = transfer.stageAll().orElseThrow()) {
        staging.add(UserTransfer.Batch.of(users(1, 1_500)));
      }
      assertThat(transfer.existingIds(List.of(1L, 1_500L))).isEmpty();
    }
    assertThat(count(file, "SELECT COUNT(*) FROM users")).isZero();
  }

  @Test
  void aTakenEmailIsAConflictInTheStoresWordsAndNothingIsKept() throws SQLException {
    Path file = folder.resolve("users.db");
    try (SqliteTransfer transfer = SqliteTransfer.open(file)) {
      try (UserTransfer.Staging staging = transfer.stageAll().orElseThrow()) {
        staging.add(UserTransfer.Batch.of(users(1, 10)));
        staging.commit();
      }
      List<User> again = new ArrayList<>(users(11, 1_500));
      again.add(User.restore(
          new UserId(2_000),
          UserName.restore("Twin"),
          Email.restore("user5@example.com"),
          T,
          T,
          1));
      try (UserTransfer.Staging staging = transfer.stageAll().orElseThrow()) {
        assertThatThrownBy(() -> {
              staging.add(UserTransfer.Batch.of(again));
              staging.commit();
            })
            .isInstanceOf(ImportConflictException.class)
            .hasMessageContaining("users.email");
      }
    }
    assertThat(count(file, "SELECT COUNT(*) FROM users")).isEqualTo(10);
  }

  @Test
  void besideAServerThereIsNoStagingAndTheImportStillStoresEverything() throws Exception {
    Path file = folder.resolve("users.db");
    try (SqliteTransfer transfer = SqliteTransfer.open(file);
        ProcessLock server = ProcessLock.tryAcquire(file)) {
      assertThat(server).isNotNull();
      assertThat(transfer.stageAll()).isEmpty();
      List<UserTransfer.Batch> batches = new ArrayList<>();
      for (int from = 1; from <= 120_000; from += 1_000) {
        batches.add(UserTransfer.Batch.of(users(from, from + 999)));
      }
      assertThat(transfer.importAll(batches.iterator()).users()).isEqualTo(120_000);
    }
    assertThat(count(file, "SELECT COUNT(*) FROM users")).isEqualTo(120_000);
  }
}
