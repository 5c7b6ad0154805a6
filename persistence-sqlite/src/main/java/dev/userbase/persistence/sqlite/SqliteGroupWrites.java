package dev.userbase.persistence.sqlite;

import dev.userbase.persistence.jdbc.GroupRowWrites;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;

/** The shared writes of groups and memberships, on the single writer connection. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface SqliteGroupWrites extends GroupRowWrites {}
