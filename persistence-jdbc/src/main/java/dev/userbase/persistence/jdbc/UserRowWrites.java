package dev.userbase.persistence.jdbc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/** The writes of {@code users}, in SQL every store speaks; see {@link UserRowReads}. */
public interface UserRowWrites extends GenericRepository<UserRow, Long> {

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
