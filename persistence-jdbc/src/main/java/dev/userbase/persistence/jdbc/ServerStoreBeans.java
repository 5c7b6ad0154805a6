package dev.userbase.persistence.jdbc;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.StoreBackups;
import dev.userbase.domain.StoreHealth;
import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserTransfers;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The beans of the chosen store when it has a server ({@link ServerStore}): its database, the pool
 * as the application's data source, the repository, its health, bulk moves on its connections, and
 * a backup answer that names the server's own tools.
 */
@Factory
@Requires(condition = ServerStoreBeans.Chosen.class)
class ServerStoreBeans {

  /** Whether {@code userbase.store} names a store with a server. */
  static final class Chosen implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
      return chosen(context) != null;
    }
  }

  private static ServerStore chosen(PropertyResolver configuration) {
    try {
      return StoreModule.configured(configuration) instanceof ServerStore server ? server : null;
    } catch (IllegalArgumentException unknown) {
      // The server refuses an unknown store at start, naming the setting.
      return null;
    }
  }

  @Singleton
  @Bean(preDestroy = "close")
  PooledDatabase database(
      Environment environment,
      PooledSettings settings,
      @Nullable MetricsTrackerFactory poolMetrics) {
    return PooledDatabase.open(chosen(environment), settings, poolMetrics);
  }

  @Singleton
  @Primary
  @Named("default")
  DataSource dataSource(PooledDatabase database) {
    return database.dataSource();
  }

  /**
   * Persistence adapter: stores users on the server through Micronaut Data JDBC, each write in a
   * transaction of its own, with the store's dialect ({@code rows}) and faults.
   */
  @Singleton
  UserRepository users(
      PooledDatabase database,
      UserRows rows,
      TransactionOperations<Connection> transactions,
      FeedSettings feed,
      JdbcChangeFeed changes) {
    return new JdbcUserRepository(
        rows,
        rows,
        JdbcUserRepository.inTransactions(transactions),
        database.store().faults(),
        null,
        database.store().userInsert(transactions::getConnection),
        outbox(feed, transactions, changes));
  }

  /**
   * The feed: events stamped after commit, one stamping transaction at a time in the cluster, read
   * under READ COMMITTED so it sees only what committed.
   */
  @Singleton
  @Bean(preDestroy = "close")
  JdbcChangeFeed changes(PooledDatabase database, TransactionOperations<Connection> transactions) {
    return new JdbcChangeFeed(
        database.dataSource(),
        JdbcUserRepository.readCommitted(transactions),
        transactions::getConnection,
        database.store().unstamped(),
        database.store().faults());
  }

  private static Outbox outbox(
      FeedSettings feed, TransactionOperations<Connection> transactions, JdbcChangeFeed changes) {
    if (!feed.enabled()) {
      return null;
    }
    // Events also come from other processes (another instance, an import command), to stamp.
    changes.start();
    return new Outbox(
        transactions::getConnection, " FOR UPDATE", Clock.systemUTC(), changes, false);
  }

  /** Persistence adapter for groups and memberships, beside the users, each write in its own. */
  @Singleton
  GroupRepository groups(
      PooledDatabase database,
      GroupRows rows,
      UserRows users,
      TransactionOperations<Connection> transactions,
      FeedSettings feed,
      JdbcChangeFeed changes) {
    return new JdbcGroupRepository(
        rows,
        rows,
        users,
        JdbcUserRepository.inTransactions(transactions),
        database.store().faults(),
        outbox(feed, transactions, changes));
  }

  @Singleton
  StoreHealth health(PooledDatabase database) {
    return database::check;
  }

  /** Each bulk move on a connection of the pool. */
  @Singleton
  UserTransfers transfers(PooledDatabase database) {
    return () -> database.store().openTransfer(database, null);
  }

  @Singleton
  StoreBackups backups(PooledDatabase database) {
    String tools = database.store().ownBackupTools().orElseThrow();
    return () -> {
      throw new UnsupportedOperationException(tools);
    };
  }
}
