package dev.userbase.persistence.sqlite;

import dev.userbase.persistence.jdbc.UserRow;
import dev.userbase.persistence.jdbc.UserRowReads;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import java.util.List;

/**
 * The shared reads of {@code users}, on the pool of read-only connections. Micronaut Data 4 has
 * no SQLite dialect; MYSQL's SQL for these queries is valid SQLite. The name search names its
 * index: SQLite's planner would otherwise walk the primary key. (With an email as well, the
 * email's unique index finds the one row, and the planner takes it.)
 */
@JdbcRepository(dialect = Dialect.MYSQL, dataSource = SqliteUserReads.DATA_SOURCE)
interface SqliteUserReads extends UserRowReads {

  String DATA_SOURCE = "sqlite-reader";

  @Override
  @Query("SELECT * FROM users INDEXED BY users_name_key WHERE name_key >= :start"
      + " AND name_key < :to AND (name_key > :start OR id > :after)"
      + " ORDER BY name_key, id LIMIT :limit")
  List<UserRow> findNameKeyPage(String start, String to, long after, int limit);
}
