package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.GroupRows;
import dev.userbase.persistence.jdbc.StoreModule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;

/** The shared queries of groups and memberships, for the chosen store only, in PostgreSQL's dialect. */
@Requires(property = StoreModule.SETTING, value = PostgresStore.NAME)
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PostgresGroupRows extends GroupRows {}
