package dev.userbase.persistence.sqlite;

import dev.userbase.persistence.jdbc.UserRowWrites;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;

/**
 * The shared writes of {@code users}, on the single writer connection. MYSQL's SQL for them is
 * valid SQLite and returns generated ids.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface SqliteUserWrites extends UserRowWrites {}
