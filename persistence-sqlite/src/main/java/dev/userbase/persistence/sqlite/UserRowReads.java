package dev.userbase.persistence.sqlite;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** Reads from {@code users}, on the pool of read-only connections. */
@JdbcRepository(dialect = Dialect.MYSQL, dataSource = UserRowReads.DATA_SOURCE)
interface UserRowReads extends GenericRepository<UserRow, Long> {

  String DATA_SOURCE = "sqlite-reader";

  List<UserRow> findByIdGreaterThanOrderById(long id, Pageable page);

  List<UserRow> findByEmailAndIdGreaterThanOrderById(String email, long id, Pageable page);

  /** Names whose key is in [from, to): a prefix, as a range on users_name_key. */
  @Query(
      "SELECT * FROM users INDEXED BY users_name_key WHERE name_key >= :from AND name_key < :to AND id > :after"
          + " ORDER BY id LIMIT :limit")
  List<UserRow> findByNameKeyRange(String from, String to, long after, int limit);

  @Query(
      "SELECT * FROM users INDEXED BY users_name_key WHERE email = :email AND name_key >= :from AND name_key < :to"
          + " AND id > :after ORDER BY id LIMIT :limit")
  List<UserRow> findByEmailAndNameKeyRange(
      String email, String from, String to, long after, int limit);
}
