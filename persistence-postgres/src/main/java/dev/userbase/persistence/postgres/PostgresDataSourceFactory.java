package dev.userbase.persistence.postgres;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** Makes the PostgreSQL pool the application's data source when the store is postgres. */
@Factory
@Requires(property = "userbase.store", value = "postgres")
class PostgresDataSourceFactory {

  @Singleton
  @Bean(preDestroy = "close")
  PostgresDatabase database(
      PostgresSettings settings, @Nullable MetricsTrackerFactory poolMetrics) {
    return PostgresDatabase.open(settings, poolMetrics);
  }

  @Singleton
  @Primary
  @Named("default")
  DataSource dataSource(PostgresDatabase database) {
    return database.dataSource();
  }
}
