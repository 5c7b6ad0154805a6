package dev.userbase.persistence.sqlite;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserTransfers;
import dev.userbase.persistence.jdbc.JdbcChangeFeed;
import dev.userbase.persistence.jdbc.JdbcGroupRepository;
import dev.userbase.persistence.jdbc.JdbcUserRepository;
import dev.userbase.persistence.jdbc.Outbox;
import dev.userbase.persistence.jdbc.StoreModule;
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
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** The SQLite store's beans: the file, its writer and reader pools, the repository. */
@Factory
@Requires(
    property = StoreModule.SETTING,
    value = SqliteStore.NAME,
    defaultValue = StoreModule.DEFAULT)
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
  @Named(SqliteUserReads.DATA_SOURCE)
  DataSource reader(SqliteDatabase database) {
    return database.reader();
  }

  /**
   * Persistence adapter: stores users in SQLite through Micronaut Data JDBC, every write through
   * the one writer's group commit, reads on the reader pool; an insert, the hottest write, and a
   * read by id in plain JDBC with their statements kept prepared ({@link SqliteUserInsert},
   * {@link UserById}).
   */
  @Singleton
  UserRepository users(
      SqliteUserWrites writes,
      SqliteUserReads reads,
      GroupCommitWriter writer,
      SqliteDatabase database,
      @Named("default") TransactionOperations<Connection> transactions,
      @Nullable Outbox outbox) {
    return new JdbcUserRepository(
        reads,
        writes,
        writer::submit,
        SqliteFaults.INSTANCE,
        new UserById(database.reader())::find,
        new SqliteUserInsert(transactions::getConnection),
        outbox);
  }

  /**
   * The feed: the single writer serialises every transaction, so an event's id is its position
   * and there is nothing to stamp; reads on the reader pool, pruning through the writer.
   */
  @Singleton
  @Bean(preDestroy = "close")
  JdbcChangeFeed changes(
      SqliteDatabase database,
      GroupCommitWriter writer,
      @Named("default") TransactionOperations<Connection> transactions) {
    return new JdbcChangeFeed(
        database.reader(),
        writer::submit,
        transactions::getConnection,
        null,
        SqliteFaults.INSTANCE);
  }

  /** Each change's events, on the writer's connection, in the change's transaction. */
  @Singleton
  @Requires(property = "userbase.events.enabled", notEquals = "false")
  Outbox outbox(
      @Named("default") TransactionOperations<Connection> transactions, JdbcChangeFeed changes) {
    return new Outbox(transactions::getConnection, "", Clock.systemUTC(), changes, true);
  }

  /**
   * Persistence adapter for groups and memberships, on the same writer and reader pool as the
   * users: a membership's checks and insert are one write of the group commit.
   */
  @Singleton
  GroupRepository groups(
      SqliteGroupWrites writes,
      SqliteGroupReads reads,
      SqliteUserReads users,
      GroupCommitWriter writer,
      @Nullable Outbox outbox) {
    return new JdbcGroupRepository(
        reads, writes, users, writer::submit, SqliteFaults.INSTANCE, outbox);
  }

  /**
   * Bulk moves beside the running server, on the file it serves: each one on connections of its
   * own, as the {@code export} and {@code import} commands work (see {@link SqliteTransfer}).
   */
  @Singleton
  UserTransfers transfers(SqliteDatabase database, SqliteSettings settings) {
    return () -> SqliteTransfer.beside(database, settings);
  }
}
