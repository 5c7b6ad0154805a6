package dev.userbase.persistence.postgres;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code users} on PostgreSQL. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRows extends GenericRepository<UserRow, Long> {

  UserRow save(UserRow row);

  Optional<UserRow> findById(long id);

  List<UserRow> findByIdGreaterThanOrderById(long id, Pageable page);

  List<UserRow> findByEmailAndIdGreaterThanOrderById(String email, long id, Pageable page);

  /** Names whose key is in [from, to): a prefix, as a range on users_name_key (COLLATE "C"). */
  @Query("SELECT * FROM users WHERE name_key >= :from AND name_key < :to AND id > :after"
      + " ORDER BY id LIMIT :limit")
  List<UserRow> findByNameKeyRange(String from, String to, long after, int limit);

  @Query("SELECT * FROM users WHERE email = :email AND name_key >= :from AND name_key < :to"
      + " AND id > :after ORDER BY id LIMIT :limit")
  List<UserRow> findByEmailAndNameKeyRange(
      String email, String from, String to, long after, int limit);

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
