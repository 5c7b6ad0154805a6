package dev.userbase.persistence.sqlite;

import dev.userbase.persistence.jdbc.GroupRowReads;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;

/** The shared reads of groups and memberships, on the pool of read-only connections. */
@JdbcRepository(dialect = Dialect.MYSQL, dataSource = SqliteUserReads.DATA_SOURCE)
interface SqliteGroupReads extends GroupRowReads {}
