package dev.userbase.persistence.sqlite;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
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
  SqliteDatabase database(SqliteSettings settings) {
    return SqliteDatabase.open(settings);
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
      @Named("default") TransactionOperations<Connection> transactions, SqliteSettings settings) {
    return new GroupCommitWriter(
        transactions,
        settings.writeQueueCapacity(),
        settings.maxBatchSize(),
        Duration.ofMillis(settings.maxBatchWaitMs()),
        Duration.ofMillis(settings.writeTimeoutMs()));
  }

  @Singleton
  @Named(UserRowReads.DATA_SOURCE)
  DataSource reader(SqliteDatabase database) {
    return database.reader();
  }
}
