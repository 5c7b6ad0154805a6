package dev.userbase.persistence.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.userbase.domain.StoreHealth;
import dev.userbase.domain.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's server behind an ordinary pool, migrated before first use; and its health: the pool
 * hands out a connection that answers, in bounded time.
 */
public final class PooledDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PooledDatabase.class);
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final ServerStore server;
  private final HikariDataSource pool;
  private final String where;

  private PooledDatabase(ServerStore server, HikariDataSource pool, String where) {
    this.server = server;
    this.pool = pool;
    this.where = where;
  }

  /**
   * Connects, applies the migrations and opens the pool, reporting to {@code poolMetrics} if
   * given.
   *
   * @throws StoreUnavailableException naming the host and database and the reason, never the
   *     password
   */
  public static PooledDatabase open(
      ServerStore server, PooledSettings settings, MetricsTrackerFactory poolMetrics) {
    String product = server.product();
    if (settings.url() == null || settings.url().isBlank()) {
      throw new StoreUnavailableException(
          "Cannot use " + product + ": no database URL; set DATASOURCES_DEFAULT_URL, such as "
              + server.exampleUrl(),
          null);
    }
    String where = server.describe(settings.url());
    HikariConfig config = new HikariConfig();
    config.setPoolName("userbase-" + server.name());
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maximumPoolSize());
    config.setConnectionTimeout(settings.connectionTimeout());
    server.configure(config, settings);
    if (poolMetrics != null) {
      config.setMetricsTrackerFactory(poolMetrics);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw unavailable(product, where, e);
    }
    try {
      server.migrate(pool, settings);
    } catch (RuntimeException e) {
      pool.close();
      throw unavailable(product, where, e);
    }
    LOG.info(
        "{} database {} (user={}, schema={}, pool={})",
        product,
        where,
        settings.username(),
        settings.schema() == null ? "default" : settings.schema(),
        settings.maximumPoolSize());
    return new PooledDatabase(server, pool, where);
  }

  public DataSource dataSource() {
    return pool;
  }

  /** host:port/database, never the password. */
  public String where() {
    return where;
  }

  /** The store this is the database of. */
  public ServerStore store() {
    return server;
  }

  /**
   * The store's health now. Details: the server, and the pool's connections in use, idle and
   * awaited.
   */
  public StoreHealth.Status check() {
    String problem;
    try (Connection connection = pool.getConnection()) {
      problem = connection.isValid(VALIDATION_TIMEOUT_SECONDS)
          ? null
          : server.product() + " connection did not answer";
    } catch (SQLException | RuntimeException e) {
      problem = server.product() + " connection failed: " + server.faults().describe(e);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("server", where);
    HikariPoolMXBean counters = pool.getHikariPoolMXBean();
    if (counters != null) {
      details.put("activeConnections", counters.getActiveConnections());
      details.put("idleConnections", counters.getIdleConnections());
      details.put("awaitingConnection", counters.getThreadsAwaitingConnection());
    }
    return new StoreHealth.Status(problem, details);
  }

  @Override
  public void close() {
    pool.close();
  }

  private static StoreUnavailableException unavailable(String product, String where, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new StoreUnavailableException(
        "Cannot use " + product + " database " + where + ": " + StoreFaults.firstLine(root), e);
  }
}
