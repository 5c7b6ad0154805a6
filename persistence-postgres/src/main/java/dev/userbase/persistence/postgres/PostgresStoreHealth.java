package dev.userbase.persistence.postgres;

import dev.userbase.domain.StoreHealth;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Health of the PostgreSQL store: the pool hands out a connection that answers, in bounded time. */
@Singleton
@Requires(property = "userbase.store", value = "postgres")
public final class PostgresStoreHealth implements StoreHealth {

  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final PostgresDatabase database;

  PostgresStoreHealth(PostgresDatabase database) {
    this.database = database;
  }

  @Override
  public Optional<String> problem() {
    try (Connection connection = database.dataSource().getConnection()) {
      if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        return Optional.of("PostgreSQL connection did not answer");
      }
      return Optional.empty();
    } catch (SQLException | RuntimeException e) {
      return Optional.of("PostgreSQL connection failed: " + PostgresFaults.describe(e));
    }
  }
}
