package dev.userbase.persistence.sqlite;

import dev.userbase.domain.StoreHealth;
import dev.userbase.persistence.jdbc.StoreModule;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health of the SQLite store: the writer's own state (its last batch, or a probe write while that
 * one failed) and a connection from the reader pool. It never borrows the writer's connection, so
 * a check cannot stall writes or be stalled by them. It is DOWN at once when the path no longer
 * leads to the file that was opened. Details: the file, what became of it, the writer's state, the
 * writes queued, the last write failure, and the free space on the file's disk.
 */
@Singleton
@Requires(
    property = StoreModule.SETTING,
    value = SqliteStore.NAME,
    defaultValue = StoreModule.DEFAULT)
public final class SqliteStoreHealth implements StoreHealth {

  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final SqliteDatabase database;
  private final GroupCommitWriter writer;

  SqliteStoreHealth(SqliteDatabase database, GroupCommitWriter writer) {
    this.database = database;
    this.writer = writer;
  }

  @Override
  public Status check() {
    String fileProblem = database.fileProblem();
    String problem = fileProblem;
    if (problem == null) {
      problem = writer.problem();
      if (problem != null && !writer.closing()) {
        // The last batch failed: try a write now, so that recovery shows without a restart.
        problem = writer.probe();
      }
    }
    if (problem == null) {
      problem = readerProblem();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("file", database.file().toString());
    if (fileProblem != null) {
      details.put("fileProblem", fileProblem);
    }
    details.put(
        "writer", writer.closing() ? "stopped" : writer.problem() == null ? "writing" : "failing");
    details.put("queuedWrites", writer.queued());
    if (writer.problem() != null) {
      details.put("lastWriteFailure", writer.problem());
    }
    try {
      details.put(
          "freeDiskBytes", Files.getFileStore(database.file().getParent()).getUsableSpace());
    } catch (IOException e) {
      details.put("freeDiskBytes", "unknown: " + e.getMessage());
    }
    return new Status(problem, details);
  }

  private String readerProblem() {
    try (Connection connection = database.reader().getConnection()) {
      return connection.isValid(VALIDATION_TIMEOUT_SECONDS)
          ? null
          : "SQLite reader connection did not answer";
    } catch (SQLException | RuntimeException e) {
      return "SQLite read failed: " + SqliteFaults.INSTANCE.describe(e);
    }
  }
}
