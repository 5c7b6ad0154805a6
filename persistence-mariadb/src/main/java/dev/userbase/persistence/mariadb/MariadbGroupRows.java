package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.GroupRows;
import dev.userbase.persistence.jdbc.StoreModule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;

/** The shared queries of groups and memberships, for the chosen store only, in MySQL's dialect, which covers MariaDB. */
@Requires(property = StoreModule.SETTING, value = MariadbStore.NAME)
@JdbcRepository(dialect = Dialect.MYSQL)
interface MariadbGroupRows extends GroupRows {}
