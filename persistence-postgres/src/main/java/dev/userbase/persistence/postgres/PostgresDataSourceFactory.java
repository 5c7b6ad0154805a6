package dev.userbase.persistence.postgres;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** Makes the PostgreSQL pool the application's data source when the store is postgres. */
@Factory
@Requires(property = "userbase.store", value = "postgres")
class PostgresDataSourceFactory {

  @Singleton
  @Bean(preDestroy = "close")
  PostgresDatabase database(PostgresSettings settings) {
    return PostgresDatabase.open(settings);
  }

  @Singleton
  @Primary
  @Named("default")
  DataSource dataSource(PostgresDatabase database) {
    return database.dataSource();
  }
}
