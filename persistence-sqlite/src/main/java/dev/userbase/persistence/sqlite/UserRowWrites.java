package dev.userbase.persistence.sqlite;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/**
 * Writes to {@code users}, on the single writer connection. Micronaut Data 4 has no SQLite dialect;
 * MYSQL's SQL for these statements is valid SQLite and returns generated ids.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface UserRowWrites extends GenericRepository<UserRow, Long> {

  UserRow save(UserRow row);

  @Query("UPDATE users SET name = :name, name_key = :nameKey, email = :email,"
      + " updated_at = :updatedAt, version = :version WHERE id = :id AND version = :version - 1")
  long updateFromPreviousVersion(
      long id,
      String name,
      String nameKey,
      @Nullable String email,
      Instant updatedAt,
      long version);

  long deleteByIdAndVersion(long id, long version);

  long deleteById(long id);
}
