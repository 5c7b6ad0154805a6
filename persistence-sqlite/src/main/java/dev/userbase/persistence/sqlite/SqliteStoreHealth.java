package dev.userbase.persistence.sqlite;

import dev.userbase.domain.StoreHealth;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Health of the SQLite store: the writer's own state (its last batch, or a probe write while that
 * one failed) and a connection from the reader pool. It never borrows the writer's connection, so
 * a check cannot stall writes or be stalled by them.
 */
@Singleton
@Requires(property = "userbase.store", value = "sqlite", defaultValue = "sqlite")
public final class SqliteStoreHealth implements StoreHealth {

  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final SqliteDatabase database;
  private final GroupCommitWriter writer;

  SqliteStoreHealth(SqliteDatabase database, GroupCommitWriter writer) {
    this.database = database;
    this.writer = writer;
  }

  @Override
  public Optional<String> problem() {
    if (writer.problem() != null) {
      // The last batch failed: try a write now, so that recovery shows without a restart.
      String probe = writer.probe();
      if (probe != null) {
        return Optional.of(probe);
      }
    }
    try (Connection connection = database.reader().getConnection()) {
      if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        return Optional.of("SQLite reader connection did not answer");
      }
    } catch (SQLException | RuntimeException e) {
      return Optional.of("SQLite read failed: " + SqliteFaults.describe(e));
    }
    return Optional.empty();
  }
}
