package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.StoreModule;
import dev.userbase.persistence.jdbc.UserRows;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;

/** The shared queries of {@code users}, for the chosen store only, in PostgreSQL's dialect. */
@Requires(property = StoreModule.SETTING, value = PostgresStore.NAME)
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PostgresUserRows extends UserRows {}
