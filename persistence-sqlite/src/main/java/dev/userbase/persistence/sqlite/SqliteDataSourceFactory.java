package dev.userbase.persistence.sqlite;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;

/** Makes the SQLite file's writer and reader pools the application's data sources. */
@Factory
@Requires(property = "userbase.store", value = "sqlite", defaultValue = "sqlite")
class SqliteDataSourceFactory {

  @Singleton
  @Bean(preDestroy = "close")
  SqliteDatabase database(SqliteSettings settings, @Nullable MetricsTrackerFactory poolMetrics) {
    return SqliteDatabase.open(settings, poolMetrics);
  }

  @Singleton
  @Primary
  @Named("default")
  DataSource writer(SqliteDatabase database) {
    return database.writer();
  }

  @Singleton
  @Bean(preDestroy = "close")
  GroupCommitWriter writer(
      @Named("default") TransactionOperations<Connection> transactions,
      SqliteDatabase database,
      SqliteSettings settings,
      @Nullable MeterRegistry meters) {
    return new GroupCommitWriter(
        transactions,
        database::fileProblem,
        settings.writeQueueCapacity(),
        settings.maxBatchSize(),
        Duration.ofMillis(settings.maxBatchWaitMs()),
        Duration.ofMillis(settings.writeTimeoutMs()),
        // Without a registry (a bare test context) the meters go nowhere.
        meters != null ? meters : new CompositeMeterRegistry());
  }

  @Singleton
  @Named(UserRowReads.DATA_SOURCE)
  DataSource reader(SqliteDatabase database) {
    return database.reader();
  }
}
