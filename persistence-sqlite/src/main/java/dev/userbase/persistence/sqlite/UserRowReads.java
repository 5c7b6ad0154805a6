package dev.userbase.persistence.sqlite;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Reads from {@code users}, on the pool of read-only connections. */
@JdbcRepository(dialect = Dialect.MYSQL, dataSource = UserRowReads.DATA_SOURCE)
interface UserRowReads extends GenericRepository<UserRow, Long> {

  String DATA_SOURCE = "sqlite-reader";

  Optional<UserRow> findById(long id);

  List<UserRow> findByIdGreaterThanOrderById(long id, Pageable page);

  List<UserRow> findByEmailAndIdGreaterThanOrderById(String email, long id, Pageable page);
}
