package dev.userbase.persistence.sqlite;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
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
  @Named(UserRowReads.DATA_SOURCE)
  DataSource reader(SqliteDatabase database) {
    return database.reader();
  }
}
